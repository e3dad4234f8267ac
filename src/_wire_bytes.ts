/**
 * The byte layer under the wire codec: a growable little-endian writer and
 * its reader, for the few primitives the codec is made of (bytes, 32-bit
 * integers, doubles, length-prefixed strings and byte runs). Internal.
 *
 * @module
 */

const decoder = new TextDecoder();

/** Writes primitives into a buffer that grows as needed. */
export class _ByteWriter {
  /** The bytes; valid up to {@linkcode _ByteWriter.pos}. */
  buf: Uint8Array<ArrayBuffer> = new Uint8Array(1024);
  /** A view on {@linkcode _ByteWriter.buf}. */
  view: DataView = new DataView(this.buf.buffer);
  /** Where the next byte goes. */
  pos = 0;

  /** Make room for `n` more bytes. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  /** Write an unsigned byte. */
  u8(v: number): void {
    this.room(1);
    this.buf[this.pos++] = v;
  }
  /** Write a signed 32-bit integer. */
  i32(v: number): void {
    this.room(4);
    this.view.setInt32(this.pos, v, true);
    this.pos += 4;
  }
  /** Write an unsigned 32-bit integer. */
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.pos, v, true);
    this.pos += 4;
  }
  /** Write a double. */
  f64(v: number): void {
    this.room(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }
  /** Write a string as its UTF-8 length, then its UTF-8 bytes. */
  str(s: string): void {
    const n = s.length;
    this.room(4 + n * 3);
    const start = this.pos + 4;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) break;
      this.buf[start + i] = c;
    }
    let len = i;
    if (i < n) {
      len +=
        new TextEncoder().encodeInto(s.slice(i), this.buf.subarray(start + i))
          .written;
    }
    this.view.setUint32(this.pos, len, true);
    this.pos = start + len;
  }
  /** Write bytes as their length, then the bytes. */
  raw(bytes: Uint8Array): void {
    this.u32(bytes.length);
    this.room(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }
}

/** Reads what a {@linkcode _ByteWriter} wrote. */
export class _ByteReader {
  /** Where the next byte is read. */
  pos = 0;
  /** A view on {@linkcode _ByteReader.buf}. */
  readonly view: DataView;
  /**
   * @param buf The bytes to read.
   * @param owned Whether `buf` is the reader's own (a transferred message,
   * not a shared slot that will be written again): byte runs are then views.
   */
  constructor(readonly buf: Uint8Array, readonly owned = false) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  /** Read an unsigned byte. */
  u8(): number {
    return this.buf[this.pos++];
  }
  /** Read a signed 32-bit integer. */
  i32(): number {
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }
  /** Read an unsigned 32-bit integer. */
  u32(): number {
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  /** Read a double. */
  f64(): number {
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }
  /** Read a string. */
  str(): string {
    const n = this.u32();
    const start = this.pos;
    this.pos += n;
    if (n < 64) {
      let s = "";
      for (let i = start; i < start + n; i++) {
        const c = this.buf[i];
        if (c > 127) return decoder.decode(this.buf.slice(start, start + n));
        s += String.fromCharCode(c);
      }
      return s;
    }
    // a copy: TextDecoder does not read shared memory
    return decoder.decode(this.buf.slice(start, start + n));
  }
  /**
   * Read a byte run: a view where the buffer is the reader's own (no copy;
   * the view keeps the message's buffer alive), else a copy.
   */
  bytes(): Uint8Array<ArrayBuffer> {
    if (!this.owned) return this.raw();
    const n = this.u32();
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out as Uint8Array<ArrayBuffer>;
  }
  /** Read a byte run, copied out. */
  raw(): Uint8Array<ArrayBuffer> {
    const n = this.u32();
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}
