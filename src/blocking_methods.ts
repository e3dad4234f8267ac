/**
 * The blocking face of every filesystem: the twins of its async `_`
 * methods (`cat` for `_cat`, …), in one interface that `AsyncFileSystem`
 * merges. The twins themselves are made from the method table
 * (`_methods.ts`), where the type checker holds each line here to a row.
 *
 * @module
 */

import type { OpenOptions } from "./async_file.ts";
import type { BlockingFile } from "./blocking_file.ts";
import type { SyncOptions } from "./sync.ts";
import type { ReadTextOptions, WriteTextOptions } from "./text.ts";
import type * as t from "./types.ts";

/**
 * The blocking twins of a filesystem's async methods (`cat` for `_cat`, …).
 * Each blocks the calling thread while the work runs on the IO Worker, and
 * returns the value or throws the error (with its own class). On an
 * `asynchronous: true` instance, and on the IO Worker itself, each throws an
 * error that names the `_` method to await instead.
 *
 * Each twin's options may add `timeout`: seconds to wait before giving up
 * with `FSTimeoutError` (as {@linkcode sync}'s); the loop stays usable.
 *
 * A `signal` cannot cross to the Worker (and cannot fire while this thread
 * waits): an aborted one throws before the call; another is replaced by one
 * of the Worker's. A `callback` option is called on the calling thread as
 * the work progresses, so progress bars work in plain scripts.
 */
export interface BlockingMethods {
  // The order interleaves twins of like shape (getFile, putFile, cpFile),
  // so that no run of declarations repeats another (`duplicates`).
  /**
   * The entries of a directory: blocking `_ls`.
   * @param path The directory.
   * @param options `detail`.
   * @returns `t.FileInfo`s, or names with `detail: false`.
   */
  ls<D extends boolean = true>(
    path: string,
    options?: t.LsOptions<D> & SyncOptions,
  ): t.LsResult<D>;

  /**
   * Whether a path is a file: blocking `_isFile`.
   * @param path The path.
   * @param options `signal`.
   * @returns True for a file.
   */
  isFile(path: string, options?: t.IOOptions & SyncOptions): boolean;

  /**
   * Whether a path is a directory: blocking `_isDir`.
   * @param path The path.
   * @param options `signal`.
   * @returns True for a directory.
   */
  isDir(path: string, options?: t.IOOptions & SyncOptions): boolean;

  /**
   * The sizes of many paths: blocking `_sizes`.
   * @param paths The paths.
   * @param options `batchSize`.
   * @returns Their sizes, in order.
   */
  sizes(
    paths: readonly string[],
    options?: t.BatchOptions & SyncOptions,
  ): (number | null)[];

  /**
   * Read one file, or many concurrently: blocking `_cat`.
   * @param path A path, a list, or a glob.
   * @param options `recursive`, `onError`, `batchSize`.
   * @returns The bytes of one literal path; else a `Map` of path to bytes.
   */
  cat(
    path: readonly string[],
    options?: t.CatOptions & SyncOptions,
  ): Map<string, Uint8Array | Error>;

  /**
   * Read one file, or many (a glob, or `recursive`) concurrently.
   * @param path A path or a glob.
   * @param options `recursive`, `onError`, `batchSize`.
   * @returns The bytes of one literal path; else a `Map` of path to bytes.
   */
  cat(
    path: string,
    options?: t.CatOptions & SyncOptions,
  ): Uint8Array | Map<string, Uint8Array | Error>;

  /**
   * Read byte ranges of many files concurrently: blocking `_catRanges`.
   * @param paths The files.
   * @param starts Start of each range (or one for all).
   * @param ends End of each range (or one for all).
   * @param options `onError`, `batchSize`, `maxGap`.
   * @returns The bytes, or the error, of each range.
   */
  catRanges(
    paths: readonly string[],
    starts: number | null | readonly (number | null)[],
    ends: number | null | readonly (number | null)[],
    options?: t.CatRangesOptions & SyncOptions,
  ): (Uint8Array | Error)[];

  /**
   * Write a whole file: blocking `_pipeFile`.
   * @param path The file.
   * @param data The bytes.
   * @param options `signal`.
   */
  pipeFile(
    path: string,
    data: Uint8Array,
    options?: t.IOOptions & SyncOptions,
  ): void;

  /**
   * Write one file, or many concurrently: blocking `_pipe`.
   * @param path A path, or a map of path to bytes.
   * @param data The bytes for one path, or the options.
   * @param options `batchSize`.
   */
  pipe(
    path: string | Record<string, Uint8Array> | Map<string, Uint8Array>,
    data?: Uint8Array | (t.BatchOptions & SyncOptions),
    options?: t.BatchOptions & SyncOptions,
  ): void;

