/**
 * The base class of every filesystem: fsspec's `AsyncFileSystem`.
 *
 * @module
 */

import { FileNotFoundError } from "./errors.ts";
import { _runBatch } from "./_batch.ts";
import { _catMany } from "./_cat.ts";
import { _pipeMany } from "./_pipe.ts";
import { _catRangesOf } from "./_cat_ranges.ts";
import { _rmMany } from "./_remove.ts";
import { _moveWithin } from "./_move.ts";
import { _checkSize, _checksumOf, _modifiedOf } from "./_everyday.ts";
import { _parent } from "./_path.ts";
import {
  _checkDepth,
  _expandDetailed,
  _findDetailed,
  _globDetailed,
  _infoOrNull,
  _walkDetailed,
} from "./_tree.ts";
import type * as t from "./types.ts";
import {
  _copyWithin,
  _getFileWhole,
  _putFileWhole,
  _runTransfers,
} from "./_transfer.ts";
import {
  _checkOpenOptions,
  AsyncFile,
  type OpenOptions,
} from "./async_file.ts";
import { _attachBlocking } from "./_forwarding.ts";
import { _blockingState, _loopOf } from "./_blocking_state.ts";
import { _STANDARD_METHODS } from "./_methods.ts";
import { _defineMethod } from "./_twins.ts";
import type { BlockingMethods } from "./blocking_methods.ts";
import {
  _isWriteMode,
  _openWrite,
  type AsyncFileFor,
  type OpenMode,
} from "./async_write_file.ts";
import {
  _bufferSink,
  _openSink,
  type _SinkOptions,
  type _WriteSink,
} from "./write_sink.ts";
import {
  _decoderFor,
  _encodeText,
  type ReadTextOptions,
  type WriteTextOptions,
} from "./text.ts";
import { _checkOptions, _optionNames } from "./option_names.ts";
import { FSMap, type GetMapperOptions } from "./mapper.ts";
import type { IOLoop } from "./io_loop.ts";
import type { FileSystemOptions } from "./file_system_options.ts";

export type { FileSystemOptions } from "./file_system_options.ts";

/**
 * Unsupported operation of a backend (fsspec's `NotImplementedError`), as a
 * rejected promise: an async method never throws synchronously.
 */
function unsupported(
  fs: AsyncFileSystem,
  action: string,
  path: string,
): Promise<never> {
  return Promise.reject(
    new Error(
      `Cannot ${action} "${path}": ${fs.constructor.name} does not support it`,
    ),
  );
}

/**
 * The blocking twins of every filesystem's async methods: see
 * {@linkcode BlockingMethods}. (They are made from the method table, so the
 * interface and the class merge.)
 */
export interface AsyncFileSystem extends BlockingMethods {}

/**
 * The base of every filesystem. A backend implements `_ls`, `_info` and
 * `_catFile`, and where it can `_pipeFile`, `_rmFile`, `_rmdir`, `_cpFile`,
 * `_mkdir`, `_makeDirs`, `_getFile`, `_putFile`; every other method derives from those, as
 * in fsspec. Batch methods hand their work to {@linkcode runCorosInChunks}.
 *
 * @example A memory filesystem in async code
 * ```ts
 * import { filesystem } from "@fsspec/asyn";
 * import { assertEquals } from "@std/assert";
 *
 * const fs = await filesystem("memory", { asynchronous: true, skipInstanceCache: true });
 * await fs._pipe({ "/a.txt": new TextEncoder().encode("A"), "/b.txt": new Uint8Array(2) });
 * assertEquals(await fs._ls("/", { detail: false }), ["/a.txt", "/b.txt"]);
 * ```
 */
export abstract class AsyncFileSystem {
  /** fsspec's `async_impl`: every filesystem here is asynchronous underneath. */
  static readonly asyncImpl: boolean = true;
  /** The protocols this class serves; the first is its main name. */
  static protocol: string | readonly string[] = "abstract";
  /** What the root of a path looks like (`"/"` for local and memory paths). */
  static rootMarker: string = "";
  /**
   * The names of the options this class adds to its base class's; a
   * constructor given any name that no class of its chain declares throws a
   * `TypeError`. A backend with options of its own declares them here.
   */
  static optionNames: readonly string[] = _optionNames<
    FileSystemOptions,
    Record<never, never>
  >({
    asynchronous: true,
    batchSize: true,
    skipInstanceCache: true,
    loop: true,
  });

