/**
 * The file caches by name (fsspec's `caches` registry), and the checks of
 * `cacheType` and `cacheOptions` that run before a file is opened.
 *
 * @module
 */

import type { _BaseCache, _Fetcher } from "./_base_cache.ts";
import { _AllCache } from "./all_cache.ts";
import { _BackgroundCache } from "./background_cache.ts";
import { _BlockCache } from "./block_cache.ts";
import { _BytesCache } from "./bytes_cache.ts";
import type { CacheOptions, CacheType } from "./cache_options.ts";
import { _FirstCache } from "./first_cache.ts";
import { _NoneCache } from "./none_cache.ts";
import { _PartsCache } from "./parts_cache.ts";
import { _ReadAheadCache } from "./readahead_cache.ts";

/** A cache class: block size, fetcher, file size, options. */
export type _CacheClass = new (
  blockSize: number,
  fetcher: _Fetcher,
  size: number,
  options?: CacheOptions,
) => _BaseCache;

/** Every cache by its `cacheType` name. */
export const _caches: Readonly<Record<CacheType, _CacheClass>> = {
  none: _NoneCache,
  bytes: _BytesCache,
  readahead: _ReadAheadCache,
  blockcache: _BlockCache,
  first: _FirstCache,
  all: _AllCache,
  background: _BackgroundCache,
  parts: _PartsCache,
};

const OPTION_NAMES = new Set(["maxBlocks", "trim", "parts"]);

/**
 * Checks a cache name and its options; throws before any I/O.
 * @throws {TypeError} For an unknown name or option, or a malformed part.
 * @throws {RangeError} For a `maxBlocks` that is not a positive integer, or
 * a part before the start of the file.
 */
export function _checkCache(
  path: string,
  cacheType: string,
  options: CacheOptions = {},
): void {
  if (!Object.hasOwn(_caches, cacheType)) {
    throw new TypeError(
      `Cannot open "${path}" with cache type "${cacheType}": use one of ${
        Object.keys(_caches).map((n) => `"${n}"`).join(", ")
      }`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.has(key)) {
      throw new TypeError(
        `Cannot open "${path}" with cache option "${key}": use ${
          [...OPTION_NAMES].join(", ")
        }`,
      );
    }
  }
  const { maxBlocks } = options;
  if (
    maxBlocks !== undefined && (!Number.isInteger(maxBlocks) || maxBlocks < 1)
  ) {
    throw new RangeError(
      `Cannot open "${path}" with maxBlocks ${maxBlocks}: it must be a positive integer`,
    );
  }
  for (const part of options.parts ?? []) {
    if (!(part?.data instanceof Uint8Array)) {
      throw new TypeError(
        `Cannot open "${path}" with a known part: its data must be a Uint8Array`,
      );
    }
    if (!Number.isInteger(part.start) || part.start < 0) {
      throw new RangeError(
        `Cannot open "${path}" with a known part at ${part.start}: it must be a non-negative integer`,
      );
    }
  }
}

/** A cache of the checked name over `fetcher`, for a file of `size` bytes. */
export function _makeCache(
  cacheType: CacheType,
  blockSize: number,
  fetcher: _Fetcher,
  size: number,
  options?: CacheOptions,
): _BaseCache {
  return new _caches[cacheType](blockSize, fetcher, size, options);
}
