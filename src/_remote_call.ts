/**
 * The one caller-side helper for a remote call on a blocking-mode
 * filesystem: blocking (a twin, `sync`, `syncWrapper`) or awaited (a
 * forwarded `_` method), plain or generator, or one that leaves a handle on
 * the Worker (`open`). Internal.
 *
 * @module
 */

import type { _FsRef } from "./_channel.ts";
import { _blockingInfo, _loopOf } from "./_blocking_state.ts";
import type { _Kind } from "./_methods.ts";
import { _twinName } from "./_methods.ts";
import { type _Req, _send } from "./_send.ts";
import type { OpenMode } from "./async_write_file.ts";
import { BlockingFile } from "./blocking_file.ts";
import { _loop, type IOLoop } from "./io_loop.ts";

/** Options of {@linkcode _remote}. */
export interface _RemoteOptions {
  /** Block this thread until the answer; else return a promise (or an async generator). */
  blocking: boolean;
  /** How the method crosses; `close` drops the Worker's instance. @default {"call"} */
  kind?: _Kind | "close";
  /** The loop to run on; unset: the filesystem's own. */
  loop?: IOLoop;
  /** Seconds a blocking call waits; 0 or unset: forever. */
  timeout?: number;
  /** The call, for error messages; unset: the twin's name when blocking, else the method's. */
  what?: string;
}

/** Where a call goes: the loop, the filesystem's reference there, and its name. */
interface Target {
  loop: IOLoop;
  fs: _FsRef;
  what: string;
}

function target(fs: object, method: string, o: _RemoteOptions): Target {
  const info = _blockingInfo(fs, method);
  const loop = o.loop ?? _loopOf(info);
  const what = o.what ?? `${o.blocking ? _twinName(method) : method}()`;
  return {
    loop,
    fs: _loop.fsRef(loop, fs, info.spec, info.options, what),
    what,
  };
}

/**
 * Run `fs[method](...args)` on the IO Worker of a blocking-mode filesystem.
 * @param fs The filesystem.
 * @param method The method's name.
 * @param args Its arguments.
 * @param o Blocking or awaited, the kind, loop, timeout.
 * @returns Blocking: the value, a `Generator` (generator), a
 * `BlockingFile` (handle). Awaited: a promise, or an `AsyncGenerator`.
 * @throws {Error} Blocking, where the filesystem cannot block (the message
 * names the `_` method to await); its call's own error.
 * @throws {FSTimeoutError} Blocking, where the timeout ran out.
 */
export function _remote(
  fs: object,
  method: string,
  args: readonly unknown[],
  o: _RemoteOptions,
): unknown {
  const kind = o.kind ?? "call";
  if (kind === "generator") {
    const steps = new Steps(fs, method, args, o);
    return o.blocking ? blockingSteps(steps) : awaitedSteps(steps);
  }
  if (!o.blocking) {
    try {
      const t = target(fs, method, o);
      return _send(t.loop, request(kind, t, method, args), false, t.what);
    } catch (error) {
      return Promise.reject(error);
    }
  }
  const t = target(fs, method, o);
  const answer = _send(
    t.loop,
    request(kind, t, method, args),
    true,
    t.what,
    o.timeout,
  );
  if (kind !== "handle") return answer;
  const [handle, path, size] = answer as [number, string, number | null];
  const mode = (args[1] as { mode?: OpenMode } | undefined)?.mode;
  return new BlockingFile(t.loop, handle, path, size, mode);
}

const OPS = { call: "call", handle: "open", close: "close" } as const;

function request(
  kind: "call" | "handle" | "close",
  t: Target,
  method: string,
  args: readonly unknown[],
): _Req {
  if (kind === "close") return { op: "close", fs: t.fs };
  return { op: OPS[kind], fs: t.fs, method, args: [...args] };
}

/**
 * A remote generator's protocol, once: `iter` starts it on the Worker, each
 * `next` takes one step, `ret` ends it where the consumer stopped early.
 */
class Steps {
  #fs: object;
  #first: Omit<_Req, "op">;
  #o: _RemoteOptions;
  #t: Target | undefined;
  #iter = 0;
  #done = false;

  constructor(
    fs: object,
    method: string,
    args: readonly unknown[],
    o: _RemoteOptions,
  ) {
    this.#fs = fs;
    this.#first = { method, args: [...args] };
    this.#o = o;
  }

  /** Send a request: blocks or returns a promise, as the options say. */
  send(req: _Req): unknown {
    const t = this.#t ??= target(this.#fs, this.#first.method!, this.#o);
    return _send(t.loop, req, this.#o.blocking, t.what, this.#o.timeout);
  }

  start(): _Req {
    const t = this.#t ??= target(this.#fs, this.#first.method!, this.#o);
    return { ...this.#first, op: "iter", fs: t.fs };
  }

  started(iter: unknown): void {
    this.#iter = iter as number;
  }

  next(): _Req {
    return { op: "next", iter: this.#iter };
  }

  /** A step's answer as an iterator result. */
  step(answer: unknown): IteratorResult<unknown, undefined> {
    const [done, value] = answer as [boolean, unknown];
    this.#done = done;
    return done ? { done, value: undefined } : { done, value };
  }

  /** The request that ends the Worker's generator, where one is due. */
  end(): _Req | undefined {
    if (this.#done || !this.#t || this.#t.loop.closed) return undefined;
    return { op: "ret", iter: this.#iter };
  }
}

function* blockingSteps(s: Steps): Generator<unknown> {
  s.started(s.send(s.start()));
  try {
    for (let r; !(r = s.step(s.send(s.next()))).done;) yield r.value;
  } finally {
    const end = s.end();
    if (end) s.send(end);
  }
}

async function* awaitedSteps(s: Steps): AsyncGenerator<unknown> {
  s.started(await s.send(s.start()));
  try {
    for (let r; !(r = s.step(await s.send(s.next()))).done;) yield r.value;
  } finally {
    const end = s.end();
    if (end) await s.send(end);
  }
}
