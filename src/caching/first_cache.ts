/**
 * The `"first"` cache (fsspec's `FirstChunkCache`): the first block kept,
 * for formats whose header is read again and again.
 *
 * @module
 */

import { concat } from "@std/bytes/concat";
import { _BaseCache } from "./_base_cache.ts";

/**
 * Keeps bytes `[0, blockSize)` after the first read that touches them; the
 * part of a read past them is one request for exactly that part (shared by
 * concurrent reads inside it).
 */
export class _FirstCache extends _BaseCache {
  static override readonly cacheName = "first";
  #first: Promise<Uint8Array> | undefined;

  protected async read(
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    const edge = Math.min(this.blockSize, this.size);
    if (start >= edge) {
      this.stats.misses++;
      return await this.shared(start, end, signal);
    }
    if (this.#first) this.stats.hits++;
    else {
      this.stats.misses++;
      this.#first = this.request(0, edge, signal);
      this.#first.catch(() => this.#first = undefined);
    }
    const rest = end > edge ? this.shared(edge, end, signal) : undefined;
    const head = (await this.#first).subarray(start, Math.min(end, edge));
    return rest ? concat([head, await rest]) : head.slice();
  }

  override close(): Promise<void> {
    this.#first = undefined;
    return Promise.resolve();
  }
}
