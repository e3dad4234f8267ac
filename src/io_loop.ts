/**
 * The caller's side of an IO loop: {@linkcode IOLoop}, a handle on the IO
 * Worker that runs a thread's blocking calls, and {@linkcode getLoop}, the
 * thread's shared one (fsspec's `get_loop()`).
 *
 * The connection to the Worker (its start, its death) is `_io_connection.ts`;
 * a blocked caller's wait for its answer, `_io_wait.ts`; callbacks across the
 * threads, `_remote_callback.ts`.
 *
 * @module
 */

import {
  type _FsRef,
  _onIOWorker,
  type _PortMessage,
  type _Request,
} from "./_channel.ts";
import { _callAsync, _onAsyncAnswer } from "./_io_async.ts";
import {
  type _Conn,
  type _LoopSide,
  _lose,
  _openConn,
  type MessageTarget,
} from "./_io_connection.ts";
import { _callBlocking } from "./_io_wait.ts";
import type { ImplementationSpec } from "./registry.ts";

export type { MessageTarget } from "./_io_connection.ts";

/** Options of a blocking call made through an {@linkcode IOLoop}. */
export interface _LoopCallOptions {
  /**
   * Seconds to wait before giving up with `FSTimeoutError`; 0 waits forever.
   * @default {0}
   */
  timeout?: number;
  /** What the call is, for error messages (`"cat()"`). */
  what?: string;
}

/** Where a request's filesystem reference keeps the filesystem itself. */
const TARGET = Symbol("target");

/**
 * The internals of {@linkcode IOLoop}, for the library's own modules: they
 * stay off the class's public face.
 */
export const _loop: {
  /** Run a request on the Worker and block until it is answered. */
  call(
    loop: IOLoop,
    req: Omit<_Request, "id">,
    options?: _LoopCallOptions,
  ): unknown;
  /** Run a request on the Worker without blocking. */
  callAsync(
    loop: IOLoop,
    req: Omit<_Request, "id">,
    what: string,
  ): Promise<unknown>;
  /** Send a message that wants no answer. */
  control(loop: IOLoop, message: _PortMessage): void;
  /** A filesystem's reference for a request. */
  fsRef(
    loop: IOLoop,
    fs: object,
    spec: ImplementationSpec,
    options: Record<string, unknown>,
    what: string,
  ): _FsRef;
  /** Forget that a filesystem was sent. */
  forget(loop: IOLoop, fs: object): void;
  /** What the Worker holds. */
  stats(loop: IOLoop): { instances: number; handles: number; iters: number };
} = {} as typeof _loop;

let keys = 0;
const fsKeys = new WeakMap<object, number>();

/** The key naming an object (a filesystem) to every IO Worker. */
export function _keyOf(obj: object): number {
  let key = fsKeys.get(obj);
  if (key === undefined) fsKeys.set(obj, key = ++keys);
  return key;
}

/** Workers of the application whose `terminate` a loop watches. */
const watched = new WeakSet<object>();

/**
 * A handle on an IO Worker: the thread that runs blocking calls' async work
 * while the calling thread waits. The library's own Worker starts on the
 * first call, restarts if it died, and does not keep the process alive.
 *
 * Given a Worker the application made, the loop is served there beside the
 * application's own messages: the Worker's module calls
 * {@linkcode serveIOLoop} with what it receives.
 *
 * @example A loop of one's own, closed when done
 * ```ts
 * import { filesystem, IOLoop } from "@fsspec/asyn";
 * import { assertEquals } from "@std/assert";
 *
 * await using loop = new IOLoop();
 * const fs = await filesystem("memory", { loop, skipInstanceCache: true, store: "doc-loop" });
 * fs.pipe("/a", new Uint8Array([1, 2]));
 * assertEquals(fs.cat("/a"), new Uint8Array([1, 2]));
 * ```
 */
