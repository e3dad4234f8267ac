/**
 * The `"bytes"` cache (fsspec's `BytesCache`), the default of HTTP files.
 *
 * @module
 */

import { _BaseCache, _concat, type _Fetcher } from "./_base_cache.ts";
import type { CacheOptions } from "./cache_options.ts";

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
export class _BytesCache extends _BaseCache {
  static override readonly cacheName = "bytes";
  #trim: boolean;
  #start = 0;
  #data: Uint8Array = new Uint8Array(0);

  constructor(
    blockSize: number,
    fetcher: _Fetcher,
    size: number,
    options: CacheOptions = {},
  ) {
    super(blockSize, fetcher, size);
    this.#trim = options.trim ?? true;
  }

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
    const ahead = end + this.blockSize;
    const bs = this.blockSize;
    let newStart: number;
    let data: Uint8Array;
    if (
      held.length > 0 && start >= heldStart && start <= heldEnd &&
      end - heldEnd <= bs
    ) {
      data = _concat([held, await this.shared(heldEnd, ahead, signal)]);
      newStart = heldStart;
    } else if (
      held.length > 0 && start < heldStart && end <= heldEnd &&
      heldStart - start <= bs
    ) {
      data = _concat([await this.shared(start, heldStart, signal), held]);
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
    this.#start = newStart;
    this.#data = data;
    return out;
  }

  override close(): Promise<void> {
    this.#data = new Uint8Array(0);
    return Promise.resolve();
  }
}
