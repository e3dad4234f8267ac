/**
 * A blocked caller's wait for the answer to its request. Internal.
 *
 * The caller spins a moment on `RESP_SEQ`, then sleeps on it with
 * `Atomics.wait`; each time it wakes it takes the answer from the response
 * slot or the sync port, applies the progress events that came before it,
 * and checks that the Worker is alive, has started in time, and that the
 * timeout has not run out.
 *
 * @module
 */

import type { Callback } from "./callbacks.ts";
import { type _PortMessage, _receive, type _Request, W } from "./_channel.ts";
import { FSTimeoutError } from "./errors.ts";
import {
  type _Conn,
  _deathError,
  type _LoopSide,
  _lose,
} from "./_io_connection.ts";
import { _applyEvent, _callbackIds } from "./_remote_callback.ts";
import { _decode, _encode, type _EncodeHooks, _transferable } from "./_wire.ts";

/** What the response slot held when it answered an older call. */
const STALE = Symbol("stale");

/** How long a blocked caller waits for a new Worker to start serving, in ms. */
const STARTUP_LIMIT = 30_000;

/** How long a blocked caller spins before it sleeps, in ms. */
const CALLER_SPIN = 0.1;

/**
 * Block this thread until the request `id`, sent already, is answered.
 * @param conn The connection it was sent on.
 * @param id The request.
 * @param callbacks Its callbacks, by id, for the events that come first.
 * @param timeout Seconds to wait; 0 waits forever.
 * @param what The call, for error messages.
 * @param abort Tells the Worker to give up the request (on timeout).
 * @returns The answer.
 * @throws {FSTimeoutError} Where `timeout` ran out.
 * @throws {Error} The call's own error; or where the Worker died or did not
 * start.
 */
export function _awaitAnswer(
  conn: _Conn,
  id: number,
  callbacks: Map<number, Callback>,
  timeout: number,
  what: string,
  abort: () => void,
): unknown {
  const { shared } = conn;
  const w = shared.words;
  const deadline = timeout > 0 ? performance.now() + timeout * 1000 : Infinity;
  let hookError: { error: unknown } | undefined;
  const settle = (reply: unknown) => {
    if (hookError) throw hookError.error;
    const [ok, value] = reply as [number, unknown];
    if (ok) return value;
    throw value;
  };
  // events come on the port before the answer they precede
  const drain = (): _PortMessage | undefined => {
    for (let m = _receive(conn.syncPort); m; m = _receive(conn.syncPort)) {
      if (m.event) {
        if (m.id !== id) continue;
        try {
          _applyEvent(callbacks, m.event);
        } catch (error) {
          hookError ??= { error };
        }
      } else if (m.id === -1) {
        conn.error ??= (m as { startError?: string }).startError;
      } else if (m.id === id && m.bytes) {
        return m;
      }
    }
    return undefined;
  };
  for (;;) {
    const seq = Atomics.load(w, W.RespSeq);
    const slot = shared.take(
      "resp",
      (view, from): unknown => from === id ? _decode(view) : STALE,
    );
    if (slot && slot.value !== STALE) {
      drain();
      return settle(slot.value);
    }
    const m = drain();
    if (m) {
      // the port's message is ours: its byte runs come back as views
      return settle(_decode(new Uint8Array(m.bytes!), m.buffers, {}, true));
    }
    if (Atomics.load(w, W.Dead) === 1) {
      _lose(conn, Atomics.load(w, W.Code));
      throw _deathError(conn, what);
    }
    const spinEnd = performance.now() + CALLER_SPIN;
    let changed = false;
    for (let i = 0; !changed; i++) {
      changed = Atomics.load(w, W.RespSeq) !== seq;
      if ((i & 31) === 0 && performance.now() > spinEnd) break;
    }
    if (changed) continue;
    const now = performance.now();
    const left = deadline - now;
    let wait = left;
    if (Atomics.load(w, W.Ready) === 0) {
      const starting = conn.launched + STARTUP_LIMIT - now;
      if (starting <= 0) {
        _lose(conn, -1);
        conn.worker?.terminate();
        throw new Error(
          `Cannot call ${what}: the IO Worker did not start serving within ${
            STARTUP_LIMIT / 1000
          } s (a Worker of the application must call serveIOLoop())`,
        );
      }
      wait = Math.min(wait, starting);
    }
    if (left <= 0) {
      abort();
      throw new FSTimeoutError(
        `Cannot finish ${what}: no answer within ${timeout} s`,
        { timeout },
      );
    }
    Atomics.wait(w, W.RespSeq, seq, wait === Infinity ? undefined : wait);
  }
}

/**
 * Send a blocking request on a connection, and wait for its answer.
 * @param side The loop's numbering, control messages and bookkeeping.
 * @param conn The connection.
 * @param req The request.
 * @param timeout Seconds to wait; 0 waits forever.
 * @param what The call, for error messages.
 * @returns The answer.
 * @throws {FSTimeoutError} Where `timeout` ran out.
 */
export function _callBlocking(
  side: _LoopSide,
  conn: _Conn,
  req: Omit<_Request, "id">,
  timeout: number,
  what: string,
): unknown {
  const id = side.nextId();
  const callbacks = new Map<number, Callback>();
  const hooks: _EncodeHooks = {
    callback: _callbackIds(callbacks, () => side.nextId()),
    signal: (signal) => {
      signal.throwIfAborted();
      return 0;
    },
  };
  req = side.strip(conn, req, "sync");
  const encoded = _encode({ ...req, id }, hooks, id);
  const { shared } = conn;
  const w = shared.words;
  shared.clearResponse();
  Atomics.store(w, W.Current, id);
  if (encoded.buffers.length > 0 || !shared.put("req", encoded.bytes)) {
    const own = encoded.bytes.slice().buffer;
    conn.syncPort.postMessage(
      { id, bytes: own, buffers: encoded.buffers },
      [own, ..._transferable(encoded.buffers)],
    );
  }
  side.sent(conn, req, "sync");
  conn.launch?.();
  Atomics.add(w, W.ReqSeq, 1);
  if (Atomics.load(w, W.Sleeping) === 1) Atomics.notify(w, W.ReqSeq);
  return _awaitAnswer(
    conn,
    id,
    callbacks,
    timeout,
    what,
    () => side.control({ id, control: "abort" }),
  );
}
