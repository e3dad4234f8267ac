/**
 * A random-access file for reading, over a filesystem's `_catFile`
 * (fsspec's `AbstractBufferedFile` in read mode, with its read-ahead cache).
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import type { _BaseCache } from "./caching/_base_cache.ts";
import type { CacheOptions, CacheType } from "./caching/cache_options.ts";
import { _checkCache, _makeCache } from "./caching/caches.ts";
import type { IOOptions } from "./types.ts";
import { _wrongMode, type OpenMode } from "./async_write_file.ts";

/**
 * Options of `openAsync` and `open`.
 * @typeParam M The mode.
 */
export interface OpenOptions<M extends OpenMode = OpenMode> extends IOOptions {
  /**
   * `"rb"` reads; `"wb"` writes a new file, `"ab"` appends to the present
   * one, `"xb"` writes a file that must not exist yet. The cache options
   * apply to reading only.
   * @default {"rb"}
   */
  mode?: M;
  /**
   * The cache's unit: bytes read ahead (`"bytes"`, `"readahead"`), the
   * block size (`"blockcache"`, `"background"`), the head kept (`"first"`).
   * @default {5242880}
   */
  blockSize?: number;
  /**
   * The cache between reads and requests, by fsspec's name (see
   * {@linkcode CacheType}). HTTP files default to their filesystem's
   * `cacheType`.
   * @default {"bytes"}
   */
  cacheType?: CacheType;
  /**
   * Options of the cache: `maxBlocks`, `trim`, `parts`.
   * @default {{}}
   */
  cacheOptions?: CacheOptions;
}

/**
 * Checks the options of `openAsync` before any I/O.
 * @throws {TypeError} For an unknown mode, cache type or cache option.
 * @throws {RangeError} For a block size that is not a non-negative integer
 * (positive for `"blockcache"` and `"background"`), or a bad `maxBlocks`.
 */
export function _checkOpenOptions(path: string, options: OpenOptions): void {
  const mode = options.mode ?? "rb";
  if (!["rb", "wb", "ab", "xb"].includes(mode)) {
    throw new TypeError(
      `Cannot open "${path}" in mode "${mode}": use "rb", "wb", "ab" or "xb"`,
    );
  }
  const cacheType = options.cacheType ?? "bytes";
  _checkCache(path, cacheType, options.cacheOptions);
  const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  const least = cacheType === "blockcache" || cacheType === "background"
    ? 1
    : 0;
  if (!Number.isInteger(blockSize) || blockSize < least) {
    throw new RangeError(
      `Cannot open "${path}" with block size ${blockSize}: it must be an integer of at least ${least}`,
    );
  }
}

const DEFAULT_BLOCK_SIZE = 5 * 2 ** 20;

/** Where `seek` counts from: 0 the start, 1 the current position, 2 the end. */
export type Whence = 0 | 1 | 2;

/**
 * An open file: `read`, `seek`, `tell`, `size`, `close`, and `readable` for a
 * `ReadableStream` of the rest. Reads go through the cache named by
 * `cacheType`. It is also a hyparquet `AsyncBuffer` as it is: `byteLength`
 * and `slice(start, end?)`, which resolves to an `ArrayBuffer`.
 *
 * @example Read through a block cache
 * ```ts
 * import { MemoryFileSystem } from "@fsspec/asyn";
 * import { assertEquals } from "@std/assert";
 *
 * const fs = new MemoryFileSystem({ asynchronous: true, store: "doc-async-file" });
 * await fs._pipeFile("/f", new TextEncoder().encode("hello, world"));
 * await using f = await fs.openAsync("/f", { cacheType: "blockcache", blockSize: 4 });
 * f.seek(7);
 * assertEquals(new TextDecoder().decode(await f.read(5)), "world");
 * assertEquals(f.byteLength, 12);
 * assertEquals(new TextDecoder().decode(await f.slice(-5, -1)), "worl");
 * ```
 */
export class AsyncFile implements AsyncDisposable {
  /** The path. */
  readonly path: string;
  /** The size in bytes; `null` where the server does not say. */
  readonly size: number | null;
  #fs: AsyncFileSystem;
  #pos = 0;
  #closed = false;
  #blockSize: number;
  #cache: _BaseCache;
  #signal: AbortSignal | undefined;

