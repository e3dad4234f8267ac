/**
 * Streaming between HTTP bodies and local files for `HTTPFileSystem`'s
 * `_getFile` and `_putFile`: chunk by chunk, with progress, and nothing
 * left half-written at the destination (`_writeToFile`, shared with the
 * core). Internal.
 *
 * @module
 */

import type { Callback } from "../callbacks.ts";

/** Bytes per read of a local file being uploaded. */
const UPLOAD_CHUNK = 1 << 20;

/**
 * A request body that reads an open file chunk by chunk; `callback` gets
 * `relativeUpdate` as each chunk is handed on. The caller closes the file.
 *
 * @param file The file, open for reading.
 * @param callback Progress.
 * @returns The stream.
 */
export function _fileBody(
  file: Deno.FsFile,
  callback: Callback | undefined,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = new Uint8Array(UPLOAD_CHUNK);
      const n = await file.read(chunk);
      if (n === null) return controller.close();
      controller.enqueue(chunk.subarray(0, n));
      callback?.relativeUpdate(n);
    },
  });
}