  /** fsspec's `fs.async_impl`. */
  readonly asyncImpl: boolean = true;
  /** Made for async code: only the `_` methods work. */
  readonly asynchronous: boolean;
  /** This instance's batch size, where set. */
  batchSize: number | undefined;
  /** The options the instance was made with (fsspec's `storage_options`). */
  readonly storageOptions: Readonly<FileSystemOptions>;

  /**
   * Makes one.
   *
   * @param options `asynchronous`, `batchSize` and the backend's own.
   * @throws {TypeError} For an option no class of the instance's chain
   * declares in `optionNames`.
   */
  constructor(options: FileSystemOptions = {}) {
    _checkOptions(new.target, options);
    this.storageOptions = Object.freeze({ ...options });
    this.asynchronous = options.asynchronous ?? false;
    this.batchSize = options.batchSize;
    _attachBlocking(this, options);
  }

  /** The IO loop the blocking methods use; undefined for an asynchronous instance. */
  get loop(): IOLoop | undefined {
    const info = _blockingState(this);
    return info && _loopOf(info);
  }

  /** Whether `?` is a glob character here (HTTP says no: it starts a query). */
  get globQuestionMark(): boolean {
    return true;
  }

  /**
   * A path as this filesystem names it: protocol and trailing `/` removed.
   * @param path A path or URL.
   * @returns The path.
   */
  static stripProtocol(path: string): string {
    const protocols = typeof this.protocol === "string"
      ? [this.protocol]
      : this.protocol;
    for (const p of protocols) {
      if (path.startsWith(`${p}://`)) path = path.slice(p.length + 3);
      else if (path.startsWith(`${p}::`)) path = path.slice(p.length + 2);
    }
    path = path.replace(/\/+$/, "");
    return path || this.rootMarker;
  }

  /**
   * The instance's view of {@linkcode AsyncFileSystem.stripProtocol}.
   * @param path A path or URL.
   * @returns The path.
   */
  stripProtocol(path: string): string {
    return (this.constructor as typeof AsyncFileSystem).stripProtocol(path);
  }

  /**
   * A path with the filesystem's protocol in front, as fsspec's `unstrip_protocol`.
   * @param path A path.
   * @returns The URL.
   */
  unstripProtocol(path: string): string {
    const p = (this.constructor as typeof AsyncFileSystem).protocol;
    const main = typeof p === "string" ? p : p[0];
    return path.includes("://") ? path : `${main}://${path}`;
  }

  /** The parent of a path. */
  parent(path: string): string {
    const cls = this.constructor as typeof AsyncFileSystem;
    return _parent(this.stripProtocol(path), cls.rootMarker);
  }

  // ---- the core a backend implements -------------------------------------

  /** The entries of a directory (or the file itself). */
  abstract _ls<D extends boolean = true>(
    path: string,
    options?: t.LsOptions<D>,
  ): Promise<t.LsResult<D>>;

  /** What is known of one path. @throws {FileNotFoundError} Where it does not exist. */
  abstract _info(path: string, options?: t.IOOptions): Promise<t.FileInfo>;

  /** The bytes of a file, or of the range `[start, end)`. */
  abstract _catFile(
    path: string,
    options?: t.CatFileOptions,
  ): Promise<Uint8Array>;

  /** Write a whole file. */
  _pipeFile(
    path: string,
    _data: Uint8Array,
    _options?: t.IOOptions,
  ): Promise<void> {
    return unsupported(this, "write", path);
  }

  /** Delete a file. */
  _rmFile(path: string, _options?: t.IOOptions): Promise<void> {
    return unsupported(this, "delete", path);
  }

  /** Delete an empty directory; a no-op where there are no real directories. */
  _rmdir(_path: string, _options?: t.IOOptions): Promise<void> {
    return Promise.resolve();
  }

  /** Copy one file within the filesystem. */
  _cpFile(
    path1: string,
    _path2: string,
    _options?: t.IOOptions,
  ): Promise<void> {
    return unsupported(this, "copy", path1);
  }

  /** Make a directory; a no-op where there are no real directories. */
  _mkdir(_path: string, _options?: t.MkdirOptions): Promise<void> {
    return Promise.resolve();
  }

