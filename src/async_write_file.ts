/**
 * A file open for writing (modes `"wb"`, `"ab"`, `"xb"`): its bytes go to
 * its filesystem's sink, and appear at the path whole when it is closed.
 *
 * @module
 */

import type { AsyncFile, OpenOptions } from "./async_file.ts";
import type { AsyncFileSystem } from "./async_file_system.ts";
import { FileExistsError } from "./errors.ts";
import { _openSink, type _WriteSink } from "./write_sink.ts";

/** The modes that write: replace (`"wb"`), append (`"ab"`), create only (`"xb"`). */
export type WriteMode = "wb" | "ab" | "xb";

/** Every mode of `openAsync` and `open`: `"rb"` reads, the others write. */
export type OpenMode = "rb" | WriteMode;

/** The file `openAsync` gives for a mode: {@linkcode AsyncFile} to read, {@linkcode AsyncWriteFile} to write. */
export type AsyncFileFor<M extends OpenMode> = M extends "rb" ? AsyncFile
  : AsyncWriteFile;

/** Whether a mode writes. */
export function _isWriteMode(mode: unknown): mode is WriteMode {
  return mode === "wb" || mode === "ab" || mode === "xb";
}

/** The error of a method that the file's mode does not offer. */
export function _wrongMode(
  action: string,
  path: string,
  mode: string,
): TypeError {
  const reading = mode === "rb";
  return new TypeError(
    `Cannot ${action} "${path}": the file is open for ${
      reading ? "reading" : "writing"
    } (mode "${mode}")`,
  );
}

// a write file dropped without close or abort leaves nothing
const dropped = new FinalizationRegistry<_WriteSink>((sink) => {
  sink.abort(new Error("The file was dropped unclosed")).catch(() => {});
});

/**
 * Opens a file for writing: `"xb"` checks first that nothing is at the path.
 *
 * @throws {FileExistsError} For `"xb"` where the path exists.
 */
export async function _openWrite(
  fs: AsyncFileSystem,
  path: string,
  mode: WriteMode,
  options: OpenOptions,
): Promise<AsyncWriteFile> {
  const p = fs.stripProtocol(path);
  const { signal } = options;
  if (mode === "xb" && await fs._exists(p, { signal })) {
    throw new FileExistsError(
      `Cannot open "${path}" in mode "xb": it exists already`,
      { path: p },
    );
  }
  const sink = await fs[_openSink](p, { append: mode === "ab", signal });
  return new AsyncWriteFile(p, mode, sink);
}

/**
 * A file open for writing: `write(bytes)`, `flush()`, `close()`, and
 * `writable` for `pipeTo`. Closing commits the file whole; `abort()`, an
 * aborted `writable`, a write that failed, or a file dropped unclosed leave
 * nothing at the path (and an older file there as it was). `await using`
 * closes, so it commits: JavaScript does not tell a disposer about an
 * exception, so call `abort()` in a `catch` to discard a file half written.
 *
 * @example Stream into a file, then read it back
 * ```ts
 * import { MemoryFileSystem } from "@fsspec/asyn";
 * import { assertEquals } from "@std/assert";
 *
 * const fs = new MemoryFileSystem({ asynchronous: true, store: "doc-write-file" });
 * const f = await fs.openAsync("/f.txt", { mode: "wb" });
 * await ReadableStream.from([new Uint8Array([104, 105])]).pipeTo(f.writable);
 * assertEquals(await fs._readText("/f.txt"), "hi");
 * ```
 */
export class AsyncWriteFile implements AsyncDisposable {
  /** The path. */
  readonly path: string;
  /** The mode it was opened in. */
  readonly mode: WriteMode;
  #sink: _WriteSink;
  #written = 0;
  #ending: Promise<void> | undefined;
  #error: { error: unknown } | undefined;
  #queue: Promise<void> = Promise.resolve();
  #writable: WritableStream<Uint8Array> | undefined;

