/**
 * A counting fetcher over known bytes, for the cache tests: it records each
 * `[start, end)` asked, and can hold its answers until released.
 *
 * @module
 */

import type { _Fetcher } from "../../src/caching/_base_cache.ts";
import type { CacheType } from "../../src/caching/cache_options.ts";

/** fsspec's cache names, in the order of its `caches` registry. */
export const CACHE_NAMES: CacheType[] = [
  "none",
  "bytes",
  "readahead",
  "blockcache",
  "first",
  "all",
  "background",
  "parts",
];

/** Bytes `i * 7 + 3 (mod 256)`, so that every offset is told apart. */
export function pattern(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 7 + 3) % 256;
  return out;
}

/** A fetcher over `data` and the ranges it was asked for. */
export interface Counting {
  fetcher: _Fetcher;
  calls: [number, number][];
  /** Lets held answers go (when made with `held`). */
  release(): void;
}

/**
 * A fetcher over `data` that records every call.
 * @param data The file.
 * @param held Hold every answer until `release()`.
 * @param failFirst Reject the first call with an Error.
 */
export function counting(
  data: Uint8Array,
  { held = false, failFirst = false } = {},
): Counting {
  const calls: [number, number][] = [];
  const gate = Promise.withResolvers<void>();
  if (!held) gate.resolve();
  return {
    calls,
    release: () => gate.resolve(),
    fetcher: async (start, end) => {
      calls.push([start, end]);
      const first = calls.length === 1;
      await gate.promise;
      if (failFirst && first) throw new Error("first call fails");
      return data.slice(start, Math.min(end, data.length));
    },
  };
}