  /** Make a directory and its parents; a no-op where there are no real directories. */
  _makeDirs(_path: string, _options?: t.MakeDirsOptions): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Download one file to a local path. The default reads it whole through
   * `_catFile`; streaming backends override it.
   */
  _getFile(
    rpath: string,
    lpath: string,
    options: t.TransferFileOptions = {},
  ): Promise<void> {
    return _getFileWhole(this, rpath, lpath, options);
  }

  /** Upload one local file. The default reads it whole and calls `_pipeFile`. */
  _putFile(
    lpath: string,
    rpath: string,
    options: t.TransferFileOptions = {},
  ): Promise<void> {
    return _putFileWhole(this, lpath, rpath, options);
  }

  // ---- derived single-path queries ---------------------------------------

  /** True where the path exists; only not-found counts as false. */
  async _exists(path: string, options?: t.IOOptions): Promise<boolean> {
    return (await _infoOrNull(this, path, options)) !== null;
  }

  /** True where the path is a file. */
  async _isFile(path: string, options?: t.IOOptions): Promise<boolean> {
    return (await _infoOrNull(this, path, options))?.type === "file";
  }

  /** True where the path is a directory. */
  async _isDir(path: string, options?: t.IOOptions): Promise<boolean> {
    return (await _infoOrNull(this, path, options))?.type === "directory";
  }

  /** The size of a path; `null` where unknown. */
  async _size(path: string, options?: t.IOOptions): Promise<number | null> {
    return (await this._info(path, options)).size ?? null;
  }

  /** The sizes of many paths, batched. */
  _sizes(
    paths: readonly string[],
    options?: t.BatchOptions,
  ): Promise<(number | null)[]> {
    return _runBatch(
      this,
      paths.map((p) => (signal: AbortSignal) => this._size(p, { signal })),
      options,
    );
  }

  // ---- fsspec's everyday methods --------------------------------------------

  /**
   * Move files, lists, globs or (with `recursive`) trees, mapped onto
   * `path2` as `_copy` maps them (into it where it is a directory). Each
   * file moves in one step where the backend can rename (memory, local);
   * elsewhere every file is copied first and the sources are deleted only
   * once all copies have succeeded. Source directories left empty go too.
   *
   * @param path1 Sources.
   * @param path2 Destinations.
   * @param options `recursive`, `maxDepth`, `batchSize`.
   * @throws {FileNotFoundError} Where a source is missing.
   * @throws {Error} Where a non-recursive source names only directories, or a directory would move into itself.
   *
   * @example Move a file into a directory
   * ```ts
   * import { MemoryFileSystem } from "@fsspec/asyn";
   * import { assertEquals } from "@std/assert";
   *
   * const fs = new MemoryFileSystem({ asynchronous: true, store: "mv-doc" });
   * await fs._pipeFile("/a.txt", new Uint8Array([1]));
   * await fs._mkdir("/dir");
   * await fs._mv("/a.txt", "/dir");
   * assertEquals(await fs._find("/"), ["/dir/a.txt"]);
   * ```
   */
  _mv(
    path1: string | readonly string[],
    path2: string | readonly string[],
    options: t.MvOptions = {},
  ): Promise<void> {
    return _moveWithin(this, path1, path2, options);
  }

  /**
   * Create an empty file, or empty an existing one; with `truncate: false`
   * an existing file keeps its bytes and gets a new modified time where the
   * backend can set one (else it is left as it is).
   *
   * @param path The file.
   * @param options `truncate`.
   *
   * @example Create an empty file
   * ```ts
   * import { MemoryFileSystem } from "@fsspec/asyn";
   * import { assertEquals } from "@std/assert";
   *
   * const fs = new MemoryFileSystem({ asynchronous: true, store: "touch-doc" });
   * await fs._touch("/empty");
   * assertEquals(await fs._size("/empty"), 0);
   * ```
   */
  async _touch(path: string, options: t.TouchOptions = {}): Promise<void> {
    const { truncate = true, signal } = options;
    if (truncate || !(await this._exists(path, { signal }))) {
      await this._pipeFile(path, new Uint8Array(0), { signal });
    }
  }

