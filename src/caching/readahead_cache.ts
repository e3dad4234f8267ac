/**
 * The `"readahead"` cache (fsspec's `ReadAheadCache`).
 *
 * @module
 */

import { concat } from "@std/bytes/concat";
import { _BufferCache } from "./_base_cache.ts";

/**
 * Keeps the last request, which reads `blockSize` past the end of the read
 * that made it. A read inside it costs nothing; a read that starts inside
 * and ends past it asks for the rest plus `blockSize`; any other read asks
 * for itself plus `blockSize`. Best for many small reads in order.
 */
export class _ReadAheadCache extends _BufferCache {
  static override readonly cacheName = "readahead";

  protected async miss(
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    const [held, heldStart, heldEnd] = this.held();
    const from = start >= heldStart && start < heldEnd ? heldEnd : start;
    const data = await this.shared(from, end + this.blockSize, signal);
    this.bufferStart = from;
    this.buffer = data;
    const tail = data.subarray(0, end - from);
    return from === start
      ? tail.slice()
      : concat([held.subarray(start - heldStart), tail]);
  }
}
