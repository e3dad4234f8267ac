/**
 * Test data for the write tests: 1 MiB chunks of pseudo-random bytes and
 * their SHA-256, so a big file read back is checked against known bytes.
 *
 * @module
 */

const MiB = 2 ** 20;

/** Chunk `i` of a test file: bytes from a small xorshift generator seeded by `i`. */
export function chunkOf(i: number, size = MiB): Uint8Array {
  const out = new Uint8Array(size);
  const words = new Uint32Array(out.buffer);
  let x = (i + 1) * 2654435761 >>> 0 || 1;
  for (let k = 0; k < words.length; k++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[k] = x >>> 0;
  }
  return out;
}

/** SHA-256 of bytes. */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  const bytes = data.buffer instanceof ArrayBuffer ? data : data.slice();
  return new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
}

/** The SHA-256 of `count` chunks one after another. */
export async function expectedHash(count: number): Promise<Uint8Array> {
  const all = new Uint8Array(count * MiB);
  for (let i = 0; i < count; i++) all.set(chunkOf(i), i * MiB);
  return await sha256(all);
}