  /**
   * The first `size` bytes of a file (all of a shorter one).
   *
   * @param path The file.
   * @param size How many bytes.
   * @param options `signal`.
   * @returns The bytes.
   * @throws {RangeError} For a size that is not a non-negative integer.
   *
   * @example
   * ```ts
   * import { MemoryFileSystem } from "@fsspec/asyn";
   * import { assertEquals } from "@std/assert";
   *
   * const fs = new MemoryFileSystem({ asynchronous: true, store: "head-doc" });
   * await fs._pipeFile("/a", new Uint8Array([1, 2, 3, 4]));
   * assertEquals(await fs._head("/a", 2), new Uint8Array([1, 2]));
   * ```
   */
  async _head(
    path: string,
    size = 1024,
    options: t.IOOptions = {},
  ): Promise<Uint8Array> {
    _checkSize("read the head of", path, size);
    return await this._catFile(path, { ...options, start: 0, end: size });
  }

  /**
   * The last `size` bytes of a file (all of a shorter one).
   *
   * @param path The file.
   * @param size How many bytes.
   * @param options `signal`.
   * @returns The bytes.
   * @throws {RangeError} For a size that is not a non-negative integer.
   *
   * @example
   * ```ts
   * import { MemoryFileSystem } from "@fsspec/asyn";
   * import { assertEquals } from "@std/assert";
   *
   * const fs = new MemoryFileSystem({ asynchronous: true, store: "tail-doc" });
   * await fs._pipeFile("/a", new Uint8Array([1, 2, 3, 4]));
   * assertEquals(await fs._tail("/a", 3), new Uint8Array([2, 3, 4]));
   * ```
   */
  async _tail(
    path: string,
    size = 1024,
    options: t.IOOptions = {},
  ): Promise<Uint8Array> {
    _checkSize("read the tail of", path, size);
    // -0 would read from the start: no bytes is the range [0, 0)
    const range = size === 0 ? { start: 0, end: 0 } : { start: -size };
    return await this._catFile(path, { ...options, ...range });
  }

  /**
   * When a path was last modified: its info's `mtime`, `modified` or
   * `Last-Modified`.
   *
   * @param path The path.
   * @param options `signal`.
   * @returns The time.
   * @throws {FileNotFoundError} Where it does not exist.
   * @throws {Error} Where the backend does not say (fsspec's `NotImplementedError`).
   *
   * @example
   * ```ts
   * import { MemoryFileSystem } from "@fsspec/asyn";
   * import { assert } from "@std/assert";
   *
   * const fs = new MemoryFileSystem({ asynchronous: true, store: "modified-doc" });
   * const before = Date.now();
   * await fs._pipeFile("/a", new Uint8Array(1));
   * assert((await fs._modified("/a")).getTime() >= before);
   * ```
   */
  async _modified(path: string, options?: t.IOOptions): Promise<Date> {
    return _modifiedOf(await this._info(path, options), path, this);
  }

  /**
   * A value that stays the same while a file's version does (fsspec's
   * `checksum`): SHA-256, as 64 hex digits, of the info fields that tell
   * versions apart (name, size, type, modified time, inode, `ETag`,
   * `Last-Modified`, `Content-MD5`, `Digest`, where present). The bytes are
   * not read. A change of checksum means the file may have changed.
   *
   * @param path The path.
   * @param options `signal`.
   * @returns The hex digest.
   * @throws {FileNotFoundError} Where it does not exist.
   *
   * @example
   * ```ts
   * import { MemoryFileSystem } from "@fsspec/asyn";
   * import { assertEquals, assertNotEquals } from "@std/assert";
   *
   * const fs = new MemoryFileSystem({ asynchronous: true, store: "checksum-doc" });
   * await fs._pipeFile("/a", new Uint8Array(1));
   * const first = await fs._checksum("/a");
   * assertEquals(await fs._checksum("/a"), first);
   * await fs._pipeFile("/a", new Uint8Array(2));
   * assertNotEquals(await fs._checksum("/a"), first);
   * ```
   */
  async _checksum(path: string, options?: t.IOOptions): Promise<string> {
    return await _checksumOf(await this._info(path, options));
  }

