/**
 * The `"none"` cache (fsspec's `BaseCache`): every read is one request.
 *
 * @module
 */

import { _BaseCache } from "./_base_cache.ts";

/** Keeps nothing: each read asks the fetcher for exactly its bytes. */
export class _NoneCache extends _BaseCache {
  static override readonly cacheName = "none";

  protected read(
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    this.stats.misses++;
    return this.request(start, end, signal);
  }
}
