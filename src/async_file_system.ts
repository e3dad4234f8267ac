/**
 * The base class of every filesystem: fsspec's `AsyncFileSystem`.
 *
 * @module
 */

import { _parent } from "./_path.ts";
import { _infoOrNull } from "./_tree.ts";
import type * as t from "./types.ts";
import { _getFileWhole, _putFileWhole } from "./_transfer.ts";
import { _attachBlocking } from "./_forwarding.ts";
import { _blockingState, _loopOf } from "./_blocking_state.ts";
import { _STANDARD_METHODS } from "./_methods.ts";
import { _defineMethod } from "./_twins.ts";
import type { BlockingMethods } from "./blocking_methods.ts";
import { _everydayMethods, type EverydayMethods } from "./everyday_methods.ts";
import { _treeMethods, type TreeMethods } from "./tree_methods.ts";
import { _batchMethods, type BatchMethods } from "./batch_methods.ts";
import { _fileMethods, type FileMethods } from "./file_methods.ts";
import {
  _bufferSink,
  _openSink,
  type _SinkOptions,
  type _WriteSink,
} from "./write_sink.ts";
import { _checkOptions, _optionNames } from "./option_names.ts";
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
 * The methods every filesystem derives from its core, one interface per
 * concept ({@linkcode EverydayMethods}, {@linkcode TreeMethods},
 * {@linkcode BatchMethods}, {@linkcode FileMethods}), and their blocking
 * twins ({@linkcode BlockingMethods}, made from the method table). Each
 * interface merges with the class, and its methods are installed on the
 * class's prototype as its own; a backend overrides them with `override`.
 */
export interface AsyncFileSystem
  extends
    EverydayMethods,
    TreeMethods,
    BatchMethods,
    FileMethods,
    BlockingMethods {}

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

  // ---- files ---------------------------------------------------------------

  /**
   * Where the bytes of a file open for writing go (internal hook). The
   * default gathers them and writes them whole with `_pipeFile` on commit.
   * @ignore
   */
  [_openSink](path: string, options: _SinkOptions): Promise<_WriteSink> {
    return Promise.resolve(_bufferSink(this, path, options));
  }

  // ---- life cycle ----------------------------------------------------------

  /** Release what the instance holds (sessions, handles). */
  close(): void | Promise<void> {}

  /** `await using fs = …` closes it. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

// The derived methods, from their concepts' files, as the class's own
// (non-enumerable) methods, as if written in the class body.
for (
  const methods of [_everydayMethods, _treeMethods, _batchMethods, _fileMethods]
) {
  const descriptors = Object.getOwnPropertyDescriptors(methods);
  for (const [name, descriptor] of Object.entries(descriptors)) {
    Object.defineProperty(AsyncFileSystem.prototype, name, {
      ...descriptor,
      enumerable: false,
    });
  }
}

for (const [method, kind] of Object.entries(_STANDARD_METHODS)) {
  _defineMethod(AsyncFileSystem, method, kind);
}
