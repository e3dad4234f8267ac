/**
 * A file of a server that refuses ranges (`Accept-Ranges: none`): read once
 * as a stream from the start, forward seeks read and discard, a backward
 * seek is an error (fsspec's `HTTPStreamFile`, which refuses any seek).
 * Internal: `HTTPFileSystem.openAsync` returns one for such a URL.
 *
 * @module
 */

import { concat } from "@std/bytes/concat";
import { AsyncFile, type OpenOptions, type Whence } from "../async_file.ts";
import type { AsyncFileSystem } from "../async_file_system.ts";
import { _raiseForStatus, type _Requester } from "./request.ts";

/** An open GET: its body, and `done` to let go of it (cancelling what is unread). */
export interface _OpenStream {
  /** The body, from byte 0. */
  body: ReadableStream<Uint8Array>;
  /** Ends the request: cancels the body where unread, frees the connection. */
  done(): Promise<void>;
}

/**
 * A read-only file over one GET, from byte 0 on. `size` is what the server
 * said (null where it did not); `seek` may go forward or stay, never back.
 */
export class _StreamFile extends AsyncFile {
  #open: () => Promise<_OpenStream>;
  #stream: _OpenStream | undefined;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  /** Bytes taken from the stream but not yet read. */
  #pending: Uint8Array = new Uint8Array(0);
  /** The position of the stream: bytes taken from it so far, minus `#pending`. */
  #streamPos = 0;
  #pos = 0;
  #ended = false;
  #isClosed = false;

  /**
   * Makes one; no request is sent until the first read.
   *
   * @param fs The filesystem (for `AsyncFile`'s checks).
   * @param path The URL.
   * @param size The size, where known.
   * @param open Sends the GET.
   * @param options Open options (mode).
   */
  constructor(
    fs: AsyncFileSystem,
    path: string,
    size: number | null,
    open: () => Promise<_OpenStream>,
    options: OpenOptions = {},
  ) {
    super(fs, path, size, options);
    this.#open = open;
  }

  override get closed(): boolean {
    return this.#isClosed;
  }

  #check(action: string): void {
    if (this.#isClosed) {
      throw new TypeError(
        `Cannot ${action} "${this.path}": the file is closed`,
      );
    }
  }

  override tell(): number {
    this.#check("tell");
    return this.#pos;
  }

  /**
   * Move the position forward (or keep it).
   * @throws {RangeError} Before what was read already (the server refuses ranges), or from the end of a file of unknown size.
   */
  override seek(offset: number, whence: Whence = 0): number {
    this.#check("seek");
    // AsyncFile's checks and arithmetic, counted from this file's position
    const pos = whence === 1
      ? super.seek(this.#pos + offset, 0)
      : super.seek(offset, whence);
    if (pos < this.#streamPos) {
      throw new RangeError(
        `Cannot seek "${this.path}" back to ${pos}: the server refuses ranges (Accept-Ranges: none), so the file is read once from the start, and byte ${this.#streamPos} is read already`,
      );
    }
    return this.#pos = pos;
  }

  /** The next chunk of the stream, or null at its end. */
  async #take(): Promise<Uint8Array | null> {
    if (this.#pending.length > 0) {
      const chunk = this.#pending;
      this.#pending = new Uint8Array(0);
      return chunk;
    }
    if (this.#ended) return null;
    if (!this.#reader) {
      this.#stream = await this.#open();
      this.#reader = this.#stream.body.getReader();
    }
    const { done, value } = await this.#reader.read();
    if (done) {
      this.#ended = true;
      await this.#release();
      return null;
    }
    return value;
  }

  async #release(): Promise<void> {
    const stream = this.#stream;
    this.#stream = undefined;
    this.#reader?.releaseLock();
    await stream?.done();
  }

  /**
   * Read up to `length` bytes from the position (all the rest for -1),
   * reading and discarding up to the position first.
   */
  override async read(length = -1): Promise<Uint8Array> {
    this.#check("read");
    let want = length < 0 ? Infinity : length;
    if (this.size !== null) want = Math.min(want, this.size - this.#pos);
    const chunks: Uint8Array[] = [];
    let got = 0;
    while (got < want) {
      const chunk = await this.#take();
      if (chunk === null) break;
      const skip = Math.min(this.#pos - this.#streamPos, chunk.length);
      const use = Math.min(chunk.length - skip, want - got);
      if (use > 0) chunks.push(chunk.subarray(skip, skip + use));
      got += use;
      this.#pending = chunk.subarray(skip + use);
      this.#streamPos += skip + use;
      this.#pos += use; // use > 0 only once the skip is done: then both agree
    }
    return concat(chunks);
  }

  /** Close the file, and the request with it. */
  override async close(): Promise<void> {
    this.#isClosed = true;
    this.#pending = new Uint8Array(0);
    const stream = this.#stream;
    this.#stream = undefined;
    if (stream) {
      await this.#reader?.cancel().catch(() => {});
      await stream.done();
    }
  }
}

/**
 * A GET of `url` held open for a {@linkcode _StreamFile}: the request (and
 * its slot of `limitPerHost`) lasts until `done()`.
 *
 * @param request Sends requests (with the filesystem's headers, timeout).
 * @param url The URL.
 * @param signal Aborts.
 * @returns The open GET, once its answer came.
 * @throws {FileNotFoundError | PermissionError | HTTPError} For a failing status or connection.
 */
export function _openStream(
  request: _Requester,
  url: string,
  signal: AbortSignal | undefined,
): Promise<_OpenStream> {
  const ready = Promise.withResolvers<_OpenStream>();
  const finished = Promise.withResolvers<void>();
  const settled = request(
    url,
    { method: "GET", action: "read", signal, retryBody: false },
    async (response) => {
      if (!response.ok) await _raiseForStatus(response, "read", url);
      ready.resolve({
        body: response.body ?? new Blob().stream(),
        done: async () => {
          finished.resolve();
          await settled.catch(() => {});
        },
      });
      await finished.promise;
    },
  );
  settled.catch(ready.reject);
  return ready.promise;
}