export class IOLoop implements AsyncDisposable {
  #target: MessageTarget | undefined;
  #conn: _Conn | undefined;
  #conns = new Set<_Conn>();
  #closed = false;
  #waiting = false;
  #nextId = 1;
  /** What the request senders need of the loop. */
  #side: _LoopSide = {
    nextId: () => this.#nextId++,
    control: (message) => this.#control(message),
    strip: (conn, req, channel) =>
      req.fs?.spec && conn.sent[channel].has(req.fs.key)
        ? { ...req, fs: { key: req.fs.key } }
        : req,
    sent: (conn, req, channel) => this.#sent(conn, req, channel),
  };
  #finalizer = new FinalizationRegistry<number>((key) =>
    this.#control({ id: 0, control: "drop", instances: [key] })
  );

  /**
   * A loop on the library's own Worker, or on a Worker of the application.
   * @param worker A Worker of the application that serves the loop (its
   * module calls `serveIOLoop`); unset: the library's own, started on first use.
   */
  constructor(worker?: MessageTarget) {
    this.#target = worker;
  }

  static {
    _loop.call = (loop, req, options) => loop.#call(req, options);
    _loop.callAsync = (loop, req, what) => loop.#callAsync(req, what);
    _loop.control = (loop, message) => loop.#control(message);
    _loop.fsRef = (loop, fs, spec, options, what) =>
      loop.#fsRef(fs, spec, options, what);
    _loop.forget = (loop, fs) => loop.#forget(fs);
    _loop.stats = (loop) => loop.#stats();
  }

  /** Whether a Worker serves the loop now (it starts on the first call). */
  get running(): boolean {
    const conn = this.#conn;
    return !this.#closed && conn !== undefined && !conn.dead && !conn.launch;
  }

  /** What the Worker holds: filesystems, open files, walks in progress. For tests. */
  #stats(): { instances: number; handles: number; iters: number } {
    return this.#call({ op: "stats" }, { what: "stats()" }) as {
      instances: number;
      handles: number;
      iters: number;
    };
  }

  /** Whether {@linkcode IOLoop.close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Stop the loop: the library's own Worker is terminated; a Worker of the
   * application stops serving the loop and keeps running. Async calls still
   * in flight fail.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const conn = this.#conn;
    if (conn && this.#target && !conn.dead && !conn.launch) {
      conn.asyncPort.postMessage({ id: 0, control: "stop" });
    }
    for (const c of this.#conns) {
      _lose(c, 0);
      if (c.launch) continue; // never started
      await c.worker?.terminate();
      await c.exited;
    }
    this.#conns.clear();
  }

  /** `await using loop = new IOLoop()` closes it. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #connect(what: string): _Conn {
    if (this.#closed) {
      throw new TypeError(`Cannot call ${what}: the IOLoop is closed`);
    }
    if (this.#conn && !this.#conn.dead) return this.#conn;
    if (this.#conn && this.#target) {
      throw new Error(
        `Cannot call ${what}: the Worker that served this IOLoop has stopped`,
      );
    }
    const conn = _openConn(this.#target, {
      exit: (lost) => {
        if (!this.#closed) this.#conns.delete(lost);
      },
      message: _onAsyncAnswer,
    });
    this.#conn = conn;
    this.#conns.add(conn);
    if (this.#target) this.#watchTerminate(this.#target, conn);
    return conn;
  }

  /**
   * A Worker of the application that is terminated through its
   * `terminate()` fails the calls in flight at once: Deno's Worker fires no
   * event when terminated, and its ports no "close", so the loop wraps that
   * method (once per Worker) to learn of it.
   */
  #watchTerminate(target: MessageTarget, conn: _Conn): void {
    const worker = target as { terminate?: () => void };
    const terminate = worker.terminate;
    if (typeof terminate !== "function" || watched.has(target)) return;
    watched.add(target);
    worker.terminate = function (this: unknown) {
      terminate.call(this);
      conn.error ??= "the application terminated it";
      _lose(conn, 1);
    };
  }

  /** The reference to a filesystem for a request: its build recipe until both channels carried it. */
  #fsRef(
    fs: object,
    spec: { module: string; export: string },
    options: Record<string, unknown>,
    what: string,
  ): { key: number; spec?: typeof spec; options?: typeof options } {
    const conn = this.#connect(what);
    const key = _keyOf(fs);
    // the filesystem itself rides along under a symbol, which is not sent
    const known = conn.sent.sync.has(key) && conn.sent.async.has(key);
    const ref: _FsRef = known ? { key } : { key, spec, options };
    (ref as { [TARGET]?: object })[TARGET] = fs;
    return ref;
  }

  /** Note that the Worker has had a request's filesystem's recipe. */
  #sent(
    conn: _Conn,
    req: Omit<_Request, "id">,
    channel: "sync" | "async",
  ): void {
    const key = req.fs?.key;
    if (key === undefined || !req.fs?.spec || conn.sent[channel].has(key)) {
      return;
    }
    const first = !conn.sent.sync.has(key) && !conn.sent.async.has(key);
    conn.sent[channel].add(key);
    const target = (req.fs as { [TARGET]?: object })[TARGET];
    if (first && target) this.#finalizer.register(target, key);
  }

  /** Forget that a filesystem was sent (it was closed there). */
  #forget(fs: object): void {
    const key = _keyOf(fs);
    this.#conn?.sent.sync.delete(key);
    this.#conn?.sent.async.delete(key);
  }

  /** Send a message that wants no answer. */
  #control(message: _PortMessage): void {
    const conn = this.#conn;
    if (!conn || conn.dead || this.#closed) return;
    conn.asyncPort.postMessage(message);
  }

  /**
   * Run a request on the Worker and block this thread until it is answered.
   * @throws {FSTimeoutError} Where `timeout` ran out.
   */
  #call(req: Omit<_Request, "id">, options: _LoopCallOptions = {}): unknown {
    const what = options.what ?? `${req.method ?? req.op}()`;
    if (_onIOWorker()) {
      throw new Error(
        `Cannot call ${what} on the IO Worker: it would wait for itself; await the async method instead`,
      );
    }
    const timeout = options.timeout ?? 0;
    if (!(timeout >= 0)) {
      throw new RangeError(
        `Cannot wait ${timeout} s for ${what}: the timeout must be 0 or more`,
      );
    }
    if (this.#waiting) {
      throw new Error(
        `Cannot call ${what} while another blocking call on this loop waits (from one of its callbacks?)`,
      );
    }
    this.#waiting = true;
    try {
      return this.#wait(req, timeout, what);
    } finally {
      this.#waiting = false;
    }
  }

  #wait(req: Omit<_Request, "id">, timeout: number, what: string): unknown {
    return _callBlocking(this.#side, this.#connect(what), req, timeout, what);
  }

  /** Run a request on the Worker without blocking: the answer settles the promise. */
  #callAsync(req: Omit<_Request, "id">, what: string): Promise<unknown> {
    let conn: _Conn;
    try {
      conn = this.#connect(what);
    } catch (error) {
      return Promise.reject(error);
    }
    return _callAsync(this.#side, conn, req, what);
  }
}

let threadLoop: IOLoop | undefined;

/**
 * This thread's shared IO loop (fsspec's `get_loop()`): every blocking-mode
 * filesystem of the thread without a `loop` option uses it. Its Worker
 * starts on the first blocking call and does not keep the process alive.
 *
 * @returns The loop; a new one where the last was closed.
 *
 * @example
 * ```ts
 * import { getLoop } from "@fsspec/asyn";
 * import { assertStrictEquals } from "@std/assert";
 *
 * assertStrictEquals(getLoop(), getLoop());
 * ```
 */
export function getLoop(): IOLoop {
  if (!threadLoop || threadLoop.closed) threadLoop = new IOLoop();
  return threadLoop;
}
