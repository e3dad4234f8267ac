/**
 * The IO Worker's side of an IO loop: it rebuilds filesystems from their
 * module specifier and options, runs the calls that reach it, and answers.
 * It knows the wire codec and imports backends by specifier; nothing of the
 * caller's side.
 *
 * The library's own IO Worker runs a one-line `data:` module that calls
 * {@linkcode serveIOLoop} from here (this module is in the graph of the
 * library's entry, so it is cached where the library came from a remote
 * URL). An application that runs its own Worker serves a loop beside its own
 * messages by calling it too.
 *
 * @module
 */

import process from "node:process";
import {
  type _FsRef,
  _isLoopInit,
  type _LoopInit,
  _markIOWorker,
  type _PortMessage,
  _receive,
  type _Request,
  _Shared,
  W,
} from "./channel.ts";
import { type _CallbackEvent, _RemoteCallback } from "./remote_callback.ts";
import { _decode, type _DecodeHooks, _encode, _transferable } from "./wire.ts";

type Fs = Record<string, unknown> & { close?: () => unknown };
type Abortable = { abort?: () => Promise<void> };

const servers = new Set<Server>();
let hooked = false;

/** Tell every caller blocked on this thread that it is going away. */
function dying(code: number): void {
  for (const s of servers) s.die(code);
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", (code: number) => dying(code ?? 0));
  globalThis.addEventListener("unload", () => dying(0));
  const g = globalThis as { close?: () => void };
  const close = g.close;
  if (typeof close === "function") {
    g.close = function () {
      dying(0);
      close.call(globalThis);
    };
  }
}

const SPIN_MIN = 0.05, SPIN_MAX = 2;

class Server {
  readonly #shared: _Shared;
  readonly #sync: MessagePort;
  readonly #async: MessagePort;
  #seen = 0;
  #inflight = 0;
  #stopped = false;
  #spinMs = 0.5;
  #instances = new Map<number, Promise<Fs>>();
  /** The instances built so far, for calls that need not wait. */
  #live = new Map<number, Fs>();
  #iters = new Map<number, AsyncIterator<unknown>>();
  #handles = new Map<number, Fs>();
  #next = 1;
  #controllers = new Map<number, AbortController>();
  #signals = new Map<number, AbortController>();
  /** The proxied signals of each request, released when it settles. */
  #owned = new Map<number, number[]>();

  constructor(init: _LoopInit) {
    this.#shared = new _Shared(init.sab);
    this.#sync = init.syncPort;
    this.#async = init.asyncPort;
    this.#async.onmessage = (e: MessageEvent<_PortMessage>) =>
      this.#onAsync(e.data);
  }