  /**
   * The size of a path: blocking `_size`.
   * @param path The path.
   * @param options `signal`.
   * @returns Bytes, or `null` where unknown.
   */
  size(path: string, options?: t.IOOptions & SyncOptions): number | null;

  /**
   * Create an empty file, or empty or touch one: blocking `_touch`.
   * @param path The file.
   * @param options `truncate`.
   */
  touch(path: string, options?: t.TouchOptions & SyncOptions): void;

  /**
   * The first bytes of a file: blocking `_head`.
   * @param path The file.
   * @param size How many bytes (1024).
   * @param options `signal`.
   * @returns The bytes.
   */
  head(
    path: string,
    size?: number,
    options?: t.IOOptions & SyncOptions,
  ): Uint8Array;

  /**
   * The last bytes of a file: blocking `_tail`.
   * @param path The file.
   * @param size How many bytes (1024).
   * @param options `signal`.
   * @returns The bytes.
   */
  tail(
    path: string,
    size?: number,
    options?: t.IOOptions & SyncOptions,
  ): Uint8Array;

  /**
   * When a path was last modified: blocking `_modified`.
   * @param path The path.
   * @param options `signal`.
   * @returns The time.
   */
  modified(path: string, options?: t.IOOptions & SyncOptions): Date;

  /**
   * A digest of a file's version (not of its bytes): blocking `_checksum`.
   * @param path The path.
   * @param options `signal`.
   * @returns 64 hex digits.
   */
  checksum(path: string, options?: t.IOOptions & SyncOptions): string;

  /**
   * Whether a path exists, a link counting as itself: blocking `_lexists`.
   * @param path The path.
   * @param options `signal`.
   * @returns True where something is at the path.
   */
  lexists(path: string, options?: t.IOOptions & SyncOptions): boolean;

  /**
   * Download one file: blocking `_getFile`.
   * @param rpath The remote file.
   * @param lpath The local path.
   * @param options `callback`.
   */
  getFile(
    rpath: string,
    lpath: string,
    options?: t.TransferFileOptions & SyncOptions,
  ): void;

  /**
   * What is known of a path: blocking `_info`.
   * @param path The path.
   * @param options `signal`.
   * @returns Its `t.FileInfo`.
   * @throws {FileNotFoundError} Where it does not exist.
   */
  info(path: string, options?: t.IOOptions & SyncOptions): t.FileInfo;

  /**
   * Download files, lists, globs or trees: blocking `_get`.
   * @param rpath Remote paths.
   * @param lpath Local paths.
   * @param options `recursive`, `callback`, `batchSize`, `maxDepth`.
   */
  get(
    rpath: string | readonly string[],
    lpath: string | readonly string[],
    options?: t.TransferOptions & SyncOptions,
  ): void;

  /**
   * Make a directory: blocking `_mkdir`.
   * @param path The directory.
   * @param options `createParents`.
   */
  mkdir(path: string, options?: t.MkdirOptions & SyncOptions): void;

  /**
   * Make a directory and its parents: blocking `_makeDirs`.
   * @param path The directory.
   * @param options `existOk`.
   */
  makeDirs(path: string, options?: t.MakeDirsOptions & SyncOptions): void;

  /**
   * Delete a file: blocking `_rmFile`.
   * @param path The file.
   * @param options `signal`.
   */
  rmFile(path: string, options?: t.IOOptions & SyncOptions): void;

  /**
   * Delete paths: blocking `_rm`.
   * @param path Paths or globs.
   * @param options `recursive`, `batchSize`, `maxDepth`.
   */
  rm(
    path: string | readonly string[],
    options?: t.RmOptions & SyncOptions,
  ): void;

  /**
   * Delete an empty directory: blocking `_rmdir`.
   * @param path The directory.
   * @param options `signal`.
   */
  rmdir(path: string, options?: t.IOOptions & SyncOptions): void;

  /**
   * Move files, lists, globs or trees: blocking `_mv`.
   * @param path1 Sources.
   * @param path2 Destinations.
   * @param options `recursive`, `maxDepth`, `batchSize`.
   */
  mv(
    path1: string | readonly string[],
    path2: string | readonly string[],
    options?: t.MvOptions & SyncOptions,
  ): void;

  /**
   * Whether a path exists: blocking `_exists`.
   * @param path The path.
   * @param options `signal`.
   * @returns True where it exists.
   */
  exists(path: string, options?: t.IOOptions & SyncOptions): boolean;

