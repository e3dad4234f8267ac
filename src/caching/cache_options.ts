/**
 * The names and options of the caches of files opened for reading
 * (fsspec's `cache_type` and `cache_options`).
 *
 * @module
 */

/**
 * A file cache by fsspec's name:
 * - `"none"`: every read is one request for exactly its bytes;
 * - `"bytes"`: one contiguous buffer, read ahead by `blockSize` and extended
 *   forwards or backwards (semi-random reads moving through a file);
 * - `"readahead"`: the last request plus `blockSize` after it (sequential
 *   small reads);
 * - `"blockcache"`: blocks of `blockSize`, kept in an LRU of
 *   `cacheOptions.maxBlocks`;
 * - `"first"`: the first block kept, everything else read as asked (headers);
 * - `"all"`: the whole file in one request;
 * - `"background"`: a `"blockcache"` that also fetches the block after each
 *   read;
 * - `"parts"`: byte ranges known up front (`cacheOptions.parts`), the rest
 *   read as asked.
 */
export type CacheType =
  | "none"
  | "bytes"
  | "readahead"
  | "blockcache"
  | "first"
  | "all"
  | "background"
  | "parts";

/** One byte range of a file known before it is opened (the `"parts"` cache). */
export interface KnownPart {
  /** Where the bytes start in the file. */
  start: number;
  /** The bytes. */
  data: Uint8Array;
}

/** Options of the file caches (fsspec's `cache_options`). */
export interface CacheOptions {
  /**
   * The most blocks `"blockcache"` and `"background"` keep; the least
   * recently used goes first.
   * @default {32}
   */
  maxBlocks?: number;
  /**
   * `"bytes"` drops the blocks before the current read once its buffer is
   * longer than two blocks.
   * @default {true}
   */
  trim?: boolean;
  /**
   * The byte ranges `"parts"` serves without a request.
   * @default {[]}
   */
  parts?: readonly KnownPart[];
}
