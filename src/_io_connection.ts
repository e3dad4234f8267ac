/**
 * The caller's connection to the IO Worker that serves an `IOLoop`:
 * the shared buffer and two ports, the start of the library's own Worker
 * (through a `data:` bootstrap module) or the init message to a Worker of the
 * application, and what happens when that Worker dies. Internal.
 *
 * @module
 */

import { Worker as NodeWorker } from "node:worker_threads";
import type { Callback } from "./callbacks.ts";
import {
  type _LoopInit,
  _newShared,
  type _PortMessage,
  type _Request,
  _Shared,
  W,
} from "./_channel.ts";

/** Something that takes messages with transfers: a `Worker`, web or `node:worker_threads`. */
export interface MessageTarget {
  /** Send a message, transferring what is listed. */
  postMessage(message: unknown, transfer: Transferable[]): void;
}

/** One connection to an IO Worker; a loop makes a new one when its Worker died. */
export interface _Conn {
  shared: _Shared;
  syncPort: MessagePort;
  asyncPort: MessagePort;
  worker?: NodeWorker;
  dead: boolean;
  code: number;
  error?: unknown;
  /**
   * The filesystems whose build recipe each channel has carried. Each
   * channel is in order, but the two are not: a recipe sent on one is not
   * yet known to a request on the other.
   */
  sent: { sync: Set<number>; async: Set<number> };
  pending: Map<number, _Pending>;
  exited: Promise<void>;
  /** Starts the Worker (or sends the init message) once, on the first request. */
  launch: (() => void) | undefined;
  /** The Worker's ends of the ports, until they are sent. */
  peers: MessagePort[];
  /** When the Worker was started (`performance.now()`). */
  launched: number;
}

/** An async call waiting for its answer. */
export interface _Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  callbacks: Map<number, Callback>;
  what: string;
}

/** What sending a request needs of the loop that sends it. */
export interface _LoopSide {
  /** A new id, for a request, a callback or a signal. */
  nextId(): number;
  /** Send a message that wants no answer. */
  control(message: _PortMessage): void;
  /** The request as a channel sends it: without the recipe it carried already. */
  strip(
    conn: _Conn,
    req: Omit<_Request, "id">,
    channel: "sync" | "async",
  ): Omit<_Request, "id">;
  /** Note that a channel has carried a request's filesystem's recipe. */
  sent(
    conn: _Conn,
    req: Omit<_Request, "id">,
    channel: "sync" | "async",
  ): void;
}

/** What a connection tells the loop that made it. */
export interface _ConnEvents {
  /** The library's own Worker exited; the connection is lost already. */
  exit(conn: _Conn): void;
  /** A message came on the async port. */
  message(conn: _Conn, m: _PortMessage): void;
}

const workerUrl = new URL("./io_worker.ts", import.meta.url).href;

/**
 * The code the IO Worker runs, handed to `node:worker_threads` as `eval`
 * code: it imports the Worker's module (its URL comes in the Worker's data,
 * so that the library may come from `https:`, which a Worker's module URL
 * may not), and if that fails, tells the blocked caller why instead of
 * leaving it waiting. As `eval` code, the Worker's `location` is the
 * shortest `data:` URL, and `fetch` there parses every request's URL
 * against it: the 656-character `data:` module this was before cost about
 * 4 µs per request.
 */
const bootstrap = `const { workerData: d } = require("node:worker_threads");
import(d.url).then((m) => m.serveIOLoop(d), (e) => {
  const w = new Int32Array(d.sab, 0, 128);
  d.syncPort.postMessage({ id: -1, startError: String(e && e.stack || e) });
  Atomics.store(w, ${W.Code}, 1); Atomics.store(w, ${W.Dead}, 1);
  Atomics.add(w, ${W.RespSeq}, 1); Atomics.notify(w, ${W.RespSeq});
  throw e;
});`;

/**
 * Starts the library's own IO Worker on `init`, whose ports it hands over,
 * running the module at `url`: its `serveIOLoop` gets `init`.
 * @param init The loop's shared memory and ports.
 * @param url The Worker's code; a test may name one that fails to load.
 * @returns The Worker, unref'd: it does not keep the process alive.
 */