  /**
   * Whether a path exists, a symbolic link counting as itself (a broken one
   * too): `_exists` where there are no links.
   *
   * @param path The path.
   * @param options `signal`.
   * @returns True where something is at the path.
   *
   * @example
   * ```ts
   * import { MemoryFileSystem } from "@fsspec/asyn";
   * import { assertEquals } from "@std/assert";
   *
   * const fs = new MemoryFileSystem({ asynchronous: true, store: "lexists-doc" });
   * assertEquals(await fs._lexists("/nothing"), false);
   * ```
   */
  _lexists(path: string, options?: t.IOOptions): Promise<boolean> {
    return this._exists(path, options);
  }

  // ---- trees ---------------------------------------------------------------

  /** Walk a tree, yielding `[dir, subdirectoryNames, fileNames]` per directory. */
  async *_walk(
    path: string,
    options: t.WalkOptions = {},
  ): AsyncGenerator<t.WalkEntry> {
    for await (
      const [root, dirs, files] of _walkDetailed(this, path, options)
    ) {
      yield [root, [...dirs.keys()], [...files.keys()]];
    }
  }

  /** Every file below a path (and directories with `withDirs`), sorted. */
  async _find<D extends boolean = false>(
    path: string,
    options: t.FindOptions<D> = {},
  ): Promise<t.FindResult<D>> {
    _checkDepth(options.maxDepth);
    const found = await _findDetailed(this, path, options);
    return (options.detail ? found : [...found.keys()]) as t.FindResult<D>;
  }

  /** The paths matching a glob pattern (`*`, `**`, `?`, `[…]`), sorted. */
  async _glob<D extends boolean = false>(
    pattern: string,
    options: t.GlobOptions<D> = {},
  ): Promise<t.FindResult<D>> {
    const found = await _globDetailed(this, pattern, options);
    return (options.detail ? found : [...found.keys()]) as t.FindResult<D>;
  }

  /** The space used below a path: a total, or a `Map` of path to size. */
  async _du<T extends boolean = true>(
    path: string,
    options: t.DuOptions<T> = {},
  ): Promise<t.DuResult<T>> {
    const found = await this._find(path, { ...options, detail: true });
    const sizes = new Map([...found].map(([name, info]) => [name, info.size]));
    if (options.total === false) return sizes as t.DuResult<T>;
    let total = 0;
    for (const size of sizes.values()) total += size ?? 0;
    return total as t.DuResult<T>;
  }

  /** Globs and (with `recursive`) directories expanded to paths, in the caller's order. */
  async _expandPath(
    path: string | readonly string[],
    options: t.ExpandPathOptions = {},
  ): Promise<string[]> {
    return [...(await _expandDetailed(this, path, options)).keys()];
  }

  // ---- batch reads and writes -----------------------------------------------

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
  _cat(
    path: string | readonly string[],
    options: t.CatOptions = {},
  ): Promise<Uint8Array | Map<string, Uint8Array | Error>> {
    return _catMany(this, path, options);
  }

  /** Read byte ranges of many files concurrently; scalars broadcast. */
  _catRanges(
    paths: readonly string[],
    starts: number | null | readonly (number | null)[],
    ends: number | null | readonly (number | null)[],
    options: t.CatRangesOptions = {},
  ): Promise<(Uint8Array | Error)[]> {
    return _catRangesOf(this, paths, starts, ends, options);
  }

  /** Write one file, or many from a map of path to bytes, concurrently. */
  _pipe(
    path: string | Record<string, Uint8Array> | Map<string, Uint8Array>,
    data?: Uint8Array | t.BatchOptions,
    options?: t.BatchOptions,
  ): Promise<void> {
    return _pipeMany(this, path, data, options);
  }

  /** Delete paths; `recursive` deletes directories and what is in them. */
  _rm(
    path: string | readonly string[],
    options: t.RmOptions = {},
  ): Promise<void> {
    return _rmMany(this, path, options);
  }

  /** Copy within the filesystem: files, lists, globs, or trees with `recursive`. */
  _copy(
    path1: string | readonly string[],
    path2: string | readonly string[],
    options: t.CopyOptions = {},
  ): Promise<void> {
    return _copyWithin(this, path1, path2, options);
  }

  /** Download files, lists, globs or trees to a local path. */
  _get(
    rpath: string | readonly string[],
    lpath: string | readonly string[],
    options: t.TransferOptions = {},
  ): Promise<void> {
    return _runTransfers(this, "get", rpath, lpath, options);
  }

  /** Upload local files, lists, globs or trees. */
  _put(
    lpath: string | readonly string[],
    rpath: string | readonly string[],
    options: t.TransferOptions = {},
  ): Promise<void> {
    return _runTransfers(this, "put", lpath, rpath, options);
  }

