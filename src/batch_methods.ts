/**
 * The batch methods of every filesystem (`_cat`, `_pipe`, `_rm`, `_copy`,
 * `_get`, `_put`, …): many paths at once, run concurrently through
 * `runCorosInChunks`, in one interface that `AsyncFileSystem` merges.
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import { _runBatch } from "./_batch.ts";
import { _catMany } from "./_cat.ts";
import { _catRangesOf } from "./_cat_ranges.ts";
import { _pipeMany } from "./_pipe.ts";
import { _rmMany } from "./_remove.ts";
import { _copyWithin, _runTransfers } from "./_transfer.ts";
import type * as t from "./types.ts";

/**
 * The methods that act on many paths (lists, globs, trees) concurrently,
 * in batches of `batchSize`, which every filesystem derives from its core;
 * a backend may override them with `override`.
 */
export interface BatchMethods {
  // The order keeps the methods of like shape (_copy, _get, _put) apart,
  // so that no run of declarations repeats another (`duplicates`).
  /** The sizes of many paths, batched. */
  _sizes(
    paths: readonly string[],
    options?: t.BatchOptions,
  ): Promise<(number | null)[]>;

  /**
   * Read one file, or many (a list, a glob, or `recursive`) concurrently.
   * @returns The bytes for one literal path; else a `Map` of path to bytes (or `Error`, with `onError: "return"`).
   */
  _cat(
    path: readonly string[],
    options?: t.CatOptions,
  ): Promise<Map<string, Uint8Array | Error>>;
  /**
   * Read one file, or the files a glob or `recursive` finds.
   * @returns The bytes where `path` names one file; else a `Map` of path to bytes.
   */
  _cat(
    path: string,
    options?: t.CatOptions,
  ): Promise<Uint8Array | Map<string, Uint8Array | Error>>;

  /** Read byte ranges of many files concurrently; scalars broadcast. */
  _catRanges(
    paths: readonly string[],
    starts: number | null | readonly (number | null)[],
    ends: number | null | readonly (number | null)[],
    options?: t.CatRangesOptions,
  ): Promise<(Uint8Array | Error)[]>;

  /** Copy within the filesystem: files, lists, globs, or trees with `recursive`. */
  _copy(
    path1: string | readonly string[],
    path2: string | readonly string[],
    options?: t.CopyOptions,
  ): Promise<void>;

  /** Delete paths; `recursive` deletes directories and what is in them. */
  _rm(path: string | readonly string[], options?: t.RmOptions): Promise<void>;

  /** Download files, lists, globs or trees to a local path. */
  _get(
    rpath: string | readonly string[],
    lpath: string | readonly string[],
    options?: t.TransferOptions,
  ): Promise<void>;

  /** Write one file, or many from a map of path to bytes, concurrently. */
  _pipe(
    path: string | Record<string, Uint8Array> | Map<string, Uint8Array>,
    data?: Uint8Array | t.BatchOptions,
    options?: t.BatchOptions,
  ): Promise<void>;

  /** Upload local files, lists, globs or trees. */
  _put(
    lpath: string | readonly string[],
    rpath: string | readonly string[],
    options?: t.TransferOptions,
  ): Promise<void>;
}

/** The batch methods, installed on `AsyncFileSystem`'s prototype. */
export const _batchMethods: BatchMethods & ThisType<AsyncFileSystem> = {
  _sizes(paths, options) {
    return _runBatch(
      this,
      paths.map((p) => (signal: AbortSignal) => this._size(p, { signal })),
      options,
    );
  },

  _cat: function (
    this: AsyncFileSystem,
    path: string | readonly string[],
    options: t.CatOptions = {},
  ) {
    return _catMany(this, path, options);
  } as BatchMethods["_cat"],

  _catRanges(paths, starts, ends, options = {}) {
    return _catRangesOf(this, paths, starts, ends, options);
  },

  _pipe(path, data, options) {
    return _pipeMany(this, path, data, options);
  },

  _rm(path, options = {}) {
    return _rmMany(this, path, options);
  },

  _copy(path1, path2, options = {}) {
    return _copyWithin(this, path1, path2, options);
  },

  _get(rpath, lpath, options = {}) {
    return _runTransfers(this, "get", rpath, lpath, options);
  },

  _put(lpath, rpath, options = {}) {
    return _runTransfers(this, "put", lpath, rpath, options);
  },
};
