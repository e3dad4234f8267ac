/**
 * The shapes the filesystem methods take and return.
 *
 * @module
 */

import type { Callback } from "./callbacks.ts";

/** What `_info` and a detailed `_ls` say of one path. */
export interface FileInfo {
  /** The path, as the filesystem names it (protocol stripped, except for URLs). */
  name: string;
  /** Bytes; `null` where the size cannot be known. */
  size: number | null;
  /** A file or a directory. */
  type: "file" | "directory";
  /** Whatever else the backend knows (`mtime`, `mimetype`, `ETag`, …). */
  [key: string]: unknown;
}

/** Options every I/O method takes. */
export interface IOOptions {
  /**
   * Aborts the operation.
   * @default {undefined}
   */
  signal?: AbortSignal;
}

/** Options of the batch methods (`_cat`, `_pipe`, `_rm`, `_get`, …). */
export interface BatchOptions extends IOOptions {
  /**
   * At most this many operations in flight; -1 for all at once. Unset: the
   * instance's `batchSize`, then `conf`, then `batchDefaults`.
   * @default {undefined}
   */
  batchSize?: number;
  /**
   * Told the number of operations (`setSize`) and each one that settles
   * (`relativeUpdate`), failures too.
   * @default {undefined}
   */
  callback?: Callback;
}

/** Options of `_ls`. */
export interface LsOptions<D extends boolean = boolean> extends IOOptions {
  /**
   * Return `FileInfo` objects (true) or names (false).
   * @default {true}
   */
  detail?: D;
}

/** What `_ls` returns: names without detail, `FileInfo`s with it. */
export type LsResult<D extends boolean> = D extends false ? string[]
  : FileInfo[];

/** Options of `_find`. */
export interface FindOptions<D extends boolean = boolean> extends IOOptions {
  /**
   * Descend at most this many levels; unset: all. At least 1.
   * @default {undefined}
   */
  maxDepth?: number;
  /**
   * Include directories as well as files.
   * @default {false}
   */
  withDirs?: boolean;
  /**
   * Return a `Map` of name to `FileInfo` (true) or sorted names (false).
   * @default {false}
   */
  detail?: D;
}

/** What `_find` and `_glob` return: sorted names, or a `Map` in name order with detail. */
export type FindResult<D extends boolean> = D extends true
  ? Map<string, FileInfo>
  : string[];

/** Options of `_walk`. */
export interface WalkOptions extends IOOptions {
  /**
   * Descend at most this many levels; unset: all. At least 1.
   * @default {undefined}
   */
  maxDepth?: number;
  /**
   * Yield a directory before its children (true) or after them (false).
   * @default {true}
   */
  topDown?: boolean;
  /**
   * What a directory that cannot be listed does: `"omit"` yields it empty,
   * `"raise"` throws.
   * @default {"omit"}
   */
  onError?: "omit" | "raise";
}

/** One step of `_walk`: a directory, the names of its subdirectories, the names of its files. */
export type WalkEntry = [root: string, dirs: string[], files: string[]];

/** Options of `_glob`. */
export interface GlobOptions<D extends boolean = boolean> extends IOOptions {
  /**
   * How deep `**` descends; unset: all. At least 1.
   * @default {undefined}
   */
  maxDepth?: number;
  /**
   * Return a `Map` of name to `FileInfo`.
   * @default {false}
   */
  detail?: D;
}

/** Options of `_du`. */
export interface DuOptions<T extends boolean = boolean> extends IOOptions {
  /**
   * Sum the sizes (true) or return a `Map` of path to size (false).
   * @default {true}
   */
  total?: T;
  /**
   * Descend at most this many levels.
   * @default {undefined}
   */
  maxDepth?: number;
}

/** What `_du` returns. */
export type DuResult<T extends boolean> = T extends false
  ? Map<string, number | null>
  : number;

