/**
 * `_pipe`: one file, or many from a map of path to bytes, written
 * concurrently through `_pipeFile`. Internal.
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import { _runBatch } from "./_batch.ts";
import type { BatchOptions } from "./types.ts";

/**
 * Write one file, or many concurrently.
 * @param fs The filesystem.
 * @param path A path, or a map of path to bytes.
 * @param data The bytes for one path, or the options for a map.
 * @param options The options for one path.
 * @throws {TypeError} Where one path comes without bytes.
 */
export async function _pipeMany(
  fs: AsyncFileSystem,
  path: string | Record<string, Uint8Array> | Map<string, Uint8Array>,
  data?: Uint8Array | BatchOptions,
  options?: BatchOptions,
): Promise<void> {
  let entries: [string, Uint8Array][];
  if (typeof path === "string") {
    if (!(data instanceof Uint8Array)) {
      throw new TypeError(
        `Cannot write "${path}": data must be a Uint8Array`,
      );
    }
    entries = [[path, data]];
  } else {
    entries = path instanceof Map ? [...path] : Object.entries(path);
    options = data as BatchOptions | undefined;
  }
  await _runBatch(
    fs,
    entries.map(([p, d]) => (signal: AbortSignal) =>
      fs._pipeFile(p, d, { signal })
    ),
    options,
  );
}
