/**
 * The file methods of every filesystem: `openAsync` (a file object to read
 * or write), `_readText` and `_writeText`, and `getMapper` (a key-value
 * view), in one interface that `AsyncFileSystem` merges.
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import { FileNotFoundError } from "./errors.ts";
import {
  _checkOpenOptions,
  AsyncFile,
  type OpenOptions,
} from "./async_file.ts";
import {
  _isWriteMode,
  _openWrite,
  type AsyncFileFor,
  type OpenMode,
} from "./async_write_file.ts";
import {
  _decoderFor,
  _encodeText,
  type ReadTextOptions,
  type WriteTextOptions,
} from "./text.ts";
import { FSMap, type GetMapperOptions } from "./mapper.ts";

/**
 * The methods that present a filesystem's files as objects (an open file, a
 * text, a mapper), which every filesystem derives from its core; a backend
 * may override them with `override`.
 */
export interface FileMethods {
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
  openAsync<M extends OpenMode = "rb">(
    path: string,
    options?: OpenOptions<M>,
  ): Promise<AsyncFileFor<M>>;

  /**
   * A file's text (fsspec's `read_text`).
   * @param path The file.
   * @param options `encoding` (UTF-8 by default).
   * @returns The text.
   * @throws {RangeError} For an unknown encoding, before any I/O.
   */
  _readText(
    path: string,
    options?: ReadTextOptions,
  ): Promise<string>;

  /**
   * Write text as a whole file (fsspec's `write_text`).
   * @param path The file.
   * @param text The text.
   * @param options `encoding` (UTF-8, the only one).
   * @throws {RangeError} For an encoding other than UTF-8, before any I/O.
   */
  _writeText(
    path: string,
    text: string,
    options?: WriteTextOptions,
  ): Promise<void>;

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
  getMapper(root: string, options?: GetMapperOptions): FSMap;
}

/** The file methods, installed on `AsyncFileSystem`'s prototype. */
export const _fileMethods: FileMethods & ThisType<AsyncFileSystem> = {
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
  },

  async _readText(path, options = {}) {
    const decoder = _decoderFor(path, options.encoding);
    return decoder.decode(
      await this._catFile(path, { signal: options.signal }),
    );
  },

  async _writeText(path, text, options = {}) {
    const data = _encodeText(path, text, options.encoding);
    await this._pipeFile(path, data, { signal: options.signal });
  },

  getMapper(root, options = {}) {
    return new FSMap(this, root, options);
  },
};
