/**
 * The `"readahead"` cache (fsspec's `ReadAheadCache`).
 *
 * @module
 */

import { _BaseCache, _concat } from "./_base_cache.ts";

/**
 * Keeps the last request, which reads `blockSize` past the end of the read
 * that made it. A read inside it costs nothing; a read that starts inside
 * and ends past it asks for the rest plus `blockSize`; any other read asks
 * for itself plus `blockSize`. Best for many small reads in order.
 */
export class _ReadAheadCache extends _BaseCache {
  static override readonly cacheName = "readahead";
  #start = 0;
  #data: Uint8Array = new Uint8Array(0);

  protected async read(
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    const held = this.#data;
    const heldStart = this.#start;
    const heldEnd = heldStart + held.length;
    if (start >= heldStart && end <= heldEnd) {
      this.stats.hits++;
      return held.slice(start - heldStart, end - heldStart);
    }
    this.stats.misses++;
    const from = start >= heldStart && start < heldEnd ? heldEnd : start;
    const data = await this.shared(from, end + this.blockSize, signal);
    this.#start = from;
    this.#data = data;
    const tail = data.subarray(0, end - from);
    return from === start
      ? tail.slice()
      : _concat([held.subarray(start - heldStart), tail]);
  }

  override close(): Promise<void> {
    this.#data = new Uint8Array(0);
    return Promise.resolve();
  }
}