export function _startWorker(
  init: _LoopInit,
  url: string = workerUrl,
): NodeWorker {
  const worker = new NodeWorker(bootstrap, {
    eval: true,
    workerData: { ...init, url },
    transferList: workerPorts(init) as unknown as [],
  });
  worker.unref();
  return worker;
}

/** The Worker's ends of a loop's ports: what `init` hands over. */
function workerPorts(init: _LoopInit): MessagePort[] {
  return [init.syncPort, init.asyncPort];
}

/**
 * A loop's shared memory and its two channels: the caller keeps `port1` of
 * each, and `init` hands the Worker the `port2`s.
 * @returns The init message and the channels.
 */
export function _newLoopInit(): {
  init: _LoopInit;
  sync: MessageChannel;
  async: MessageChannel;
} {
  const sync = new MessageChannel();
  const async = new MessageChannel();
  const init: _LoopInit = {
    fsspecIOLoop: 1,
    sab: _newShared(),
    syncPort: sync.port2,
    asyncPort: async.port2,
  };
  return { init, sync, async };
}

/**
 * A new connection, not yet launched: its `launch` starts the library's own
 * Worker, or sends the init message to `target`, on the first request.
 * @param target A Worker of the application; unset: the library's own.
 * @param events Where the connection reports exit and async messages.
 * @returns The connection.
 */
export function _openConn(
  target: MessageTarget | undefined,
  events: _ConnEvents,
): _Conn {
  const { init, sync, async } = _newLoopInit();
  let exited!: () => void;
  const conn: _Conn = {
    shared: new _Shared(init.sab),
    syncPort: sync.port1,
    asyncPort: async.port1,
    dead: false,
    code: 0,
    sent: { sync: new Set(), async: new Set() },
    pending: new Map(),
    exited: new Promise((resolve) => exited = resolve),
    launch: undefined,
    peers: workerPorts(init),
    launched: 0,
  };
  conn.launch = () => {
    conn.launch = undefined;
    conn.peers = [];
    conn.launched = performance.now();
    if (target) {
      target.postMessage(init, workerPorts(init));
      exited();
      return;
    }
    const worker = _startWorker(init);
    worker.on("error", (error: unknown) => conn.error ??= error);
    worker.on("exit", (code: number) => {
      _lose(conn, code);
      events.exit(conn);
      exited();
    });
    conn.worker = worker;
  };
  conn.asyncPort.onmessage = (e: MessageEvent<_PortMessage>) =>
    events.message(conn, e.data);
  _unref(conn.asyncPort);
  return conn;
}

/**
 * Mark a connection dead: its async calls fail, its ports close.
 * @param conn The connection.
 * @param code The Worker's exit code.
 */
export function _lose(conn: _Conn, code: number): void {
  if (conn.dead) return;
  conn.dead = true;
  conn.code = code;
  for (const p of conn.pending.values()) {
    p.reject(_deathError(conn, p.what));
  }
  conn.pending.clear();
  conn.syncPort.close();
  conn.asyncPort.close();
  for (const port of conn.peers) port.close();
}

/**
 * The error a call gets when the Worker died under it.
 * @param conn The dead connection.
 * @param what The call, for the message.
 * @returns The error, with the Worker's own error as its cause.
 */
export function _deathError(conn: _Conn, what: string): Error {
  const why = conn.error instanceof Error
    ? `: ${conn.error.message}`
    : typeof conn.error === "string"
    ? `: ${conn.error}`
    : "";
  return new Error(
    `Cannot finish ${what}: the IO Worker exited with code ${conn.code}${why}`,
    { cause: conn.error },
  );
}

type Reffable = { ref?: () => void; unref?: () => void };

/** Let a port keep the process alive (while async calls wait on it). */
export function _ref(port: MessagePort): void {
  (port as unknown as Reffable).ref?.();
}

/** Let the process exit though the port is open. */
export function _unref(port: MessagePort): void {
  (port as unknown as Reffable).unref?.();
}
