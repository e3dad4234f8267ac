/**
 * The wire codec's tags, shared by its writer (`_wire.ts`) and its reader
 * (`_wire_decode.ts`). Internal.
 *
 * @module
 */

/** The tag byte before each value. */
export const enum _T {
  Undefined,
  Null,
  False,
  True,
  Int,
  Float,
  String,
  Array,
  Object,
  Map,
  Set,
  Date,
  Bytes,
  BigBytes,
  Error,
  BigInt,
  Buffer,
  BigBuffer,
  Typed,
  Callback,
  Signal,
  Shared,
}

/** The typed arrays the codec carries, by name. */
export const _typedArrays: Record<
  string,
  new (b: ArrayBuffer) => ArrayBufferView
> = {
  Int8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
  DataView,
};
