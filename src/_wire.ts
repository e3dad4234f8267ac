/**
 * The wire codec between a thread and its IO Worker: values to bytes and back.
 * Internal.
 *
 * Structured clone loses the class of an error and cannot carry a
 * `Callback`, so the IO loop uses this codec instead: plain data, `Map`,
 * `Set`, `Date`, typed arrays, `bigint` and errors (rebuilt with their own
 * class on the other side). Byte arrays of {@linkcode _BIG} bytes or more
 * travel out of band, as `ArrayBuffer`s the transport transfers instead of
 * copying. `Callback`s and `AbortSignal`s are replaced by ids through hooks,
 * so each side can stand in a proxy.
 *
 * This module is the grammar's writer (a tag byte, then the value); its
 * reader is `_wire_decode.ts`, the tags `_wire_tags.ts`, the bytes under it
 * `_wire_bytes.ts`, and how an error's class crosses `_wire_errors.ts`.
 *
 * @module
 */

import { Callback } from "./callbacks.ts";
import { _ByteWriter } from "./_wire_bytes.ts";
import { _errorKind, _errorProps } from "./_wire_errors.ts";
import { _T as T } from "./_wire_tags.ts";

export { _decode, type _DecodeHooks } from "./_wire_decode.ts";

/** Byte arrays from this size on are sent out of band (transferred). */
export const _BIG = 64 * 1024;

/**
 * What encoding gives: the bytes, and the buffers to send beside them (an
 * `ArrayBuffer` is transferred, a `SharedArrayBuffer` shared).
 */
export interface _Encoded {
  bytes: Uint8Array;
  buffers: (ArrayBuffer | SharedArrayBuffer)[];
}