  // ---- files ---------------------------------------------------------------

  /**
   * Open a file. `"rb"` (the default): a random-access file for reading,
   * `read`, `seek`, `tell`, `size`, `close`, and a `ReadableStream`.
   * `"wb"`, `"ab"`, `"xb"`: an {@linkcode AsyncWriteFile}, committed whole
   * on `close`.
   *
   * @typeParam M The mode.
   * @param path The file.
   * @param options `mode`, and the cache options for reading.
   * @returns The file.
   * @throws {FileNotFoundError} For `"rb"` where the file does not exist.
   * @throws {FileExistsError} For `"xb"` where something is at the path.
   * @throws {TypeError} For an unknown mode or cache option, or `"ab"` on
   * a backend that cannot append.
   */
  async openAsync<M extends OpenMode = "rb">(
    path: string,
    options: OpenOptions<M> = {},
  ): Promise<AsyncFileFor<M>> {
    _checkOpenOptions(path, options);
    if (_isWriteMode(options.mode)) {
      const file = await _openWrite(this, path, options.mode, options);
      return file as AsyncFileFor<M>;
    }
    const info = await this._info(path, { signal: options.signal });
    if (info.type !== "file") {
      throw new FileNotFoundError(`Cannot open "${path}": it is a directory`, {
        path,
      });
    }
    const file = new AsyncFile(
      this,
      this.stripProtocol(path),
      info.size,
      options,
    );
    return file as AsyncFileFor<M>;
  }

  /**
   * Where the bytes of a file open for writing go (internal hook). The
   * default gathers them and writes them whole with `_pipeFile` on commit.
   * @ignore
   */
  [_openSink](path: string, options: _SinkOptions): Promise<_WriteSink> {
    return Promise.resolve(_bufferSink(this, path, options));
  }

  /**
   * A file's text (fsspec's `read_text`).
   * @param path The file.
   * @param options `encoding` (UTF-8 by default).
   * @returns The text.
   * @throws {RangeError} For an unknown encoding, before any I/O.
   */
  async _readText(
    path: string,
    options: ReadTextOptions = {},
  ): Promise<string> {
    const decoder = _decoderFor(path, options.encoding);
    return decoder.decode(
      await this._catFile(path, { signal: options.signal }),
    );
  }

  /**
   * Write text as a whole file (fsspec's `write_text`).
   * @param path The file.
   * @param text The text.
   * @param options `encoding` (UTF-8, the only one).
   * @throws {RangeError} For an encoding other than UTF-8, before any I/O.
   */
  async _writeText(
    path: string,
    text: string,
    options: WriteTextOptions = {},
  ): Promise<void> {
    const data = _encodeText(path, text, options.encoding);
    await this._pipeFile(path, data, { signal: options.signal });
  }

  /**
   * A key-value view of the files below `root` (fsspec's `get_mapper`): a
   * zarrita store as it is. `create` and `checkExists` take effect before
   * the mapper's first operation; making it does no I/O.
   *
   * @param root The directory the keys are relative to.
   * @param options `create`, `checkExists`.
   * @returns The mapper.
   *
   * @example Many keys written and read back in one batch each
   * ```ts
   * import { MemoryFileSystem } from "@fsspec/asyn";
   * import { assertEquals } from "@std/assert";
   *
   * const fs = new MemoryFileSystem({ asynchronous: true, store: "mapper-doc" });
   * const map = fs.getMapper("memory://data.zarr", { create: true });
   * await map.setMany({ "/c/0": new Uint8Array([1]), "/c/1": new Uint8Array([2]) });
   * const values = await map.getMany(["/c/1", "/c/9"]);
   * assertEquals([...values], [["/c/1", new Uint8Array([2])]]);
   * ```
   */
  getMapper(root: string, options: GetMapperOptions = {}): FSMap {
    return new FSMap(this, root, options);
  }

  // ---- life cycle ----------------------------------------------------------

  /** Release what the instance holds (sessions, handles). */
  close(): void | Promise<void> {}

  /** `await using fs = …` closes it. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

for (const [method, kind] of Object.entries(_STANDARD_METHODS)) {
  _defineMethod(AsyncFileSystem, method, kind);
}
