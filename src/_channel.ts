/**
 * The shared memory between a thread and its IO Worker: a few signalling
 * words and two small message slots in one `SharedArrayBuffer`. Internal.
 *
 * A blocking call writes its request into the request slot (or, when it is
 * too big, posts it on the port), bumps `REQ_SEQ` and sleeps on `RESP_SEQ`.
 * The Worker answers in the response slot, or on the port when the answer is
 * big, belongs to an older call, or is a progress event, and bumps `RESP_SEQ`.
 * Big byte arrays always travel on the port, transferred, so no slot size
 * limits a result. Each slot has a state word, so neither side reads a slot
 * the other is writing.
 *
 * It also holds the shapes both sides agree on: a port message, a request,
 * and the init message that makes a Worker serve a loop.
 *
 * @module
 */

import { receiveMessageOnPort } from "node:worker_threads";

/**
 * Word indexes in the header. The two words each side spins on sit on cache
 * lines of their own, so the other side's writes elsewhere do not disturb
 * the spinning.
 */
export const enum W {
  /** Bumped by the caller for each request. */
  ReqSeq = 0,
  /** Bumped by the Worker for each answer or event. */
  RespSeq = 16,
  /** Request slot: 0 empty, 1 full, 2 being read, 3 being written. */
  ReqState = 32,
  ReqLen,
  /** The id of the caller's current blocking request. */
  Current,
  /** Response slot: same states. */
  RespState = 48,
  RespLen,
  RespId,
  /** 1 once the Worker is exiting; `Code` holds its exit code. */
  Dead = 64,
  Code,
  /** 1 while the Worker sleeps (not spinning): the caller must notify. */
  Sleeping,
  /** 1 once the Worker serves the loop. */
  Ready,
}

const HEADER = 512;
/** Bytes per slot; bigger messages go on the port. */
export const _SLOT = 128 * 1024;

const EMPTY = 0, FULL = 1, READING = 2, WRITING = 3;

/**
 * Copy bytes; small copies by hand, which is much faster than `set` or
 * `slice` on a shared buffer's view.
 */
function copy(
  from: Uint8Array,
  fromOffset: number,
  to: Uint8Array,
  toOffset: number,
  length: number,
): void {
  if (length > 512) {
    to.set(from.subarray(fromOffset, fromOffset + length), toOffset);
    return;
  }
  for (let i = 0; i < length; i++) to[toOffset + i] = from[fromOffset + i];
}

/** A new shared buffer for one channel. */
export function _newShared(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER + 2 * _SLOT);
}

/** The views both sides use. */
export class _Shared {
  /** The signalling words. */
  readonly words: Int32Array;
  readonly #bytes: Uint8Array;
  /** @param sab The channel's shared buffer. */
  constructor(readonly sab: SharedArrayBuffer) {
    this.words = new Int32Array(sab, 0, HEADER / 4);
    this.#bytes = new Uint8Array(sab);
  }