  /**
   * Made by `openAsync` with a write mode.
   * @param path The path.
   * @param mode The mode.
   * @param sink Where the bytes go.
   */
  constructor(path: string, mode: WriteMode, sink: _WriteSink) {
    this.path = path;
    this.mode = mode;
    this.#sink = sink;
    dropped.register(this, sink, this);
  }

  /** Whether `close` or `abort` was called. */
  get closed(): boolean {
    return this.#ending !== undefined;
  }

  #check(action: string): void {
    const state = this.closed ? "the file is closed" : undefined;
    if (state) throw new TypeError(`Cannot ${action} "${this.path}": ${state}`);
    if (this.#error) throw this.#error.error;
  }

  /**
   * The bytes written so far.
   * @returns Their count.
   * @throws {TypeError} Where the file is closed.
   */
  tell(): number {
    this.#check("tell");
    return this.#written;
  }

  /**
   * Write bytes after those written before (a copy is taken at once).
   * Writes run in order, awaited or not.
   *
   * @param data The bytes.
   * @returns Their count, once the sink has them.
   * @throws {TypeError} For data that is not a `Uint8Array`, or a closed file.
   */
  write(data: Uint8Array): Promise<number> {
    try {
      this.#check("write");
      if (!(data instanceof Uint8Array)) {
        throw new TypeError(
          `Cannot write "${this.path}": data must be a Uint8Array`,
        );
      }
    } catch (error) {
      return Promise.reject(error);
    }
    const chunk = data.slice();
    this.#written += chunk.length;
    const done = this.#queue.then(() => {
      if (this.#error) throw this.#error.error;
      return this.#sink.write(chunk);
    });
    this.#queue = done.catch((error) => {
      this.#error ??= { error };
    });
    return done.then(() => chunk.length);
  }

  /**
   * Wait until the sink has every byte written so far.
   * @throws {TypeError} Where the file is closed.
   */
  async flush(): Promise<void> {
    this.#check("flush");
    await this.#queue;
    if (this.#error) throw this.#error.error;
  }

  /**
   * Commit the file whole at its path; a second call waits for the first.
   * Where a write failed, nothing is committed and the failure is thrown.
   */
  close(): Promise<void> {
    return this.#ending ??= this.#end(true);
  }

  /**
   * Drop what was written: nothing appears at the path, and an older file
   * there stays as it was. A no-op once closed.
   * @param reason Why, for the sink.
   */
  abort(reason?: unknown): Promise<void> {
    return this.#ending ??= this.#end(false, reason);
  }

  async #end(commit: boolean, reason?: unknown): Promise<void> {
    dropped.unregister(this);
    await this.#queue;
    const failed = this.#error;
    if (!commit || failed) {
      await this.#sink.abort(failed ? failed.error : reason);
      if (failed) throw failed.error;
      return;
    }
    try {
      await this.#sink.commit();
    } catch (error) {
      // the commit's failure is the one to report
      await this.#sink.abort(error).catch(() => {});
      throw error;
    }
  }

  /**
   * A stream into the file (the same one each time): closing it commits the
   * file, aborting it (as `pipeTo` does when its source fails) drops it.
   */
  get writable(): WritableStream<Uint8Array> {
    return this.#writable ??= new WritableStream<Uint8Array>({
      write: async (chunk) => {
        await this.write(chunk);
      },
      close: () => this.close(),
      abort: (reason) => this.abort(reason),
    });
  }

  /** `await using f = await fs.openAsync(p, { mode: "wb" })` closes (commits) it. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /**
   * Not offered: the file is open for writing.
   * @throws {TypeError} Always.
   */
  read(_length?: number): Promise<Uint8Array> {
    return Promise.reject(_wrongMode("read", this.path, this.mode));
  }

  /**
   * Not offered: the file is open for writing.
   * @throws {TypeError} Always.
   */
  seek(_offset: number, _whence?: number): number {
    throw _wrongMode("seek", this.path, this.mode);
  }

  /**
   * Not offered: the file is open for writing.
   * @throws {TypeError} Always.
   */
  readable(_chunkSize?: number): ReadableStream<Uint8Array> {
    throw _wrongMode("read", this.path, this.mode);
  }
}
