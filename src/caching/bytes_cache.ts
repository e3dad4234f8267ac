/**
 * The `"bytes"` cache (fsspec's `BytesCache`), the default of HTTP files.
 *
 * @module
 */

import { concat } from "@std/bytes/concat";
import { _BufferCache } from "./_base_cache.ts";

/**
 * One contiguous buffer. A miss reads `blockSize` past the end of the read;
 * a read that starts inside the buffer and ends at most a block past it
 * extends the buffer forwards; one that starts at most a block before the
 * buffer (and does not end past it) extends it backwards to the read's
 * start, so that a file's body read after its footer (Parquet) costs one
 * request and no byte twice; any other read replaces the buffer. With `trim`,
 * a buffer longer than two blocks drops the whole blocks before the read.
 * Suits semi-random reads that move through a file.
 */
export class _BytesCache extends _BufferCache {
  static override readonly cacheName = "bytes";
  #trim = this.options.trim ?? true;

  protected async miss(
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    const [held, heldStart, heldEnd] = this.held();
    const ahead = end + this.blockSize;
    const bs = this.blockSize;
    let newStart: number;
    let data: Uint8Array;
    if (
      held.length > 0 && start >= heldStart && start <= heldEnd &&
      end - heldEnd <= bs
    ) {
      data = concat([held, await this.shared(heldEnd, ahead, signal)]);
      newStart = heldStart;
    } else if (
      held.length > 0 && start < heldStart && end <= heldEnd &&
      heldStart - start <= bs
    ) {
      data = concat([await this.shared(start, heldStart, signal), held]);
      newStart = start;
    } else {
      data = await this.shared(start, ahead, signal);
      newStart = start;
    }
    const out = data.slice(start - newStart, end - newStart);
    if (this.#trim && data.length > 2 * bs && bs > 0) {
      const drop = Math.floor((start - newStart) / bs) * bs;
      data = data.subarray(drop);
      newStart += drop;
    }
    this.bufferStart = newStart;
    this.buffer = data;
    return out;
  }
}
