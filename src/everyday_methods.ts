/**
 * fsspec's everyday methods of every filesystem (`_mv`, `_touch`, `_head`,
 * `_tail`, `_modified`, `_checksum`, `_lexists`): derived from the core a
 * backend implements, in one interface that `AsyncFileSystem` merges.
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import { _checkSize, _checksumOf, _modifiedOf } from "./_everyday.ts";
import { _moveWithin } from "./_move.ts";
import type * as t from "./types.ts";

/**
 * fsspec's everyday methods, which every filesystem derives from its core
 * (`_info`, `_catFile`, `_pipeFile`, `_cpFile`, `_rmFile`); a backend may
 * override them with `override`.
 */
export interface EverydayMethods {
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
    options?: t.MvOptions,
  ): Promise<void>;

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
  _touch(path: string, options?: t.TouchOptions): Promise<void>;

  /**
   * The first `size` bytes of a file (all of a shorter one).
   *
   * @param path The file.
   * @param size How many bytes (1024 by default).
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
  _head(
    path: string,
    size?: number,
    options?: t.IOOptions,
  ): Promise<Uint8Array>;

  /**
   * The last `size` bytes of a file (all of a shorter one).
   *
   * @param path The file.
   * @param size How many bytes (1024 by default).
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
  _tail(
    path: string,
    size?: number,
    options?: t.IOOptions,
  ): Promise<Uint8Array>;

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
  _modified(path: string, options?: t.IOOptions): Promise<Date>;

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
  _checksum(path: string, options?: t.IOOptions): Promise<string>;

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
  _lexists(path: string, options?: t.IOOptions): Promise<boolean>;
}

/** The everyday methods, installed on `AsyncFileSystem`'s prototype. */
export const _everydayMethods: EverydayMethods & ThisType<AsyncFileSystem> = {
  _mv(path1, path2, options = {}) {
    return _moveWithin(this, path1, path2, options);
  },

  async _touch(path, options = {}) {
    const { truncate = true, signal } = options;
    if (truncate || !(await this._exists(path, { signal }))) {
      await this._pipeFile(path, new Uint8Array(0), { signal });
    }
  },

  async _head(path, size = 1024, options = {}) {
    _checkSize("read the head of", path, size);
    return await this._catFile(path, { ...options, start: 0, end: size });
  },

  async _tail(path, size = 1024, options = {}) {
    _checkSize("read the tail of", path, size);
    // -0 would read from the start: no bytes is the range [0, 0)
    const range = size === 0 ? { start: 0, end: 0 } : { start: -size };
    return await this._catFile(path, { ...options, ...range });
  },

  async _modified(path, options) {
    return _modifiedOf(await this._info(path, options), path, this);
  },

  async _checksum(path, options) {
    return await _checksumOf(await this._info(path, options));
  },

  _lexists(path, options) {
    return this._exists(path, options);
  },
};
