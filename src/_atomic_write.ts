/**
 * Writing a local file so that a failure leaves nothing at the destination:
 * the bytes go to a temporary file beside it, renamed once complete. Used by
 * the default `_getFile` and by streaming backends. Internal.
 *
 * @module
 */

import { concat } from "@std/bytes/concat";
import type { Callback } from "./callbacks.ts";

/**
 * Chunks are gathered into writes of about this many bytes: one awaited
 * write per fetch chunk (64 KiB or less) costs more than the copy.
 */
const WRITE_SIZE = 2 ** 20;

/**
 * Writes a body to `lpath` through a temporary file in the same directory,
 * renamed once complete; on failure the temporary file is removed and
 * `lpath` is untouched. `callback` gets `relativeUpdate` per chunk
 * received; chunks are written in runs of about 1 MiB.
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
      // chunks wait here until a run of WRITE_SIZE is copied into `block`,
      // one buffer per file, reused (a new one per run would grow the RSS)
      let block: Uint8Array | undefined;
      let pending: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of body) {
        pending.push(chunk);
        size += chunk.length;
        callback?.relativeUpdate(chunk.length);
        while (size >= WRITE_SIZE) {
          block ??= new Uint8Array(WRITE_SIZE);
          let at = 0;
          const rest: Uint8Array[] = [];
          for (const piece of pending) {
            const n = Math.min(piece.length, WRITE_SIZE - at);
            block.set(n === piece.length ? piece : piece.subarray(0, n), at);
            at += n;
            if (n < piece.length) rest.push(piece.subarray(n));
          }
          await writer.write(block); // resolves once written: block is free
          pending = rest;
          size -= WRITE_SIZE;
        }
      }
      if (size > 0) {
        await writer.write(pending.length === 1 ? pending[0] : concat(pending));
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
