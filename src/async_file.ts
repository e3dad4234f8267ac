/**
 * A random-access file for reading, over a filesystem's `_catFile`
 * (fsspec's `AbstractBufferedFile` in read mode, with its read-ahead cache).
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import type { IOOptions } from "./types.ts";

/** Options of `openAsync` and `open`. */
export interface OpenOptions extends IOOptions {
  /**
   * Only reading (`"rb"`) is supported.
   * @default {"rb"}
   */
  mode?: "rb";
  /**
   * Bytes read ahead at least, per request.
   * @default {5242880}
   */
  blockSize?: number;
  /**
   * `"bytes"` keeps the last block read ahead; `"none"` reads exactly what is asked.
   * @default {"bytes"}
   */
  cacheType?: "bytes" | "none";
}

/** Where `seek` counts from: 0 the start, 1 the current position, 2 the end. */
export type Whence = 0 | 1 | 2;

/**
 * An open file: `read`, `seek`, `tell`, `size`, `close`, and `readable` for a
 * `ReadableStream` of the rest.
 *
 * @example Read part of a file
 * ```ts
 * import { filesystem } from "@fsspec/asyn";
 * import { assertEquals } from "@std/assert";
 *
 * const fs = await filesystem("memory", { asynchronous: true, skipInstanceCache: true });
 * await fs._pipeFile("/f", new Uint8Array([1, 2, 3, 4]));
 * await using f = await fs.openAsync("/f");
 * f.seek(1);
 * assertEquals(await f.read(2), new Uint8Array([2, 3]));
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
  #cache: { start: number; data: Uint8Array } | undefined;
  #signal: AbortSignal | undefined;

  /**
   * Makes one.
   *
   * @param fs The filesystem to read through.
   * @param path The path.
   * @param size Its size, where known.
   * @param options Block size, cache type, signal.
   */
  constructor(
    fs: AsyncFileSystem,
    path: string,
    size: number | null,
    options: OpenOptions = {},
  ) {
    if (options.mode !== undefined && options.mode !== "rb") {
      throw new TypeError(
        `Cannot open "${path}" in mode "${options.mode}": only "rb" is supported`,
      );
    }
    const blockSize = options.cacheType === "none"
      ? 0
      : options.blockSize ?? 5 * 2 ** 20;
    if (!Number.isInteger(blockSize) || blockSize < 0) {
      throw new RangeError(
        `Cannot open "${path}" with block size ${blockSize}: it must be a non-negative integer`,
      );
    }
    this.#fs = fs;
    this.path = path;
    this.size = size;
    this.#blockSize = blockSize;
    this.#signal = options.signal;
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

  async #fetch(start: number, end: number | null): Promise<Uint8Array> {
    const c = this.#cache;
    if (
      c && end !== null && start >= c.start && end <= c.start + c.data.length
    ) {
      return c.data.slice(start - c.start, end - c.start);
    }
    if (end === null || this.#blockSize === 0) {
      return await this.#fs._catFile(this.path, {
        start,
        end,
        signal: this.#signal,
      });
    }
    let readEnd = Math.max(end, start + this.#blockSize);
    if (this.size !== null) readEnd = Math.min(readEnd, this.size);
    const data = await this.#fs._catFile(this.path, {
      start,
      end: readEnd,
      signal: this.#signal,
    });
    this.#cache = { start, data };
    return data.slice(0, end - start);
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

  /** Close the file; later reads throw. */
  close(): Promise<void> {
    this.#closed = true;
    this.#cache = undefined;
    return Promise.resolve();
  }

  /** `await using f = await fs.openAsync(…)` closes it. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
