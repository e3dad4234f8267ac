/**
 * The blocking face of every filesystem: one twin per async `_` method, each
 * running its async original on the IO Worker while the calling thread
 * waits. `AsyncFileSystem` extends it.
 *
 * @module
 */

import type { OpenOptions } from "./async_file.ts";
import type { ReadTextOptions, WriteTextOptions } from "./text.ts";
import { BlockingFile } from "./blocking_file.ts";
import { _loop, type IOLoop } from "./io_loop.ts";
import { _blocking, _blockingInfo, _blockingState, _loopOf } from "./sync.ts";
import type {
  BatchOptions,
  CatFileOptions,
  CatOptions,
  CatRangesOptions,
  CopyOptions,
  DuOptions,
  DuResult,
  ExpandPathOptions,
  FileInfo,
  FindOptions,
  FindResult,
  GlobOptions,
  IOOptions,
  LsOptions,
  LsResult,
  MakeDirsOptions,
  MkdirOptions,
  RmOptions,
  TransferFileOptions,
  TransferOptions,
  WalkEntry,
  WalkOptions,
} from "./types.ts";

/**
 * The blocking twins of a filesystem's async methods (`cat` for `_cat`, …).
 * Each blocks the calling thread while the work runs on the IO Worker, and
 * returns the value or throws the error (with its own class). On an
 * `asynchronous: true` instance, and on the IO Worker itself, each throws an
 * error that names the `_` method to await instead.
 *
 * A `signal` cannot cross to the Worker (and cannot fire while this thread
 * waits): an aborted one throws before the call; another is replaced by one
 * of the Worker's. A `callback` option is called on the calling thread as
 * the work progresses, so progress bars work in plain scripts.
 */
export abstract class BlockingFace {
  /** The IO loop the blocking methods use; undefined for an asynchronous instance. */
  get loop(): IOLoop | undefined {
    const info = _blockingState(this);
    return info && _loopOf(info);
  }

  /**
   * The entries of a directory: blocking `_ls`.
   * @param path The directory.
   * @param options `detail`.
   * @returns `FileInfo`s, or names with `detail: false`.
   */
  ls<D extends boolean = true>(
    path: string,
    options?: LsOptions<D>,
  ): LsResult<D> {
    return _blocking(this, "_ls", [path, options]) as LsResult<D>;
  }

  /**
   * What is known of a path: blocking `_info`.
   * @param path The path.
   * @param options `signal`.
   * @returns Its `FileInfo`.
   * @throws {FileNotFoundError} Where it does not exist.
   */
  info(path: string, options?: IOOptions): FileInfo {
    return _blocking(this, "_info", [path, options]) as FileInfo;
  }

  /**
   * Whether a path exists: blocking `_exists`.
   * @param path The path.
   * @param options `signal`.
   * @returns True where it exists.
   */
  exists(path: string, options?: IOOptions): boolean {
    return _blocking(this, "_exists", [path, options]) as boolean;
  }

  /**
   * Whether a path is a file: blocking `_isFile`.
   * @param path The path.
   * @param options `signal`.
   * @returns True for a file.
   */
  isFile(path: string, options?: IOOptions): boolean {
    return _blocking(this, "_isFile", [path, options]) as boolean;
  }

  /**
   * Whether a path is a directory: blocking `_isDir`.
   * @param path The path.
   * @param options `signal`.
   * @returns True for a directory.
   */
  isDir(path: string, options?: IOOptions): boolean {
    return _blocking(this, "_isDir", [path, options]) as boolean;
  }

  /**
   * The size of a path: blocking `_size`.
   * @param path The path.
   * @param options `signal`.
   * @returns Bytes, or `null` where unknown.
   */
  size(path: string, options?: IOOptions): number | null {
    return _blocking(this, "_size", [path, options]) as number | null;
  }

  /**
   * The sizes of many paths: blocking `_sizes`.
   * @param paths The paths.
   * @param options `batchSize`.
   * @returns Their sizes, in order.
   */
  sizes(paths: readonly string[], options?: BatchOptions): (number | null)[] {
    return _blocking(this, "_sizes", [paths, options]) as (number | null)[];
  }

  /**
   * The bytes of a file or a range of it: blocking `_catFile`.
   * @param path The file.
   * @param options `start`, `end`.
   * @returns The bytes.
   */
  catFile(path: string, options?: CatFileOptions): Uint8Array {
    return _blocking(this, "_catFile", [path, options]) as Uint8Array;
  }

