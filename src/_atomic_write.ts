/**
 * Writing a local file so that a failure leaves nothing at the destination:
 * the bytes go to a temporary file beside it, renamed once complete. Used by
 * the default `_getFile` and by streaming backends. Internal.
 *
 * @module
 */

import type { Callback } from "./callbacks.ts";

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
