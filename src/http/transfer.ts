/**
 * Streaming between HTTP bodies and local files for `HTTPFileSystem`'s
 * `_getFile` and `_putFile`: chunk by chunk, with progress, and nothing
 * left half-written at the destination. Internal.
 *
 * @module
 */

import type { Callback } from "../callbacks.ts";

/** Bytes per read of a local file being uploaded. */
const UPLOAD_CHUNK = 1 << 20;

/**
 * Writes a body to `lpath` through a temporary file in the same directory,
 * renamed once complete; on failure the temporary file is removed and
 * `lpath` is untouched. `callback` gets `relativeUpdate` per chunk.
 *
 * @param body The bytes.
 * @param lpath The destination.
 * @param callback Progress.
 */
export async function _writeToFile(
  body: ReadableStream<Uint8Array> | null,
  lpath: string,
  callback: Callback | undefined,
): Promise<void> {
  const tmp = `${lpath}.part-${crypto.randomUUID().slice(0, 8)}`;
  const file = await Deno.open(tmp, {
    write: true,
    create: true,
    truncate: true,
  });
  const writer = file.writable.getWriter();
  try {
    if (body) {
      for await (const chunk of body) {
        await writer.write(chunk);
        callback?.relativeUpdate(chunk.length);
      }
    }
    await writer.close();
    await Deno.rename(tmp, lpath);
  } catch (error) {
    await writer.abort(error).catch(() => {});
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
}

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
