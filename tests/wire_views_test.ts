import {
  assertEquals,
  assertNotStrictEquals,
  assertStrictEquals,
} from "@std/assert";
import { _decode, _encode } from "../src/_wire.ts";
import { IOLoop } from "../src/io_loop.ts";
import { MemoryFileSystem } from "../src/memory/memory_file_system.ts";

const value = () =>
  new Map<string, unknown>([
    ["a", new Uint8Array([1, 2, 3])],
    ["b", new Uint8Array([4, 5])],
    ["buf", new Uint8Array([6, 7]).buffer],
    ["f32", new Float32Array([1.5])],
  ]);

Deno.test("_decode() of a message it owns returns byte runs as views, other values with buffers of their own", () => {
  const message = _encode(value()).bytes.slice();
  const back = _decode(message, [], {}, true) as Map<string, unknown>;
  const a = back.get("a") as Uint8Array;
  const b = back.get("b") as Uint8Array;
  assertEquals(a, new Uint8Array([1, 2, 3]));
  assertEquals(b, new Uint8Array([4, 5]));
  assertStrictEquals(a.buffer, message.buffer);
  assertStrictEquals(b.buffer, message.buffer);
  a.fill(9); // views do not overlap
  assertEquals(b, new Uint8Array([4, 5]));
  const buf = back.get("buf") as ArrayBuffer;
  assertEquals(new Uint8Array(buf), new Uint8Array([6, 7]));
  assertNotStrictEquals(buf, message.buffer);
  assertEquals((back.get("f32") as Float32Array).buffer.byteLength, 4);
});

Deno.test("_decode() of bytes it does not own copies them out", () => {
  const message = _encode(value()).bytes.slice();
  const back = _decode(message) as Map<string, unknown>;
  const a = back.get("a") as Uint8Array;
  assertNotStrictEquals(a.buffer, message.buffer);
  message.fill(0); // a shared slot written again
  assertEquals(a, new Uint8Array([1, 2, 3]));
});

Deno.test("blocking cat: an answer too big for the shared slot keeps its bytes after later calls", async () => {
  await using loop = new IOLoop();
  const fs = new MemoryFileSystem({ loop });
  const files = new Map<string, Uint8Array>();
  for (let i = 0; i < 200; i++) {
    files.set(`/views/f${i}`, new Uint8Array(1024).fill(i));
  }
  fs.pipe(Object.fromEntries(files));
  const paths = [...files.keys()];
  const first = fs.cat(paths) as Map<string, Uint8Array>;
  fs.pipe(Object.fromEntries(paths.map((p) => [p, new Uint8Array(1024)])));
  const second = fs.cat(paths) as Map<string, Uint8Array>;
  // views into one transferred answer, not 200 copies
  assertStrictEquals(
    second.get(paths[0])!.buffer,
    second.get(paths[1])!.buffer,
  );
  for (const [path, bytes] of files) {
    assertEquals(first.get(path), bytes);
    assertEquals(second.get(path), new Uint8Array(1024));
  }
});
