/**
 * `FSMap`'s many-key operations on the filesystem's batch methods:
 * `getMany` over `_catRanges`, `setMany` over `_makeDirs` and `_pipe`.
 * Internal.
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import { _runBatch } from "./_batch.ts";
import { FileNotFoundError } from "./errors.ts";
import type { GetManyOptions } from "./mapper.ts";
import type { BatchOptions } from "./types.ts";

/**
 * The values of many keys, read concurrently, as `getMany` answers.
 * @param keys The keys, as given.
 * @param paths Their paths, in the same order.
 * @throws The first failure other than not-found, with `onError: "raise"`.
 */
export async function _readMany(
  fs: AsyncFileSystem,
  keys: readonly string[],
  paths: readonly string[],
  options: GetManyOptions,
): Promise<Map<string, Uint8Array | Error>> {
  const { onError = "raise", ...batch } = options;
  // each path read literally: `_cat` would take "[" or "*" in a key for a glob
  const values = keys.length === 0
    ? []
    : await fs._catRanges(paths, null, null, { ...batch, onError: "return" });
  const out = new Map<string, Uint8Array | Error>();
  keys.forEach((key, i) => {
    const value = values[i];
    if (!(value instanceof Error) || onError === "return") {
      out.set(key, value);
    } else if (onError === "raise" && !(value instanceof FileNotFoundError)) {
      throw value;
    }
  });
  return out;
}

/**
 * Writes many files concurrently, after making their parent directories
 * (the deepest only: making them makes the others).
 * @param files Path to bytes.
 */
export async function _writeMany(
  fs: AsyncFileSystem,
  files: Map<string, Uint8Array>,
  options: BatchOptions,
): Promise<void> {
  const { signal } = options;
  const parents = new Set([...files.keys()].map((p) => fs.parent(p)));
  const above = new Set<string>();
  for (const p of parents) {
    for (let i = p.lastIndexOf("/"); i > 0; i = p.lastIndexOf("/", i - 1)) {
      above.add(p.slice(0, i));
    }
  }
  const deepest = [...parents].filter((p) => !above.has(p));
  await _runBatch(
    fs,
    deepest.map((dir) => (s: AbortSignal) =>
      fs._makeDirs(dir, { existOk: true, signal: s })
    ),
    { batchSize: options.batchSize, signal },
  );
  await fs._pipe(files, options);
}