/** The buffers of a message that are transferred rather than shared. */
export function _transferable(
  buffers: readonly (ArrayBuffer | SharedArrayBuffer)[] = [],
): ArrayBuffer[] {
  return buffers.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

/** Hooks for what cannot be copied: a proxy id for a callback or a signal. */
export interface _EncodeHooks {
  callback?: (cb: Callback) => number;
  signal?: (signal: AbortSignal) => number | undefined;
  /**
   * Hand over (transfer, not copy) the buffer of a big byte array that spans
   * all of it: for results, which the code that made them does not keep.
   */
  transfer?: boolean;
}

/** Deeper than this is taken for a cycle. */
const MAX_DEPTH = 1000;

/** The encoder's state: its bytes, and what travels beside them. */
class Writer extends _ByteWriter {
  depth = 0;
  buffers: (ArrayBuffer | SharedArrayBuffer)[] = [];
  hooks: _EncodeHooks = {};
}

/**
 * The out-of-band index of a big view's bytes: its own buffer where that may
 * be handed over, else a copy.
 */
function outOfBand(w: Writer, view: ArrayBufferView): number {
  const { buffer, byteOffset, byteLength } = view;
  if (
    w.hooks.transfer && buffer instanceof ArrayBuffer && byteOffset === 0 &&
    byteLength === buffer.byteLength && !buffer.resizable &&
    !w.buffers.includes(buffer)
  ) {
    return w.buffers.push(buffer) - 1;
  }
  return w.buffers.push(
    new Uint8Array(buffer, byteOffset, byteLength).slice().buffer,
  ) - 1;
}

function write(w: Writer, v: unknown): void {
  switch (typeof v) {
    case "undefined":
      return w.u8(T.Undefined);
    case "boolean":
      return w.u8(v ? T.True : T.False);
    case "number":
      if ((v | 0) === v && !Object.is(v, -0)) {
        w.u8(T.Int);
        return w.i32(v);
      }
      w.u8(T.Float);
      return w.f64(v);
    case "string":
      w.u8(T.String);
      return w.str(v);
    case "bigint":
      w.u8(T.BigInt);
      return w.str(v.toString());
    case "function":
    case "symbol":
      throw new TypeError(
        `Cannot send a ${typeof v} to the IO Worker: only data crosses threads`,
      );
  }
  if (v === null) return w.u8(T.Null);
  if (++w.depth > MAX_DEPTH) {
    throw new TypeError(
      "Cannot send a value nested this deep (or cyclic) to the IO Worker",
    );
  }
  writeObject(w, v as object);
  w.depth--;
}

function writeObject(w: Writer, o: object): void {
  if (o instanceof Uint8Array) {
    if (o.byteLength >= _BIG) {
      w.u8(T.BigBytes);
      return w.u32(outOfBand(w, o));
    }
    w.u8(T.Bytes);
    return w.raw(o);
  }
  if (ArrayBuffer.isView(o)) {
    w.u8(T.Typed);
    w.str(o.constructor.name);
    return w.raw(new Uint8Array(o.buffer, o.byteOffset, o.byteLength));
  }
  if (o instanceof SharedArrayBuffer) {
    w.u8(T.Shared);
    return w.u32(w.buffers.push(o) - 1);
  }
  if (o instanceof ArrayBuffer) {
    if (o.byteLength >= _BIG) {
      w.u8(T.BigBuffer);
      return w.u32(outOfBand(w, new Uint8Array(o)));
    }
    w.u8(T.Buffer);
    return w.raw(new Uint8Array(o));
  }
  if (Array.isArray(o) || o instanceof Set) {
    const array = Array.isArray(o);
    w.u8(array ? T.Array : T.Set);
    w.u32(array ? o.length : (o as Set<unknown>).size);
    for (const x of o) write(w, x);
    return;
  }
  if (o instanceof Map) {
    w.u8(T.Map);
    w.u32(o.size);
    for (const [k, x] of o) {
      write(w, k);
      write(w, x);
    }
    return;
  }
  if (o instanceof Date) {
    w.u8(T.Date);
    return w.f64(o.getTime());
  }
  if (o instanceof Error || o instanceof DOMException) return writeError(w, o);
  if (o instanceof Callback && w.hooks.callback) {
    w.u8(T.Callback);
    return w.u32(w.hooks.callback(o));
  }
  if (o instanceof AbortSignal) {
    const id = w.hooks.signal?.(o);
    if (id === undefined) return w.u8(T.Undefined);
    w.u8(T.Signal);
    return w.u32(id);
  }
  const keys = Object.keys(o);
  w.u8(T.Object);
  w.u32(keys.length);
  const rec = o as Record<string, unknown>;
  for (const k of keys) {
    w.str(k);
    write(w, rec[k]);
  }
}

function writeError(w: Writer, e: Error | DOMException): void {
  const [kind, cls] = _errorKind(e);
  w.u8(T.Error);
  w.str(kind);
  w.str(cls);
  w.str(String(e.name));
  const props = _errorProps(e);
  const keys = Object.keys(props);
  w.u32(keys.length);
  for (const k of keys) {
    w.str(k);
    const { pos, depth } = w;
    try {
      write(w, props[k]);
    } catch {
      w.pos = pos;
      w.depth = depth;
      write(w, String(props[k]));
    }
  }
}

/** The writer, reused: encoding is synchronous and never nested. */
const writer = new Writer();

/**
 * Encode a value, after a request id where one is given (8 bytes, for the
 * Worker to read first). The bytes are valid until the next call: copy them.
 * @throws {TypeError} For a function, a symbol or a cycle.
 */
export function _encode(
  value: unknown,
  hooks: _EncodeHooks = {},
  id?: number,
): _Encoded {
  const w = writer;
  w.pos = 0;
  w.depth = 0;
  w.hooks = hooks;
  w.buffers = [];
  if (id !== undefined) w.f64(id);
  write(w, value);
  if (w.buf.length > 1 << 20 && w.pos < 1 << 16) {
    // do not hold on to a big buffer for small messages
    const bytes = w.buf.slice(0, w.pos);
    w.buf = new Uint8Array(1024);
    w.view = new DataView(w.buf.buffer);
    return { bytes, buffers: w.buffers };
  }
  return { bytes: w.buf.subarray(0, w.pos), buffers: w.buffers };
}