  /**
   * Makes one.
   *
   * @param fs The filesystem to read through.
   * @param path The path.
   * @param size Its size, where known.
   * @param options Block size, cache type and options, signal.
   * @throws {TypeError} For an unknown mode, cache type (the message lists
   * the valid ones) or cache option.
   * @throws {RangeError} For a bad block size or `maxBlocks`.
   */
  constructor(
    fs: AsyncFileSystem,
    path: string,
    size: number | null,
    options: OpenOptions = {},
  ) {
    _checkOpenOptions(path, options);
    this.#fs = fs;
    this.path = path;
    this.size = size;
    this.#blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
    this.#signal = options.signal;
    this.#cache = _makeCache(
      options.cacheType ?? "bytes",
      this.#blockSize,
      (start, end, signal) =>
        fs._catFile(path, {
          start,
          end: end === Infinity ? null : end,
          signal,
        }),
      size ?? Infinity,
      options.cacheOptions,
    );
  }

  /** Whether `close` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  #check(action: string): void {
    if (this.#closed) {
      throw new TypeError(
        `Cannot ${action} "${this.path}": the file is closed`,
      );
    }
  }

  /** The current position. */
  tell(): number {
    this.#check("tell");
    return this.#pos;
  }

  /**
   * Move the position.
   * @param offset Bytes from `whence`.
   * @param whence 0 the start, 1 the current position, 2 the end.
   * @returns The new position.
   * @throws {RangeError} For a position before 0, or `whence` 2 where the size is unknown.
   */
  seek(offset: number, whence: Whence = 0): number {
    this.#check("seek");
    let base = 0;
    if (whence === 1) base = this.#pos;
    else if (whence === 2) {
      if (this.size === null) {
        throw new RangeError(
          `Cannot seek from the end of "${this.path}": its size is unknown`,
        );
      }
      base = this.size;
    } else if (whence !== 0) {
      throw new RangeError(
        `Cannot seek "${this.path}" with whence ${whence}: use 0, 1 or 2`,
      );
    }
    const pos = base + offset;
    if (!Number.isInteger(pos) || pos < 0) {
      throw new RangeError(
        `Cannot seek "${this.path}" to ${pos}: before the start`,
      );
    }
    return this.#pos = pos;
  }

  /**
   * Read up to `length` bytes from the position (all the rest for -1), and
   * move past them. An empty array at the end.
   */
  async read(length = -1): Promise<Uint8Array> {
    this.#check("read");
    const start = this.#pos;
    let end = length < 0 ? this.size : start + length;
    if (end !== null && this.size !== null) end = Math.min(end, this.size);
    if (end !== null && end <= start) return new Uint8Array(0);
    const data = await this.#fetch(start, end);
    this.#pos = start + data.length;
    return data;
  }

  #fetch(start: number, end: number | null): Promise<Uint8Array> {
    if (end === null) {
      // the size is unknown: read to the end, around the cache
      return this.#fs._catFile(this.path, {
        start,
        end,
        signal: this.#signal,
      });
    }
    return this.#cache.fetch(start, end, this.#signal);
  }

  /**
   * The size in bytes (hyparquet's `AsyncBuffer.byteLength`).
   * @throws {TypeError} Where the size is unknown.
   */
  get byteLength(): number {
    if (this.size === null) {
      throw new TypeError(
        `Cannot get the byteLength of "${this.path}": its size is unknown`,
      );
    }
    return this.size;
  }

  /**
   * Bytes `[start, end)` through the cache, as `ArrayBuffer.prototype.slice`
   * counts them (negative from the end, clamped to the file); the position
   * does not move. This makes the file a hyparquet `AsyncBuffer`.
   *
   * @param start The first byte.
   * @param end The byte after the last; the end of the file when omitted.
   * @returns A new `ArrayBuffer` of the bytes.
   * @throws {TypeError} Where the file is closed, or its size is unknown.
   */
  async slice(start: number, end?: number): Promise<ArrayBuffer> {
    this.#check("slice");
    const size = this.byteLength;
    const clamp = (n: number) =>
      Math.min(Math.max(n < 0 ? size + n : n, 0), size);
    const from = clamp(Math.trunc(start) || 0);
    const to = end === undefined ? size : clamp(Math.trunc(end) || 0);
    if (to <= from) return new ArrayBuffer(0);
    const data = await this.#cache.fetch(from, to, this.#signal);
    return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength
      ? data.buffer as ArrayBuffer
      : data.slice().buffer;
  }

  /** A stream of the file from the position on, read a block at a time. */
  readable(
    chunkSize: number = this.#blockSize || 2 ** 20,
  ): ReadableStream<Uint8Array> {
    return new ReadableStream({
      pull: async (controller) => {
        const chunk = await this.read(chunkSize);
        if (chunk.length === 0) controller.close();
        else controller.enqueue(chunk);
      },
    });
  }

  /**
   * Not offered: the file is open for reading.
   * @throws {TypeError} Always.
   */
  write(_data: Uint8Array): Promise<number> {
    return Promise.reject(_wrongMode("write", this.path, "rb"));
  }

  /**
   * Not offered: the file is open for reading.
   * @throws {TypeError} Always.
   */
  flush(): Promise<void> {
    return Promise.reject(_wrongMode("flush", this.path, "rb"));
  }

  /**
   * Not offered: the file is open for reading.
   * @throws {TypeError} Always.
   */
  get writable(): WritableStream<Uint8Array> {
    throw _wrongMode("write", this.path, "rb");
  }

  /** Close the file; later reads throw. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#cache.close();
  }

  /** The same as `close` for a file open for reading. */
  abort(): Promise<void> {
    return this.close();
  }

  /** `await using f = await fs.openAsync(…)` closes it. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
