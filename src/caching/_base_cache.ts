/**
 * The base of every file cache: a fetcher over the file, its size, the
 * counters, and the sharing of requests in flight.
 *
 * @module
 */

import type { CacheOptions } from "./cache_options.ts";

/** Gets bytes `[start, end)` of the file; `end` may pass the end of the file. */
export type _Fetcher = (
  start: number,
  end: number,
  signal?: AbortSignal,
) => Promise<Uint8Array>;

/** What a cache counts: reads served, reads that needed a request, requests. */
export interface _CacheStats {
  /** Reads answered from the cache alone. */
  hits: number;
  /** Reads that needed (or waited for) a request. */
  misses: number;
  /** Requests made through the fetcher. */
  requests: number;
  /** Bytes asked of the fetcher. */
  requestedBytes: number;
}

interface Flight {
  start: number;
  end: number;
  promise: Promise<Uint8Array>;
}

/**
 * fsspec's `BaseCache`: `fetch(start, end)` answers any range of the file;
 * subclasses implement `read` for a range already clamped to the size.
 * `size` may be `Infinity` where the file's size is unknown.
 */
export abstract class _BaseCache {
  /** The cache's name in `cacheType`. */
  static readonly cacheName: string;
  readonly blockSize: number;
  readonly size: number;
  readonly stats: _CacheStats = {
    hits: 0,
    misses: 0,
    requests: 0,
    requestedBytes: 0,
  };
  /** The cache's options (checked by `_checkCache`). */
  protected readonly options: CacheOptions;
  #fetcher: _Fetcher;
  #flights: Flight[] = [];

  constructor(
    blockSize: number,
    fetcher: _Fetcher,
    size: number,
    options: CacheOptions = {},
  ) {
    this.blockSize = blockSize;
    this.#fetcher = fetcher;
    this.size = size;
    this.options = options;
  }

  /** Bytes `[start, end)`, fewer at the end of the file. */
  fetch(start: number, end: number, signal?: AbortSignal): Promise<Uint8Array> {
    end = Math.min(end, this.size);
    if (start >= end) return Promise.resolve(new Uint8Array(0));
    return this.read(start, end, signal);
  }

  /** Drops what the cache holds; waits for work it started by itself. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Answers `[start, end)`, `0 <= start < end <= size`. */
  protected abstract read(
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array>;

  /** One request through the fetcher, counted; not shared. */
  protected request(
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    end = Math.min(end, this.size);
    this.stats.requests++;
    this.stats.requestedBytes += end === Infinity ? 0 : end - start;
    return this.#fetcher(start, end, signal);
  }

  /**
   * Bytes `[start, end)` from a request in flight that covers them, or from
   * a new request (which later reads of a range inside it share).
   */
  protected shared(
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    end = Math.min(end, this.size);
    const covering = this.#flights.find((f) =>
      f.start <= start && end <= f.end
    );
    if (covering) {
      return covering.promise.then((data) =>
        data.slice(start - covering.start, end - covering.start)
      );
    }
    const flight = { start, end, promise: this.request(start, end, signal) };
    this.#flights.push(flight);
    const done = () => {
      this.#flights.splice(this.#flights.indexOf(flight), 1);
    };
    flight.promise.then(done, done);
    return flight.promise;
  }
}

/**
 * A cache that keeps one contiguous buffer (`"bytes"`, `"readahead"`): the
 * buffer, and a read answered from it.
 */
export abstract class _BufferCache extends _BaseCache {
  /** Where the buffer starts in the file. */
  protected bufferStart = 0;
  /** The buffer. */
  protected buffer: Uint8Array = new Uint8Array(0);

  /** A hit is a copy from the buffer; a miss goes to `miss`. */
  protected read(
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    const from = start - this.bufferStart;
    if (from >= 0 && end - this.bufferStart <= this.buffer.length) {
      this.stats.hits++;
      return Promise.resolve(this.buffer.slice(from, end - this.bufferStart));
    }
    this.stats.misses++;
    return this.miss(start, end, signal);
  }

  /**
   * Answers a read the buffer does not hold, and updates the buffer (see
   * `held`).
   */
  protected abstract miss(
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array>;

  /** The buffer and its bounds: `[held, heldStart, heldEnd]`. */
  protected held(): [Uint8Array, number, number] {
    return [
      this.buffer,
      this.bufferStart,
      this.bufferStart + this.buffer.length,
    ];
  }

  override close(): Promise<void> {
    this.buffer = new Uint8Array(0);
    return Promise.resolve();
  }
}