  /**
   * Upload one local file (blocking `_putFile`), read whole unless the
   * backend streams it.
   * @param lpath The local file to upload.
   * @param rpath Where it goes on this filesystem.
   * @param options `callback`, told the bytes sent.
   * @throws {FileNotFoundError} Where the local file is missing.
   */
  putFile(
    lpath: string,
    rpath: string,
    options?: t.TransferFileOptions & SyncOptions,
  ): void;

  /**
   * Open a file whose methods block (the twin of `openAsync`): `mode` `"rb"`
   * reads; `"wb"`, `"ab"`, `"xb"` write, and `close` commits the file whole.
   * @param path The file.
   * @param options `mode`, `blockSize`, `cacheType`.
   * @returns The file; close it, or `using f = fs.open(…)`.
   * @throws {FileNotFoundError} For `"rb"` where it does not exist or is a directory.
   * @throws {FileExistsError} For `"xb"` where something is at the path.
   */
  open(path: string, options?: OpenOptions & SyncOptions): BlockingFile;

  /**
   * Upload local files, lists, globs or (with `recursive`) trees: blocking
   * `_put`, many files at once.
   * @param lpath Local paths or globs.
   * @param rpath A remote directory, or one remote path per local path.
   * @param options `recursive`, `callback`, `batchSize`, `maxDepth`.
   */
  put(
    lpath: string | readonly string[],
    rpath: string | readonly string[],
    options?: t.TransferOptions & SyncOptions,
  ): void;

  /**
   * Walk a tree: a generator over the Worker's `_walk`, one step per call.
   * @param path The root.
   * @param options `maxDepth`, `topDown`, `onError`.
   * @returns `[dir, subdirectoryNames, fileNames]` per directory.
   */
  walk(
    path: string,
    options?: t.WalkOptions & SyncOptions,
  ): Generator<t.WalkEntry>;

  /**
   * Copy one file: blocking `_cpFile`.
   * @param path1 The source.
   * @param path2 The destination.
   * @param options `signal`.
   */
  cpFile(
    path1: string,
    path2: string,
    options?: t.IOOptions & SyncOptions,
  ): void;

  /**
   * The bytes of a file or a range of it: blocking `_catFile`.
   * @param path The file.
   * @param options `start`, `end`.
   * @returns The bytes.
   */
  catFile(path: string, options?: t.CatFileOptions & SyncOptions): Uint8Array;

  /**
   * Copy within the filesystem: blocking `_copy`.
   * @param path1 Sources.
   * @param path2 Destinations.
   * @param options `recursive`, `onError`, `batchSize`, `maxDepth`.
   */
  copy(
    path1: string | readonly string[],
    path2: string | readonly string[],
    options?: t.CopyOptions & SyncOptions,
  ): void;

  /**
   * Every file below a path: blocking `_find`.
   * @param path The root.
   * @param options `maxDepth`, `withDirs`, `detail`.
   * @returns Sorted names, or a `Map` of name to `t.FileInfo`.
   */
  find<D extends boolean = false>(
    path: string,
    options?: t.FindOptions<D> & SyncOptions,
  ): t.FindResult<D>;

  /**
   * The paths matching a glob: blocking `_glob`.
   * @param pattern The pattern.
   * @param options `maxDepth`, `detail`.
   * @returns Sorted names, or a `Map` with detail.
   */
  glob<D extends boolean = false>(
    pattern: string,
    options?: t.GlobOptions<D> & SyncOptions,
  ): t.FindResult<D>;

  /**
   * The space used below a path: blocking `_du`.
   * @param path The root.
   * @param options `total`, `maxDepth`.
   * @returns A total, or a `Map` of path to size.
   */
  du<T extends boolean = true>(
    path: string,
    options?: t.DuOptions<T> & SyncOptions,
  ): t.DuResult<T>;

  /**
   * Globs and directories expanded to paths: blocking `_expandPath`.
   * @param path Paths or globs.
   * @param options `recursive`, `maxDepth`.
   * @returns The paths.
   */
  expandPath(
    path: string | readonly string[],
    options?: t.ExpandPathOptions & SyncOptions,
  ): string[];

  /**
   * A file's text: blocking `_readText`.
   * @param path The file.
   * @param options `encoding`.
   * @returns The text.
   */
  readText(path: string, options?: ReadTextOptions & SyncOptions): string;

  /**
   * Write text as a whole file: blocking `_writeText`.
   * @param path The file.
   * @param text The text.
   * @param options `encoding`.
   */
  writeText(
    path: string,
    text: string,
    options?: WriteTextOptions & SyncOptions,
  ): void;
}
