/**
 * The local disk's write sink: the bytes stream to a temporary file beside
 * the destination (`_writeToFile`), renamed over it on commit; an abort
 * removes the temporary file. Internal.
 *
 * @module
 */

import { concatReadableStreams } from "@std/streams";
import { _writeToFile } from "../_atomic_write.ts";
import type { _SinkOptions, _WriteSink } from "../write_sink.ts";

/**
 * Opens a sink that writes `path` through a temporary file. For `append`,
 * the file's present bytes are copied in first, so the destination changes
 * only on commit.
 *
 * @param path The destination (an absolute path).
 * @param parent Its directory.
 * @param options `append`.
 * @param mapError Deno's errors as the library's.
 * @returns The sink.
 * @throws {FileNotFoundError} Where the directory is missing (through `mapError`).
 */
export async function _localSink(
  path: string,
  parent: string,
  options: _SinkOptions,
  mapError: (error: unknown) => unknown,
): Promise<_WriteSink> {
  let present: Deno.FsFile | null = null;
  try {
    options.signal?.throwIfAborted();
    if (!(await Deno.stat(parent)).isDirectory) {
      throw new Deno.errors.NotADirectory(`not a directory: ${parent}`);
    }
    if (options.append) {
      present = await Deno.open(path, { read: true }).catch((error) => {
        if (error instanceof Deno.errors.NotFound) return null;
        throw error;
      });
    }
  } catch (error) {
    throw mapError(error);
  }
  const pipe = new TransformStream<Uint8Array, Uint8Array>();
  const body = present
    ? concatReadableStreams(present.readable, pipe.readable)
    : pipe.readable;
  const writer = pipe.writable.getWriter();
  const done = _writeToFile(body, path, undefined).catch((error) => {
    throw mapError(error);
  });
  // a failure reaches the next write or the commit, never unhandled
  done.catch(() => {});
  return {
    async write(chunk) {
      const written = writer.write(chunk);
      written.catch(() => {});
      // the temporary file failing stops the stream: report its error
      await Promise.race([written, done.then(() => written)]);
    },
    async commit() {
      await writer.close();
      await done;
    },
    async abort(reason) {
      await writer.abort(reason).catch(() => {});
      await done.catch(() => {});
    },
  };
}
