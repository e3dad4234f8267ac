/**
 * `_rm`: files deleted concurrently, then directories, deepest first.
 * Internal.
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import { _runBatch } from "./_batch.ts";
import { FileNotFoundError } from "./errors.ts";
import { _expandDetailed } from "./_tree.ts";
import type { RmOptions } from "./types.ts";

/** Deletes what `path` names; `recursive` takes directories and all below them. */
export async function _rmMany(
  fs: AsyncFileSystem,
  path: string | readonly string[],
  options: RmOptions,
): Promise<void> {
  const { recursive = false, maxDepth, signal } = options;
  const found = await _expandDetailed(fs, path, {
    recursive,
    maxDepth,
    signal,
  });
  const files: string[] = [];
  const dirs: string[] = [];
  for (const [name, info] of found) {
    const isDir = info?.type === "directory" ||
      (recursive && info === null && await fs._isDir(name, { signal }));
    (isDir ? dirs : files).push(name);
  }
  await _runBatch(
    fs,
    files.reverse().map((p) => (s: AbortSignal) =>
      fs._rmFile(p, { signal: s })
    ),
    options,
  );
  // deepest first: a directory goes once what is in it has gone
  const depth = (p: string) => p.split("/").length;
  dirs.sort((a, b) => depth(b) - depth(a));
  for (const dir of dirs) {
    try {
      await fs._rmdir(dir, { signal });
    } catch (error) {
      // a directory implied only by its files went with them (memory, object stores)
      if (!(error instanceof FileNotFoundError)) throw error;
    }
  }
}