  start(): void {
    servers.add(this);
    Atomics.store(this.#shared.words, W.Ready, 1);
    this.#bump();
    this.#idle();
  }

  die(code: number): void {
    const w = this.#shared.words;
    Atomics.store(w, W.Code, code);
    Atomics.store(w, W.Dead, 1);
    Atomics.add(w, W.RespSeq, 1);
    Atomics.notify(w, W.RespSeq);
  }

  #stop(): void {
    this.#stopped = true;
    servers.delete(this);
    this.#async.close();
    this.#sync.close();
    Atomics.add(this.#shared.words, W.ReqSeq, 1);
    Atomics.notify(this.#shared.words, W.ReqSeq);
  }

  async #idle(): Promise<void> {
    const w = this.#shared.words;
    while (!this.#stopped) {
      this.#pump();
      Atomics.store(w, W.Sleeping, 1);
      const v = Atomics.load(w, W.ReqSeq);
      if (v !== this.#seen) {
        Atomics.store(w, W.Sleeping, 0);
        continue;
      }
      const wait = Atomics.waitAsync(w, W.ReqSeq, v);
      if (wait.async) await wait.value;
      Atomics.store(w, W.Sleeping, 0);
    }
  }

  /** Take and start every blocking request that arrived. */
  #pump(): boolean {
    const v = Atomics.load(this.#shared.words, W.ReqSeq);
    if (v === this.#seen) return false;
    this.#seen = v;
    const start = this.#shared.take(
      "req",
      (view) => this.#decode(view, [], "sync"),
    );
    start?.value();
    for (;;) {
      const m = _receive(this.#sync);
      if (!m) break;
      if (m.bytes) this.#decode(new Uint8Array(m.bytes), m.buffers, "sync")();
    }
    return true;
  }

  /** Wait a moment for the next request before sleeping: a small call stays cheap. */
  #spin(): void {
    const w = this.#shared.words;
    // awake: the caller need not notify; asleep again (then look once more) after
    Atomics.store(w, W.Sleeping, 0);
    const end = performance.now() + this.#spinMs;
    let caught = false;
    for (let i = 0;; i++) {
      if (Atomics.load(w, W.ReqSeq) !== this.#seen) {
        caught = true;
        break;
      }
      if ((i & 63) === 0 && performance.now() > end) break;
    }
    this.#spinMs = caught
      ? Math.min(this.#spinMs * 2, SPIN_MAX)
      : Math.max(this.#spinMs / 2, SPIN_MIN);
    Atomics.store(w, W.Sleeping, 1);
    this.#pump();
  }

  #onAsync(m: _PortMessage): void {
    if (m.control === "abort") {
      this.#signals.get(m.id)?.abort();
      this.#controllers.get(m.id)?.abort();
      return;
    }
    if (m.control === "drop") {
      for (const h of m.handles ?? []) {
        const file = this.#handles.get(h) as Abortable | undefined;
        this.#handles.delete(h);
        // a write file dropped unclosed leaves nothing at its path; no one
        // is left to hear of a failure
        file?.abort?.().catch(() => {});
      }
      for (const k of m.instances ?? []) {
        this.#instances.delete(k);
        this.#live.delete(k);
      }
      return;
    }
    if (m.control === "stop") return this.#stop();
    if (m.bytes) this.#decode(new Uint8Array(m.bytes), m.buffers, "async")();
  }

  #hooks(id: number, channel: "sync" | "async"): _DecodeHooks {
    const send = (event: _CallbackEvent) => {
      if (channel === "async") {
        this.#async.postMessage({ id, event } satisfies _PortMessage);
        return;
      }
      this.#sync.postMessage({ id, event } satisfies _PortMessage);
      this.#bump();
    };
    return {
      callback: (cb) => new _RemoteCallback(cb, send),
      signal: (sid) => {
        if (sid === 0) {
          let c = this.#controllers.get(id);
          if (!c) this.#controllers.set(id, c = new AbortController());
          return c.signal;
        }
        let c = this.#signals.get(sid);
        if (!c) {
          this.#signals.set(sid, c = new AbortController());
          const owned = this.#owned.get(id);
          if (owned) owned.push(sid);
          else this.#owned.set(id, [sid]);
        }
        return c.signal;
      },
    };
  }

  #bump(): void {
    const w = this.#shared.words;
    Atomics.add(w, W.RespSeq, 1);
    Atomics.notify(w, W.RespSeq);
  }

