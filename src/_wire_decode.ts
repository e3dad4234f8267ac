/**
 * The wire codec's reader: bytes (and the buffers that came beside them)
 * back to values, errors rebuilt with their own class. Internal.
 *
 * @module
 */

import type { Callback } from "./callbacks.ts";
import { _ByteReader } from "./_wire_bytes.ts";
import { _rebuildError } from "./_wire_errors.ts";
import { _T as T, _typedArrays as typedArrays } from "./_wire_tags.ts";

/** The other side of {@linkcode _EncodeHooks}: the proxy for an id. */
export interface _DecodeHooks {
  callback?: (id: number) => Callback;
  signal?: (id: number) => AbortSignal;
}

/** The decoder's state: its bytes, and what came beside them. */
class Reader extends _ByteReader {
  constructor(
    buf: Uint8Array,
    readonly buffers: readonly (ArrayBuffer | SharedArrayBuffer)[],
    readonly hooks: _DecodeHooks,
    owned: boolean,
  ) {
    super(buf, owned);
  }
}

function read(r: Reader): unknown {
  const tag = r.u8();
  switch (tag) {
    case T.Undefined:
      return undefined;
    case T.Null:
      return null;
    case T.False:
      return false;
    case T.True:
      return true;
    case T.Int:
      return r.i32();
    case T.Float:
      return r.f64();
    case T.String:
      return r.str();
    case T.BigInt:
      return BigInt(r.str());
    case T.Array: {
      const n = r.u32();
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = read(r);
      return out;
    }
    case T.Object: {
      const n = r.u32();
      const out: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const k = r.str();
        out[k] = read(r);
      }
      return out;
    }
    case T.Map: {
      const n = r.u32();
      const out = new Map();
      for (let i = 0; i < n; i++) {
        const k = read(r);
        out.set(k, read(r));
      }
      return out;
    }
    case T.Set: {
      const n = r.u32();
      const out = new Set();
      for (let i = 0; i < n; i++) out.add(read(r));
      return out;
    }
    case T.Date:
      return new Date(r.f64());
    case T.Bytes:
      return r.bytes();
    case T.BigBytes:
      return new Uint8Array(r.buffers[r.u32()]);
    case T.Buffer:
      return r.raw().buffer;
    case T.Shared:
    case T.BigBuffer:
      return r.buffers[r.u32()];
    case T.Typed: {
      const name = r.str();
      const cls = typedArrays[name];
      const bytes = r.raw();
      return cls ? new cls(bytes.buffer) : bytes;
    }
    case T.Error:
      return readError(r);
    case T.Callback: {
      const id = r.u32();
      return r.hooks.callback?.(id);
    }
    case T.Signal: {
      const id = r.u32();
      return r.hooks.signal?.(id);
    }
  }
  throw new TypeError(`Cannot decode a message from the IO Worker: tag ${tag}`);
}

function readError(r: Reader): Error {
  const kind = r.str();
  const cls = r.str();
  const name = r.str();
  const n = r.u32();
  const props: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const k = r.str();
    props[k] = read(r);
  }
  return _rebuildError(kind, cls, name, props);
}

/**
 * Decode what {@linkcode _encode} made. With `owned` (the bytes are a
 * transferred message that nothing writes again), `Uint8Array`s are views
 * into it rather than copies.
 */
export function _decode(
  bytes: Uint8Array,
  buffers: readonly (ArrayBuffer | SharedArrayBuffer)[] = [],
  hooks: _DecodeHooks = {},
  owned = false,
): unknown {
  return read(new Reader(bytes, buffers, hooks, owned));
}
