/**
 * The `"background"` cache (fsspec's `BackgroundBlockCache`).
 *
 * @module
 */

import { _BlockCache } from "./block_cache.ts";

/**
 * A `"blockcache"` that, after each read, requests the block after the
 * read's last one when it is neither held nor in flight, so that a reader
 * moving forwards finds it waiting. Unlike fsspec, which runs one
 * prefetch at a time on a thread, each read may start one: the requests a
 * sequence of reads makes do not depend on timing. `close` waits for the
 * prefetches in flight.
 */
export class _BackgroundCache extends _BlockCache {
  static override readonly cacheName = "background";
  #prefetches = new Set<Promise<unknown>>();

  protected override read(
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    const data = super.read(start, end, signal);
    const next = this.span(start, end)[1] + 1;
    if (next * this.blockSize < this.size && !this.has(next)) {
      const settled = this.block(next, signal).then(() => {}, () => {});
      this.#prefetches.add(settled);
      settled.then(() => this.#prefetches.delete(settled));
    }
    return data;
  }

  override async close(): Promise<void> {
    await Promise.all(this.#prefetches);
    await super.close();
  }
}
