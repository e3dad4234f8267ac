/**
 * A file's bytes as a stream of ranged reads, so that a large body is never
 * held whole. Internal.
 *
 * @module
 */

import type { AsyncFileSystem } from "../async_file_system.ts";

/**
 * The bytes `[start, end)` of `path`, read `chunkSize` at a time with
 * `_catFile` as the client takes them. A read that comes back empty before
 * `end` (the file shrank) errors the stream; cancelling it (the client
 * went away) aborts the read in flight.
 *
 * @param fs The filesystem.
 * @param path The file.
 * @param start The first byte.
 * @param end One past the last byte.
 * @param chunkSize Bytes per read.
 * @returns The stream.
 */
export function _rangeStream(
  fs: AsyncFileSystem,
  path: string,
  start: number,
  end: number,
  chunkSize: number,
): ReadableStream<Uint8Array> {
  const abort = new AbortController();
  let position = start;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (position >= end) {
        controller.close();
        return;
      }
      const stop = Math.min(position + chunkSize, end);
      const bytes = await fs._catFile(path, {
        start: position,
        end: stop,
        signal: abort.signal,
      });
      if (bytes.length === 0) {
        throw new Error(
          `Cannot read "${path}": it ended at byte ${position}, before ${end}`,
        );
      }
      position += bytes.length;
      controller.enqueue(bytes);
      if (position >= end) controller.close();
    },
    cancel() {
      abort.abort();
    },
  }, { highWaterMark: 0 });
}
