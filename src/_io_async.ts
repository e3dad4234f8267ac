/**
 * Async calls through an IO loop: a request sent on the async port (signals
 * proxied by id, so an abort reaches the Worker), and its answer or progress
 * events taken by the port's listener. Internal.
 *
 * @module
 */

import type { Callback } from "./callbacks.ts";
import type { _PortMessage, _Request } from "./_channel.ts";
import { type _Conn, type _LoopSide, _ref, _unref } from "./_io_connection.ts";
import { _applyEvent, _callbackIds } from "./_remote_callback.ts";
import {
  _decode,
  type _DecodeHooks,
  _encode,
  type _EncodeHooks,
  _transferable,
} from "./_wire.ts";

/**
 * Send a request on a connection without blocking.
 * @param side The loop's numbering, control messages and bookkeeping.
 * @param conn The connection.
 * @param req The request.
 * @param what The call, for error messages.
 * @returns A promise that the answer settles.
 */
export function _callAsync(
  side: _LoopSide,
  conn: _Conn,
  req: Omit<_Request, "id">,
  what: string,
): Promise<unknown> {
  const id = side.nextId();
  const callbacks = new Map<number, Callback>();
  const cleanups: (() => void)[] = [];
  const hooks: _EncodeHooks = {
    callback: _callbackIds(callbacks, () => side.nextId()),
    signal: (signal) => {
      signal.throwIfAborted();
      const sid = side.nextId();
      const onAbort = () => side.control({ id: sid, control: "abort" });
      signal.addEventListener("abort", onAbort, { once: true });
      cleanups.push(() => signal.removeEventListener("abort", onAbort));
      return sid;
    },
  };
  req = side.strip(conn, req, "async");
  let encoded;
  try {
    encoded = _encode({ ...req, id }, hooks, id);
  } catch (error) {
    for (const c of cleanups) c();
    return Promise.reject(error);
  }
  const bytes = encoded.bytes.slice();
  return new Promise((resolve, reject) => {
    const done = () => {
      for (const c of cleanups) c();
      if (conn.pending.size === 0) _unref(conn.asyncPort);
    };
    conn.pending.set(id, {
      resolve: (v) => {
        done();
        resolve(v);
      },
      reject: (e) => {
        done();
        reject(e);
      },
      callbacks,
      what,
    });
    _ref(conn.asyncPort);
    side.sent(conn, req, "async");
    conn.launch?.();
    conn.asyncPort.postMessage(
      { id, bytes: bytes.buffer, buffers: encoded.buffers },
      [bytes.buffer, ..._transferable(encoded.buffers)],
    );
  });
}

/**
 * Take a message of the async port: a progress event, or an answer that
 * settles its call's promise.
 * @param conn The connection it came on.
 * @param m The message.
 */
export function _onAsyncAnswer(conn: _Conn, m: _PortMessage): void {
  const p = conn.pending.get(m.id);
  if (!p) return;
  if (m.event) {
    try {
      _applyEvent(p.callbacks, m.event);
    } catch (error) {
      reportError(error);
    }
    return;
  }
  conn.pending.delete(m.id);
  try {
    const [ok, value] = _decode(
      new Uint8Array(m.bytes!),
      m.buffers,
      {} satisfies _DecodeHooks,
      true, // the port's message is ours: byte runs come back as views
    ) as [number, unknown];
    if (ok) p.resolve(value);
    else p.reject(value);
  } catch (error) {
    p.reject(error);
  }
}
