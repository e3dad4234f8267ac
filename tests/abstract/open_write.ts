/**
 * Conformance tests of files open for writing (`openAsync` with `"wb"`,
 * `"ab"`, `"xb"`) and of `_readText` / `_writeText`, for backends that
 * write in place (memory, local).
 *
 * @module
 */

import {
  assertEquals,
  assertInstanceOf,
  assertRejects,
  assertStrictEquals,
  assertThrows,
} from "@std/assert";
import { FileExistsError } from "../../src/errors.ts";
import { dec, enc, join, type Register } from "./common.ts";

/** A stream of `chunks` that fails after them. */
function failingAfter(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.error(new RangeError("source failed midway"));
    },
  });
}

/** Registers the write-mode tests. */
export function openWriteTests(test: Register): void {
  test('openAsync() "wb" shows nothing until close, then the whole file', async ({ fs, root }) => {
    await fs._makeDirs(root, { existOk: true });
    const p = join(root, "w.bin");
    const f = await fs.openAsync(p, { mode: "wb" });
    assertEquals(await f.write(enc("abc")), 3);
    const reused = enc("def");
    const pending = f.write(reused);
    reused.fill(0); // the file took a copy at once
    await pending;
    await f.flush();
    assertEquals(f.tell(), 6);
    assertEquals(await fs._exists(p), false);
    await f.close();
    assertEquals(dec(await fs._catFile(p)), "abcdef");
    assertEquals(await fs._find(root), [p]);
    await f.close(); // a second close is a no-op
    await assertRejects(() => f.write(enc("x")), TypeError, "closed");
  });

  test('openAsync() "wb" replaces an older file only on close', async ({ fs, root }) => {
    const p = join(root, "old.txt");
    await fs._pipeFile(p, enc("older"));
    const f = await fs.openAsync(p, { mode: "wb" });
    await f.write(enc("new"));
    assertEquals(dec(await fs._catFile(p)), "older");
    await f.close();
    assertEquals(dec(await fs._catFile(p)), "new");
  });

  test('openAsync() "ab" appends to the present file, and makes a missing one', async ({ fs, root }) => {
    const p = join(root, "log.txt");
    await fs._pipeFile(p, enc("one,"));
    const f = await fs.openAsync(p, { mode: "ab" });
    await f.write(enc("two,"));
    await f.write(enc("three"));
    assertEquals(dec(await fs._catFile(p)), "one,");
    await f.close();
    assertEquals(dec(await fs._catFile(p)), "one,two,three");
    const q = join(root, "fresh.txt");
    const g = await fs.openAsync(q, { mode: "ab" });
    await g.write(enc("first"));
    await g.close();
    assertEquals(dec(await fs._catFile(q)), "first");
  });

  test('openAsync() "xb" over an existing file is FileExistsError; a new path is written', async ({ fs, root }) => {
    const p = join(root, "x.txt");
    await fs._pipeFile(p, enc("keep"));
    const error = await assertRejects(
      () => fs.openAsync(p, { mode: "xb" }),
      FileExistsError,
      'mode "xb"',
    );
    assertEquals(error.path, fs.stripProtocol(p));
    assertEquals(dec(await fs._catFile(p)), "keep");
    const q = join(root, "y.txt");
    const f = await fs.openAsync(q, { mode: "xb" });
    await f.write(enc("made"));
    await f.close();
    assertEquals(dec(await fs._catFile(q)), "made");
  });

  test("openAsync(): a source failing midway in pipeTo leaves no file, and keeps an older one", async ({ fs, root }) => {
    await fs._makeDirs(root, { existOk: true });
    const fresh = join(root, "fresh.bin");
    const f = await fs.openAsync(fresh, { mode: "wb" });
    await assertRejects(
      () => failingAfter([enc("part one"), enc("part two")]).pipeTo(f.writable),
      RangeError,
      "midway",
    );
    assertEquals(f.closed, true);
    assertEquals(await fs._exists(fresh), false);
    const old = join(root, "old.bin");
    await fs._pipeFile(old, enc("older"));
    for (const mode of ["wb", "ab"] as const) {
      const g = await fs.openAsync(old, { mode });
      await assertRejects(
        () => failingAfter([enc("partial")]).pipeTo(g.writable),
        RangeError,
      );
      assertEquals(dec(await fs._catFile(old)), "older");
    }
    // no temporary file is left beside them either
    assertEquals(await fs._find(root), [old]);
  });

  test("AsyncWriteFile.abort() leaves nothing, and a closed file stays closed", async ({ fs, root }) => {
    await fs._makeDirs(root, { existOk: true });
    const p = join(root, "a.bin");
    const f = await fs.openAsync(p, { mode: "wb" });
    await f.write(new Uint8Array(1000).fill(7));
    await f.abort(new Error("changed my mind"));
    assertEquals(f.closed, true);
    await f.close(); // after abort: nothing to commit
    assertEquals(await fs._exists(p), false);
    assertEquals(await fs._find(root), []);
  });

  test("openAsync(): await using commits the file", async ({ fs, root }) => {
    const p = join(root, "u.txt");
    {
      await using f = await fs.openAsync(p, { mode: "wb" });
      await f.write(enc("used"));
      assertEquals(await fs._exists(p), false);
    }
    assertEquals(dec(await fs._catFile(p)), "used");
  });

  test("openAsync(): readable.pipeTo(file.writable) copies a file", async ({ fs, root }) => {
    const source = join(root, "src.bin");
    const data = new Uint8Array(300_000).map((_, i) => (i * 31) % 251);
    await fs._pipeFile(source, data);
    const r = await fs.openAsync(source, { blockSize: 65536 });
    const w = await fs.openAsync(join(root, "dst.bin"), { mode: "wb" });
    assertStrictEquals(w.writable, w.writable);
    await r.readable(65536).pipeTo(w.writable);
    await r.close();
    assertEquals(w.closed, true);
    assertEquals(await fs._catFile(join(root, "dst.bin")), data);
  });

  test("openAsync(): a read method on a write file, and a write method on a read file, are TypeErrors", async ({ fs, root }) => {
    const p = join(root, "r.txt");
    await fs._pipeFile(p, enc("read me"));
    await using w = await fs.openAsync(join(root, "w.txt"), { mode: "wb" });
    await assertRejects(() => w.read(), TypeError, "open for writing");
    assertThrows(() => w.seek(0), TypeError, 'mode "wb"');
    assertThrows(() => w.readable(), TypeError, "open for writing");
    await assertRejects(
      () => w.write("text" as unknown as Uint8Array),
      TypeError,
      "Uint8Array",
    );
    await using r = await fs.openAsync(p);
    await assertRejects(() => r.write(enc("x")), TypeError, "open for reading");
    await assertRejects(() => r.flush(), TypeError, 'mode "rb"');
    assertThrows(() => r.writable, TypeError, "open for reading");
    await assertRejects(
      () => fs.openAsync(p, { mode: "r" as "rb" }),
      TypeError,
      '"rb", "wb", "ab" or "xb"',
    );
    assertEquals(dec(await r.read()), "read me");
  });

  test("_writeText() and _readText() round-trip text, with an encoding to read", async ({ fs, root }) => {
    const p = join(root, "t.txt");
    await fs._writeText(p, "héllo ✓");
    assertEquals(await fs._readText(p), "héllo ✓");
    assertEquals(await fs._size(p), 10);
    assertEquals(
      await fs._readText(p, { encoding: "latin1" }),
      "hÃ©llo âœ“", /* latin1 is windows-1252 */
    );
    const latin1 = join(root, "l.txt");
    await fs._pipeFile(latin1, new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
    assertEquals(await fs._readText(latin1, { encoding: "latin1" }), "café");
    await assertRejects(
      () => fs._readText(p, { encoding: "klingon" }),
      RangeError,
      "unknown encoding",
    );
    await assertRejects(
      () => fs._writeText(p, "x", { encoding: "latin1" as "utf-8" }),
      RangeError,
      '"utf-8"',
    );
    assertEquals(await fs._readText(p), "héllo ✓");
    const f = await fs.openAsync(join(root, "f.txt"), { mode: "wb" });
    assertInstanceOf(f.writable, WritableStream);
    await ReadableStream.from(["a", "b"]).pipeThrough(new TextEncoderStream())
      .pipeTo(f.writable);
    assertEquals(await fs._readText(join(root, "f.txt")), "ab");
  });
}
