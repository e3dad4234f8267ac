/**
 * `_cat`: one file's bytes, or many files read concurrently into a `Map` in
 * the caller's order. Internal.
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import { _runBatch } from "./_batch.ts";
import { _expandDetailed } from "./_tree.ts";
import type { CatOptions } from "./types.ts";

/** Reads what `path` names (fsspec's `_cat`): bytes for one file, else a `Map`. */
export async function _catMany(
  fs: AsyncFileSystem,
  path: string | readonly string[],
  options: CatOptions,
): Promise<Uint8Array | Map<string, Uint8Array | Error>> {
  const { onError = "raise", signal } = options;
  const expanded = await _expandDetailed(fs, path, {
    recursive: options.recursive,
    signal,
  });
  // a recursive read reads the files below directories, not the directories
  const paths = [...expanded]
    .filter(([, info]) => !options.recursive || info?.type !== "directory")
    .map(([name]) => name);
  const thunks = paths.map((p) => (s: AbortSignal) =>
    fs._catFile(p, { signal: s })
  );
  const out = onError === "raise"
    ? await _runBatch(fs, thunks, options)
    : await _runBatch(fs, thunks, options, true);
  if (
    typeof path === "string" && paths.length === 1 &&
    paths[0] === fs.stripProtocol(path)
  ) {
    // one file read is bytes or a throw: an Error is no file's content
    if (out[0] instanceof Error) throw out[0];
    return out[0];
  }
  const result = new Map<string, Uint8Array | Error>();
  paths.forEach((p, i) => {
    if (onError !== "omit" || !(out[i] instanceof Error)) result.set(p, out[i]);
  });
  return result;
}