  /** Decode a request, and return what starts it. */
  #decode(
    bytes: Uint8Array,
    buffers: (ArrayBuffer | SharedArrayBuffer)[] | undefined,
    channel: "sync" | "async",
  ): () => void {
    const id = new DataView(bytes.buffer, bytes.byteOffset).getFloat64(0, true);
    try {
      const req = _decode(
        bytes.subarray(8),
        buffers,
        this.#hooks(id, channel),
      ) as _Request;
      return () => this.#start(id, channel, () => this.#run(req));
    } catch (error) {
      return () => this.#start(id, channel, () => Promise.reject(error));
    }
  }

  #start(
    id: number,
    channel: "sync" | "async",
    run: () => Promise<unknown>,
  ): void {
    this.#inflight++;
    let result: Promise<unknown>;
    try {
      result = run();
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(
      (value) => this.#answer(id, channel, [1, value]),
      (error) => this.#answer(id, channel, [0, error]),
    ).finally(() => {
      this.#controllers.delete(id);
      for (const sid of this.#owned.get(id) ?? []) this.#signals.delete(sid);
      this.#owned.delete(id);
      if (--this.#inflight === 0 && !this.#stopped) this.#spin();
    });
  }

  #answer(id: number, channel: "sync" | "async", reply: [number, unknown]) {
    let encoded;
    try {
      encoded = _encode(reply, { transfer: true });
    } catch (error) {
      encoded = _encode([
        0,
        new TypeError(
          `Cannot send the result of request ${id} to the caller: ${
            (error as Error).message
          }`,
        ),
      ]);
    }
    const { bytes, buffers } = encoded;
    if (channel === "sync") {
      const w = this.#shared.words;
      if (
        buffers.length === 0 && Atomics.load(w, W.Current) === id &&
        this.#shared.put("resp", bytes, id)
      ) {
        return this.#bump();
      }
    }
    const own = bytes.slice().buffer;
    const port = channel === "sync" ? this.#sync : this.#async;
    port.postMessage(
      { id, bytes: own, buffers } satisfies _PortMessage,
      [own, ..._transferable(buffers)],
    );
    if (channel === "sync") this.#bump();
  }

  async #instance(ref: _FsRef | undefined): Promise<Fs> {
    if (!ref) throw new TypeError("Cannot find a filesystem: none named");
    let fs = this.#instances.get(ref.key);
    if (!fs && ref.spec) {
      const { module, export: name } = ref.spec;
      fs = import(module).then((m) => {
        const cls = m[name];
        if (typeof cls !== "function") {
          throw new TypeError(
            `Cannot rebuild the filesystem on the IO Worker: ${module} has no export "${name}"`,
          );
        }
        const made = new cls(ref.options) as Fs;
        this.#live.set(ref.key, made);
        return made;
      });
      this.#instances.set(ref.key, fs);
      // a failed build stays, so each later call gets its error
      fs.catch(() => {});
    }
    if (!fs) {
      throw new Error(
        `Cannot find filesystem ${ref.key} on the IO Worker: it was not sent`,
      );
    }
    return await fs;
  }

  async #run(req: _Request): Promise<unknown> {
    const args = req.args ?? [];
    switch (req.op) {
      case "noop":
        return undefined;
      case "stats":
        return {
          instances: this.#instances.size,
          handles: this.#handles.size,
          iters: this.#iters.size,
        };
      case "call": {
        const fs = this.#live.get(req.fs?.key ?? -1) ??
          await this.#instance(req.fs);
        return await method(fs, req.method!).apply(fs, args);
      }
      case "fn": {
        const module = await import(req.module!);
        const fn = module[req.export!];
        if (typeof fn !== "function") {
          throw new TypeError(
            `Cannot call "${req.export}" of ${req.module}: it is not a function`,
          );
        }
        return await fn(...args);
      }
      case "iter": {
        const fs = await this.#instance(req.fs);
        const gen = method(fs, req.method!).apply(fs, args) as AsyncIterable<
          unknown
        >;
        const key = this.#next++;
        this.#iters.set(key, gen[Symbol.asyncIterator]());
        return key;
      }
      case "next": {
        const it = this.#iters.get(req.iter!);
        if (!it) return [true, undefined];
        const r = await it.next();
        if (r.done) this.#iters.delete(req.iter!);
        return [r.done === true, r.value];
      }
      case "ret": {
        const it = this.#iters.get(req.iter!);
        this.#iters.delete(req.iter!);
        await it?.return?.();
        return undefined;
      }
      case "open": {
        const fs = await this.#instance(req.fs);
        const file = await method(fs, "openAsync").apply(fs, args) as Fs;
        const key = this.#next++;
        this.#handles.set(key, file);
        return [key, file.path, file.size];
      }
      case "file": {
        const file = this.#handles.get(req.handle!);
        if (!file) {
          throw new TypeError(
            `Cannot use file handle ${req.handle} on the IO Worker: it was closed`,
          );
        }
        if (req.method === "close" || req.method === "abort") {
          this.#handles.delete(req.handle!);
        }
        return await method(file, req.method!).apply(file, args);
      }
      case "close": {
        const key = req.fs!.key;
        const fs = this.#instances.get(key);
        this.#instances.delete(key);
        this.#live.delete(key);
        if (fs) await (await fs).close?.();
        return undefined;
      }
    }
    throw new TypeError(`Cannot serve request "${req.op}": unknown operation`);
  }
}

function method(
  target: Fs,
  name: string,
): (...args: unknown[]) => unknown {
  const fn = target[name];
  if (typeof fn !== "function") {
    throw new TypeError(
      `Cannot call ${name}() on the IO Worker: ${
        (target.constructor as { name?: string }).name
      } has no such method`,
    );
  }
  return fn as (...args: unknown[]) => unknown;
}

/**
 * Serve an IO loop in this Worker, if `message` is the one an
 * {@linkcode IOLoop} made for a Worker of the application sends it. Returns
 * false for any other message, so a Worker serves its own messages beside
 * the loop.
 *
 * @param message A message the Worker received (`event.data`).
 * @returns True where the message started a loop.
 *
 * @example In the application's Worker module
 * ```ts ignore
 * import { serveIOLoop } from "@fsspec/asyn";
 *
 * self.onmessage = (event) => {
 *   if (serveIOLoop(event.data)) return;
 *   // … the application's own messages
 * };
 * ```
 */
export function serveIOLoop(message: unknown): boolean {
  if (!_isLoopInit(message)) return false;
  _markIOWorker();
  hookExit();
  new Server(message).start();
  return true;
}
