/**
 * Where the bytes of a file open for writing go: the one hook a backend
 * overrides to decide how a written file is committed. The default gathers
 * the chunks and writes them whole with `_pipeFile` on commit, so a file
 * abandoned before it is committed leaves nothing. Internal.
 *
 * @module
 */

import { concat } from "@std/bytes";
import { FileNotFoundError } from "./errors.ts";
import type { IOOptions } from "./types.ts";

/** What a write file needs of a backend: take chunks, then commit or abort. */
export interface _WriteSink {
  /** Take a chunk; the sink keeps its own copy. */
  write(chunk: Uint8Array): Promise<void>;
  /** Make the file appear whole at its path. */
  commit(): Promise<void>;
  /** Drop what was written: nothing appears, an older file stays. */
  abort(reason?: unknown): Promise<void>;
}

/** How a sink is opened. */
export interface _SinkOptions extends IOOptions {
  /** Keep the file's present bytes in front of the new ones (mode `"ab"`). */
  append: boolean;
}

/**
 * The key of the hook `(path, options) => Promise<_WriteSink>` on a
 * filesystem. A symbol, not a `_` method: those run on the IO Worker in
 * blocking mode, and a sink cannot cross to it.
 */
export const _openSink: unique symbol = Symbol("fsspec.openSink");

/** The subset of a filesystem the default sink writes through. */
interface Pipes {
  _catFile(path: string, options?: IOOptions): Promise<Uint8Array>;
  _pipeFile(path: string, data: Uint8Array, options?: IOOptions): Promise<void>;
}

/**
 * The default sink: chunks gathered in memory, written whole on commit by
 * `pipe` (after the present bytes of the file for `append`); `pipe` is
 * `fs._pipeFile` unless given.
 *
 * @param fs The filesystem, for the present bytes when appending.
 * @param path The file.
 * @param options `append`, `signal`.
 * @param pipe Writes the whole file.
 * @returns The sink.
 */
export function _bufferSink(
  fs: Pipes,
  path: string,
  options: _SinkOptions,
  pipe: (data: Uint8Array) => Promise<void> = (data) =>
    fs._pipeFile(path, data, { signal: options.signal }),
): _WriteSink {
  let chunks: Uint8Array[] = [];
  return {
    write(chunk) {
      chunks.push(chunk.slice());
      return Promise.resolve();
    },
    async commit() {
      if (options.append) {
        const present = await fs._catFile(path, { signal: options.signal })
          .catch((error) => {
            if (error instanceof FileNotFoundError) return new Uint8Array(0);
            throw error;
          });
        chunks.unshift(present);
      }
      const data = concat(chunks);
      chunks = [];
      await pipe(data);
    },
    abort() {
      chunks = [];
      return Promise.resolve();
    },
  };
}