/** Options of `_expandPath`. */
export interface ExpandPathOptions extends IOOptions {
  /**
   * Include everything below each directory.
   * @default {false}
   */
  recursive?: boolean;
  /**
   * Descend at most this many levels. At least 1.
   * @default {undefined}
   */
  maxDepth?: number;
}

/** Options of `_catFile`. */
export interface CatFileOptions extends IOOptions {
  /**
   * First byte; negative counts from the end.
   * @default {undefined}
   */
  start?: number | null;
  /**
   * Byte after the last; negative counts from the end.
   * @default {undefined}
   */
  end?: number | null;
}

/** What a batch does with a failed item: throw, leave it out, or put the error in place. */
export type OnError = "raise" | "omit" | "return";

/** Options of `_cat`. */
export interface CatOptions extends BatchOptions {
  /**
   * Read everything below directories.
   * @default {false}
   */
  recursive?: boolean;
  /**
   * A failed path: `"raise"` throws the first error, `"omit"` leaves it out of
   * the map, `"return"` puts the error in its place.
   * @default {"raise"}
   */
  onError?: OnError;
}

/** Options of `_catRanges`. */
export interface CatRangesOptions extends BatchOptions {
  /**
   * `"return"` puts each failure in its place; `"raise"` throws the first.
   * @default {"return"}
   */
  onError?: "raise" | "return";
  /**
   * Merge ranges of one file whose gap is at most this many bytes into one read.
   * @default {undefined}
   */
  maxGap?: number;
}

/** Options of `_mkdir`. */
export interface MkdirOptions extends IOOptions {
  /**
   * Create missing parents too.
   * @default {true}
   */
  createParents?: boolean;
}

/** Options of `_makeDirs`. */
export interface MakeDirsOptions extends IOOptions {
  /**
   * Succeed where the directory exists already.
   * @default {false}
   */
  existOk?: boolean;
}

/** Options of `_rm`. */
export interface RmOptions extends BatchOptions {
  /**
   * Delete directories and everything below them.
   * @default {false}
   */
  recursive?: boolean;
  /**
   * Descend at most this many levels.
   * @default {undefined}
   */
  maxDepth?: number;
}

/** Options of `_copy`. */
export interface CopyOptions extends BatchOptions {
  /**
   * Copy directories and everything below them.
   * @default {false}
   */
  recursive?: boolean;
  /**
   * A missing source: `"raise"` throws; `"ignore"` skips it. Unset: `"ignore"`
   * when recursive, else `"raise"` (fsspec's rule).
   * @default {undefined}
   */
  onError?: "raise" | "ignore";
  /**
   * Descend at most this many levels.
   * @default {undefined}
   */
  maxDepth?: number;
}

/** Options of `_mv`. */
export interface MvOptions extends BatchOptions {
  /**
   * Move directories and everything below them.
   * @default {false}
   */
  recursive?: boolean;
  /**
   * Descend at most this many levels; what lies deeper stays where it is.
   * @default {undefined}
   */
  maxDepth?: number;
}

/** Options of `_touch`. */
export interface TouchOptions extends IOOptions {
  /**
   * Leave an existing file empty (true), or keep its bytes and update its
   * modified time where the backend can (false).
   * @default {true}
   */
  truncate?: boolean;
}

/** Options of `_getFile` and `_putFile`. */
export interface TransferFileOptions extends IOOptions {
  /**
   * Told the size and the bytes moved.
   * @default {undefined}
   */
  callback?: Callback;
}

/** Options of `_get` and `_put`. */
export interface TransferOptions extends BatchOptions {
  /**
   * Copy directories and everything below them.
   * @default {false}
   */
  recursive?: boolean;
  /**
   * Told the number of files (`setSize`) and each one done (`relativeUpdate`);
   * `branched()` gives each file its own.
   * @default {undefined}
   */
  callback?: Callback;
  /**
   * Descend at most this many levels.
   * @default {undefined}
   */
  maxDepth?: number;
}
