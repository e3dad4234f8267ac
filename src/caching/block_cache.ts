/**
 * The `"blockcache"` cache (fsspec's `BlockCache`).
 *
 * @module
 */

import { concat } from "@std/bytes/concat";
import { _BaseCache } from "./_base_cache.ts";

/**
 * The file as blocks of `blockSize`, each one request, kept in an LRU of
 * `maxBlocks`. Reads that need a block in flight wait for that request.
 */
export class _BlockCache extends _BaseCache {
  static override readonly cacheName: string = "blockcache";
  /** The most blocks kept. */
  readonly maxBlocks: number = this.options.maxBlocks ?? 32;
  /** Block number → its bytes (or their request); oldest use first. */
  #blocks = new Map<number, Promise<Uint8Array>>();

  /** The block numbers of `[start, end)`, first and last. */
  protected span(start: number, end: number): [number, number] {
    return [
      Math.floor(start / this.blockSize),
      Math.floor((end - 1) / this.blockSize),
    ];
  }

  protected async read(
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    const [first, last] = this.span(start, end);
    let missed = false;
    const blocks: Promise<Uint8Array>[] = [];
    for (let i = first; i <= last; i++) {
      const held = this.#blocks.get(i);
      missed ||= held === undefined;
      blocks.push(this.block(i, signal));
    }
    if (missed) this.stats.misses++;
    else this.stats.hits++;
    const data = await Promise.all(blocks);
    const bs = this.blockSize;
    return concat(data.map((block, k) => {
      const offset = (first + k) * bs;
      return block.subarray(
        Math.max(start - offset, 0),
        Math.min(end - offset, bs),
      );
    }));
  }

  /** Whether block `i` is held or in flight. */
  protected has(i: number): boolean {
    return this.#blocks.has(i);
  }

  /** Block `i`: held (and made the newest), or requested and kept. */
  protected block(i: number, signal?: AbortSignal): Promise<Uint8Array> {
    let block = this.#blocks.get(i);
    if (block) this.#blocks.delete(i);
    else {
      const start = i * this.blockSize;
      block = this.request(start, start + this.blockSize, signal);
      block.catch(() => {
        if (this.#blocks.get(i) === block) this.#blocks.delete(i);
      });
    }
    this.#blocks.set(i, block);
    if (this.#blocks.size > this.maxBlocks) {
      this.#blocks.delete(this.#blocks.keys().next().value!);
    }
    return block;
  }

  override close(): Promise<void> {
    this.#blocks.clear();
    return Promise.resolve();
  }
}
