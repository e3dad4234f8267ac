/**
 * The `"all"` cache (fsspec's `AllBytes`): the whole file in one request.
 *
 * @module
 */

import { _BaseCache } from "./_base_cache.ts";

/** Reads the whole file on the first read and serves every read from it. */
export class _AllCache extends _BaseCache {
  static override readonly cacheName = "all";
  #data: Promise<Uint8Array> | undefined;

  protected async read(
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    if (this.#data) this.stats.hits++;
    else {
      this.stats.misses++;
      this.#data = this.request(0, this.size, signal);
      this.#data.catch(() => this.#data = undefined);
    }
    return (await this.#data).slice(start, end);
  }

  override close(): Promise<void> {
    this.#data = undefined;
    return Promise.resolve();
  }
}
