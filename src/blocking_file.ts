/**
 * The file object of a blocking-mode `open()`: each method blocks on the IO
 * Worker, where the open file lives in a handle table.
 *
 * @module
 */

import type { Whence } from "./async_file.ts";
import { _send } from "./_send.ts";
import type { OpenMode } from "./async_write_file.ts";
import { _loop, type IOLoop } from "./io_loop.ts";

const leaked = new FinalizationRegistry<{ loop: IOLoop; handle: number }>(
  ({ loop, handle }) =>
    _loop.control(loop, { id: 0, control: "drop", handles: [handle] }),
);

/**
 * A file whose methods block. Open for reading (`"rb"`): `read`, `seek`,
 * `tell`, `close`. Open for writing (`"wb"`, `"ab"`, `"xb"`): `write`,
 * `flush`, `tell`, `close` (which commits the file whole) and `abort`; a
 * method of the other kind throws `TypeError`. A file never closed is
 * released on the Worker once it is garbage, and a write file so released
 * leaves nothing at its path.
 *
 * @example
 * ```ts
 * import { filesystem } from "@fsspec/asyn";
 * import { assertStrictEquals } from "@std/assert";
 *
 * const fs = await filesystem("memory", { skipInstanceCache: true, store: "doc-file" });
 * fs.pipe("/f", new TextEncoder().encode("hello"));
 * using f = fs.open("/f");
 * f.seek(1);
 * assertStrictEquals(new TextDecoder().decode(f.read(3)), "ell");
 * assertStrictEquals(f.tell(), 4);
 * f.close();
 * await fs.loop!.close();
 * ```
 */
export class BlockingFile implements Disposable {
  /** The path. */
  readonly path: string;
  /** The size in bytes; `null` where unknown (and for a write file). */
  readonly size: number | null;
  /** The mode it was opened in. */
  readonly mode: OpenMode;
  #loop: IOLoop;
  #handle: number;
  #closed = false;

  /**
   * Made by `open()`.
   * @param loop The loop whose Worker holds the file.
   * @param handle The file's handle there.
   * @param path The path.
   * @param size The size.
   * @param mode The mode.
   */
  constructor(
    loop: IOLoop,
    handle: number,
    path: string,
    size: number | null,
    mode: OpenMode = "rb",
  ) {
    this.#loop = loop;
    this.#handle = handle;
    this.path = path;
    this.size = size ?? null;
    this.mode = mode;
    leaked.register(this, { loop, handle }, this);
  }

  /** Whether `close` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  #call(method: string, args: unknown[]): unknown {
    if (this.#closed) {
      throw new TypeError(
        `Cannot ${method} "${this.path}": the file is closed`,
      );
    }
    const req = { op: "file", handle: this.#handle, method, args } as const;
    return _send(this.#loop, req, true, `${method}()`);
  }

  /**
   * Read up to `length` bytes (all the rest for -1) and move past them.
   * @param length How many bytes.
   * @returns The bytes; empty at the end.
   */
  read(length = -1): Uint8Array {
    return this.#call("read", [length]) as Uint8Array;
  }

  /**
   * Move the position.
   * @param offset Bytes from `whence`.
   * @param whence 0 the start, 1 the current position, 2 the end.
   * @returns The new position.
   * @throws {RangeError} Before the start, or from the end of a file of unknown size.
   */
  seek(offset: number, whence: Whence = 0): number {
    return this.#call("seek", [offset, whence]) as number;
  }

  /**
   * The current position.
   * @returns Bytes from the start.
   */
  tell(): number {
    return this.#call("tell", []) as number;
  }

  /**
   * Write bytes after those written before (a write file's).
   * @param data The bytes.
   * @returns Their count.
   * @throws {TypeError} On a file open for reading.
   */
  write(data: Uint8Array): number {
    return this.#call("write", [data]) as number;
  }

  /**
   * Wait until every byte written so far is with the backend.
   * @throws {TypeError} On a file open for reading.
   */
  flush(): void {
    this.#call("flush", []);
  }

  /**
   * Close the file; later calls throw. A write file is committed whole.
   * @throws {Error} Where the commit failed (nothing is then at the path).
   */
  close(): void {
    this.#end("close");
  }

  /**
   * Drop what a write file wrote: nothing appears at its path. Closes a
   * read file.
   */
  abort(): void {
    this.#end("abort");
  }

  #end(method: "close" | "abort"): void {
    if (this.#closed) return;
    try {
      if (!this.#loop.closed) this.#call(method, []);
      else if (method === "close" && this.mode !== "rb") {
        throw new Error(
          `Cannot commit "${this.path}": its IO loop was closed first`,
        );
      }
    } finally {
      this.#closed = true;
      leaked.unregister(this);
    }
  }

  /** `using f = fs.open(…)` closes it. */
  [Symbol.dispose](): void {
    this.close();
  }
}