  /**
   * Write a message into a slot, taking back an unread one.
   * @returns False where the message does not fit (use the port).
   */
  put(slot: "req" | "resp", bytes: Uint8Array, id = 0): boolean {
    if (bytes.length > _SLOT) return false;
    const state = slot === "req" ? W.ReqState : W.RespState;
    const w = this.words;
    if (slot === "resp") {
      // the Worker writes only into an empty slot: the caller owns a full one
      if (Atomics.compareExchange(w, state, EMPTY, WRITING) !== EMPTY) {
        return false;
      }
    } else {
      // the caller may take back an unread request (one that timed out)
      for (;;) {
        const s = Atomics.compareExchange(w, state, EMPTY, WRITING);
        if (s === EMPTY) break;
        if (
          s === FULL &&
          Atomics.compareExchange(w, state, FULL, WRITING) === FULL
        ) break;
        // READING: the Worker is copying the old request out; a moment
      }
    }
    const offset = HEADER + (slot === "req" ? 0 : _SLOT);
    copy(bytes, 0, this.#bytes, offset, bytes.length);
    Atomics.store(w, slot === "req" ? W.ReqLen : W.RespLen, bytes.length);
    if (slot === "resp") Atomics.store(w, W.RespId, id);
    Atomics.store(w, state, FULL);
    return true;
  }

  /**
   * Read a full slot in place (the view is valid only during `read`), or
   * return undefined where it is empty.
   */
  take<T>(
    slot: "req" | "resp",
    read: (view: Uint8Array, id: number) => T,
  ): { value: T } | undefined {
    const state = slot === "req" ? W.ReqState : W.RespState;
    if (Atomics.compareExchange(this.words, state, FULL, READING) !== FULL) {
      return undefined;
    }
    try {
      const len = Atomics.load(
        this.words,
        slot === "req" ? W.ReqLen : W.RespLen,
      );
      const offset = HEADER + (slot === "req" ? 0 : _SLOT);
      const id = slot === "req" ? 0 : Atomics.load(this.words, W.RespId);
      return { value: read(this.#bytes.subarray(offset, offset + len), id) };
    } finally {
      Atomics.store(this.words, state, EMPTY);
    }
  }

  /** Drop a response nobody waits for any more. */
  clearResponse(): void {
    Atomics.compareExchange(this.words, W.RespState, FULL, EMPTY);
  }
}

/** A message on a port: an encoded request, answer, or event. */
export interface _PortMessage {
  /** The request it belongs to. */
  id: number;
  /** Encoded with the wire codec. */
  bytes?: ArrayBuffer;
  /** Out-of-band buffers of `bytes`. */
  buffers?: (ArrayBuffer | SharedArrayBuffer)[];
  /** A progress event: `[callbackId, method, ...args]`. */
  event?: [number, string, ...unknown[]];
  /** A control message: abort a request, or drop handles. */
  control?: "abort" | "drop" | "stop";
  /** What `drop` releases. */
  handles?: number[];
  /** What `drop` releases. */
  instances?: number[];
}

/** A filesystem as a request names it: a key, and the first time how to build it. */
export interface _FsRef {
  key: number;
  spec?: { module: string; export: string };
  options?: Record<string, unknown>;
}

/** A decoded request. */
export interface _Request {
  id: number;
  op:
    | "call"
    | "fn"
    | "iter"
    | "next"
    | "ret"
    | "open"
    | "file"
    | "close"
    | "noop"
    | "stats";
  fs?: _FsRef;
  method?: string;
  args?: unknown[];
  module?: string;
  export?: string;
  iter?: number;
  handle?: number;
}

/** What the IO Worker gets to serve a loop: the channel's shared buffer and ports. */
export interface _LoopInit {
  /** Marks a message as ours, for a Worker that also gets other messages. */
  fsspecIOLoop: 1;
  sab: SharedArrayBuffer;
  /** For blocking calls: read with `receiveMessageOnPort` only. */
  syncPort: MessagePort;
  /** For async calls and control messages: read with a listener. */
  asyncPort: MessagePort;
}

/** True for the message {@linkcode IOLoop} sends a Worker to serve it. */
export function _isLoopInit(data: unknown): data is _LoopInit {
  return typeof data === "object" && data !== null &&
    (data as _LoopInit).fsspecIOLoop === 1;
}

const ON_WORKER = Symbol.for("@fsspec/asyn.onIOWorker");

/** True on a thread that serves an IO loop. */
export function _onIOWorker(): boolean {
  return (globalThis as Record<symbol, unknown>)[ON_WORKER] === true;
}

/** Mark this thread as one that serves an IO loop. */
export function _markIOWorker(): void {
  (globalThis as Record<symbol, unknown>)[ON_WORKER] = true;
}

/** The next message waiting on a port, taken without the event loop. */
export function _receive(port: MessagePort): _PortMessage | undefined {
  return receiveMessageOnPort(
    port as unknown as Parameters<
      typeof receiveMessageOnPort
    >[0],
  )?.message as _PortMessage | undefined;
}