  /**
   * Read one file, or many concurrently: blocking `_cat`.
   * @param path A path, a list, or a glob.
   * @param options `recursive`, `onError`, `batchSize`.
   * @returns The bytes of one literal path; else a `Map` of path to bytes.
   */
  cat(
    path: readonly string[],
    options?: CatOptions,
  ): Map<string, Uint8Array | Error>;
  /**
   * Read one file, or many (a glob, or `recursive`) concurrently.
   * @param path A path or a glob.
   * @param options `recursive`, `onError`, `batchSize`.
   * @returns The bytes of one literal path; else a `Map` of path to bytes.
   */
  cat(
    path: string,
    options?: CatOptions,
  ): Uint8Array | Map<string, Uint8Array | Error>;
  cat(
    path: string | readonly string[],
    options?: CatOptions,
  ): Uint8Array | Map<string, Uint8Array | Error> {
    return _blocking(this, "_cat", [path, options]) as Uint8Array;
  }

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
    options?: CatRangesOptions,
  ): (Uint8Array | Error)[] {
    return _blocking(this, "_catRanges", [paths, starts, ends, options]) as (
      | Uint8Array
      | Error
    )[];
  }

  /**
   * Write a whole file: blocking `_pipeFile`.
   * @param path The file.
   * @param data The bytes.
   * @param options `signal`.
   */
  pipeFile(path: string, data: Uint8Array, options?: IOOptions): void {
    _blocking(this, "_pipeFile", [path, data, options]);
  }

  /**
   * Write one file, or many concurrently: blocking `_pipe`.
   * @param path A path, or a map of path to bytes.
   * @param data The bytes for one path, or the options.
   * @param options `batchSize`.
   */
  pipe(
    path: string | Record<string, Uint8Array> | Map<string, Uint8Array>,
    data?: Uint8Array | BatchOptions,
    options?: BatchOptions,
  ): void {
    _blocking(this, "_pipe", [path, data, options]);
  }

  /**
   * Download one file: blocking `_getFile`.
   * @param rpath The remote file.
   * @param lpath The local path.
   * @param options `callback`.
   */
  getFile(rpath: string, lpath: string, options?: TransferFileOptions): void {
    _blocking(this, "_getFile", [rpath, lpath, options]);
  }

  /**
   * Download files, lists, globs or trees: blocking `_get`.
   * @param rpath Remote paths.
   * @param lpath Local paths.
   * @param options `recursive`, `callback`, `batchSize`, `maxDepth`.
   */
  get(
    rpath: string | readonly string[],
    lpath: string | readonly string[],
    options?: TransferOptions,
  ): void {
    _blocking(this, "_get", [rpath, lpath, options]);
  }

  /**
   * Upload one local file: blocking `_putFile`.
   * @param lpath The local file.
   * @param rpath The remote path.
   * @param options `callback`.
   */
  putFile(lpath: string, rpath: string, options?: TransferFileOptions): void {
    _blocking(this, "_putFile", [lpath, rpath, options]);
  }

  /**
   * Upload files, lists, globs or trees: blocking `_put`.
   * @param lpath Local paths.
   * @param rpath Remote paths.
   * @param options `recursive`, `callback`, `batchSize`, `maxDepth`.
   */
  put(
    lpath: string | readonly string[],
    rpath: string | readonly string[],
    options?: TransferOptions,
  ): void {
    _blocking(this, "_put", [lpath, rpath, options]);
  }

  /**
   * Delete a file: blocking `_rmFile`.
   * @param path The file.
   * @param options `signal`.
   */
  rmFile(path: string, options?: IOOptions): void {
    _blocking(this, "_rmFile", [path, options]);
  }

  /**
   * Delete paths: blocking `_rm`.
   * @param path Paths or globs.
   * @param options `recursive`, `batchSize`, `maxDepth`.
   */
  rm(path: string | readonly string[], options?: RmOptions): void {
    _blocking(this, "_rm", [path, options]);
  }

  /**
   * Delete an empty directory: blocking `_rmdir`.
   * @param path The directory.
   * @param options `signal`.
   */
  rmdir(path: string, options?: IOOptions): void {
    _blocking(this, "_rmdir", [path, options]);
  }

  /**
   * Copy one file: blocking `_cpFile`.
   * @param path1 The source.
   * @param path2 The destination.
   * @param options `signal`.
   */
  cpFile(path1: string, path2: string, options?: IOOptions): void {
    _blocking(this, "_cpFile", [path1, path2, options]);
  }

  /**
   * Copy within the filesystem: blocking `_copy`.
   * @param path1 Sources.
   * @param path2 Destinations.
   * @param options `recursive`, `onError`, `batchSize`, `maxDepth`.
   */
  copy(
    path1: string | readonly string[],
    path2: string | readonly string[],
    options?: CopyOptions,
  ): void {
    _blocking(this, "_copy", [path1, path2, options]);
  }

  /**
   * Make a directory: blocking `_mkdir`.
   * @param path The directory.
   * @param options `createParents`.
   */
  mkdir(path: string, options?: MkdirOptions): void {
    _blocking(this, "_mkdir", [path, options]);
  }

  /**
   * Make a directory and its parents: blocking `_makeDirs`.
   * @param path The directory.
   * @param options `existOk`.
   */
  makeDirs(path: string, options?: MakeDirsOptions): void {
    _blocking(this, "_makeDirs", [path, options]);
  }

  /**
   * Every file below a path: blocking `_find`.
   * @param path The root.
   * @param options `maxDepth`, `withDirs`, `detail`.
   * @returns Sorted names, or a `Map` of name to `FileInfo`.
   */
  find<D extends boolean = false>(
    path: string,
    options?: FindOptions<D>,
  ): FindResult<D> {
    return _blocking(this, "_find", [path, options]) as FindResult<D>;
  }

  /**
   * Walk a tree: a generator over the Worker's `_walk`, one step per call.
   * @param path The root.
   * @param options `maxDepth`, `topDown`, `onError`.
   * @returns `[dir, subdirectoryNames, fileNames]` per directory.
   */
  *walk(path: string, options?: WalkOptions): Generator<WalkEntry> {
    const info = _blockingInfo(this, "_walk");
    const loop = _loopOf(info);
    const fs = _loop.fsRef(loop, this, info.spec, info.options, "walk()");
    const call = (req: { op: "iter" | "next" | "ret"; iter?: number }) =>
      _loop.call(loop, { ...req, fs, method: "_walk", args: [path, options] }, {
        what: "walk()",
      });
    const iter = call({ op: "iter" }) as number;
    let done = false;
    try {
      for (;;) {
        const [end, value] = call({ op: "next", iter }) as [boolean, WalkEntry];
        if (end) {
          done = true;
          return;
        }
        yield value;
      }
    } finally {
      if (!done && !loop.closed) call({ op: "ret", iter });
    }
  }

  /**
   * The paths matching a glob: blocking `_glob`.
   * @param pattern The pattern.
   * @param options `maxDepth`, `detail`.
   * @returns Sorted names, or a `Map` with detail.
   */
  glob<D extends boolean = false>(
    pattern: string,
    options?: GlobOptions<D>,
  ): FindResult<D> {
    return _blocking(this, "_glob", [pattern, options]) as FindResult<D>;
  }

  /**
   * The space used below a path: blocking `_du`.
   * @param path The root.
   * @param options `total`, `maxDepth`.
   * @returns A total, or a `Map` of path to size.
   */
  du<T extends boolean = true>(
    path: string,
    options?: DuOptions<T>,
  ): DuResult<T> {
    return _blocking(this, "_du", [path, options]) as DuResult<T>;
  }

  /**
   * Globs and directories expanded to paths: blocking `_expandPath`.
   * @param path Paths or globs.
   * @param options `recursive`, `maxDepth`.
   * @returns The paths.
   */
  expandPath(
    path: string | readonly string[],
    options?: ExpandPathOptions,
  ): string[] {
    return _blocking(this, "_expandPath", [path, options]) as string[];
  }

  /**
   * A file's text: blocking `_readText`.
   * @param path The file.
   * @param options `encoding`.
   * @returns The text.
   */
  readText(path: string, options?: ReadTextOptions): string {
    return _blocking(this, "_readText", [path, options]) as string;
  }

  /**
   * Write text as a whole file: blocking `_writeText`.
   * @param path The file.
   * @param text The text.
   * @param options `encoding`.
   */
  writeText(path: string, text: string, options?: WriteTextOptions): void {
    _blocking(this, "_writeText", [path, text, options]);
  }

  /**
   * Open a file whose methods block (the twin of `openAsync`): `mode` `"rb"`
   * reads; `"wb"`, `"ab"`, `"xb"` write, and `close` commits the file whole.
   * @param path The file.
   * @param options `mode`, `blockSize`, `cacheType`.
   * @returns The file; close it, or `using f = fs.open(…)`.
   * @throws {FileNotFoundError} For `"rb"` where it does not exist or is a directory.
   * @throws {FileExistsError} For `"xb"` where something is at the path.
   */
  open(path: string, options?: OpenOptions): BlockingFile {
    const info = _blockingInfo(this, "openAsync", "open()");
    const loop = _loopOf(info);
    const [handle, name, size] = _loop.call(loop, {
      op: "open",
      fs: _loop.fsRef(loop, this, info.spec, info.options, "open()"),
      args: [path, options],
    }, { what: "open()" }) as [number, string, number | null];
    return new BlockingFile(loop, handle, name, size, options?.mode);
  }
}
