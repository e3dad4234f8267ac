/**
 * Conformance tests of fsspec's everyday methods: `_mv`, `_touch`, `_head`,
 * `_tail`, `_modified`, `_checksum`, `_lexists`.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertInstanceOf,
  assertMatch,
  assertNotEquals,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";
import { FileNotFoundError } from "../../src/errors.ts";
import { dec, enc, join, type Register, scenario0 } from "./common.ts";

/** Registers the everyday-method tests. */
export function everydayTests(test: Register): void {
  test("_mv() renames a file, and moves one into a directory", async ({ fs, root }) => {
    const a = join(root, "a");
    await fs._pipeFile(a, enc("alpha"));
    await fs._mv(a, join(root, "b"));
    assertStrictEquals(await fs._exists(a), false);
    assertStrictEquals(dec(await fs._catFile(join(root, "b"))), "alpha");
    await fs._mkdir(join(root, "dir"));
    await fs._mv(join(root, "b"), join(root, "dir"));
    await fs._mv(join(root, "dir", "b"), join(root, "new") + "/");
    assertEquals(await fs._find(root), [join(root, "new", "b")]);
    assertStrictEquals(dec(await fs._catFile(join(root, "new", "b"))), "alpha");
    assertStrictEquals(await fs._isDir(join(root, "dir")), true);
  });

  test("_mv() replaces an existing destination file", async ({ fs, root }) => {
    await fs._pipe({
      [join(root, "a")]: enc("A"),
      [join(root, "b")]: enc("B"),
    });
    await fs._mv(join(root, "a"), join(root, "b"));
    assertEquals(await fs._find(root), [join(root, "b")]);
    assertStrictEquals(dec(await fs._catFile(join(root, "b"))), "A");
  });

  test("_mv() with recursive moves a tree to a new name, or into a directory", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const files = [
      "file1",
      "file2",
      "subdir/nesteddir/nestedfile",
      "subdir/subfile1",
      "subdir/subfile2",
    ];
    const target = join(root, "target");
    await fs._mv(source, target, { recursive: true, batchSize: 2 });
    assertStrictEquals(await fs._exists(source), false);
    assertEquals(await fs._find(target), files.map((f) => join(target, f)));
    assertStrictEquals(
      dec(await fs._catFile(join(target, "subdir", "nesteddir", "nestedfile"))),
      "nestedfile",
    );
    const into = join(root, "into");
    await fs._mkdir(into);
    await fs._mv(target, into, { recursive: true });
    assertStrictEquals(await fs._exists(target), false);
    assertEquals(
      await fs._find(into),
      files.map((f) => join(into, "target", f)),
    );
  });

  test("_mv() of a directory without recursive throws and moves nothing", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const before = await fs._find(root);
    await assertRejects(
      () => fs._mv(source, join(root, "target")),
      Error,
      "pass recursive: true",
    );
    assertEquals(await fs._find(root), before);
  });

  test("_mv() moves a glob's matches and a list of files", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const target = join(root, "target");
    await fs._mv(join(source, "file*"), target + "/");
    assertEquals(await fs._find(target), [
      join(target, "file1"),
      join(target, "file2"),
    ]);
    assertStrictEquals(await fs._exists(join(source, "file1")), false);
    await fs._mv(
      [join(target, "file1"), join(source, "subdir", "subfile1")],
      [join(root, "x"), join(root, "y")],
    );
    assertStrictEquals(dec(await fs._catFile(join(root, "x"))), "file1");
    assertStrictEquals(dec(await fs._catFile(join(root, "y"))), "subfile1");
    assertStrictEquals(await fs._exists(join(target, "file1")), false);
    assertStrictEquals(
      await fs._exists(join(source, "subdir", "subfile1")),
      false,
    );
  });

  test("_mv() onto itself, or into its own directory, keeps the file", async ({ fs, root }) => {
    const a = join(root, "a");
    await fs._pipeFile(a, enc("kept"));
    await fs._mv(a, a);
    await fs._mv(a, root);
    await fs._mv([a], [a]);
    assertEquals(await fs._find(root), [a]);
    assertStrictEquals(dec(await fs._catFile(a)), "kept");
  });

  test("_mv() of a directory into itself is refused before anything moves", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const before = await fs._find(root);
    await assertRejects(
      () => fs._mv(source, join(source, "subdir"), { recursive: true }),
      Error,
      "the destination is inside the source",
    );
    assertEquals(await fs._find(root), before);
  });

  test("_mv() of a missing source is FileNotFoundError and leaves the destination alone", async ({ fs, root }) => {
    const b = join(root, "b");
    await fs._pipeFile(b, enc("B"));
    await assertRejects(
      () => fs._mv(join(root, "missing"), b),
      FileNotFoundError,
    );
    assertStrictEquals(dec(await fs._catFile(b)), "B");
  });

  test("_mv() with maxDepth moves what is within reach and leaves the rest", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const target = join(root, "target");
    await fs._mv(source, target, { recursive: true, maxDepth: 1 });
    assertEquals(await fs._find(target), [
      join(target, "file1"),
      join(target, "file2"),
    ]);
    assertEquals(await fs._find(source), [
      join(source, "subdir", "nesteddir", "nestedfile"),
      join(source, "subdir", "subfile1"),
      join(source, "subdir", "subfile2"),
    ]);
  });

  test("_touch() creates an empty file and empties an existing one", async ({ fs, root }) => {
    const a = join(root, "a");
    await fs._touch(a);
    assertStrictEquals(await fs._isFile(a), true);
    assertStrictEquals(await fs._size(a), 0);
    await fs._pipeFile(a, enc("full"));
    await fs._touch(a);
    assertEquals(await fs._catFile(a), new Uint8Array(0));
    await fs._touch(join(root, "b"), { truncate: false });
    assertStrictEquals(await fs._size(join(root, "b")), 0);
  });

  test("_touch() with truncate: false keeps the bytes, and the time does not go back", async ({ fs, root }) => {
    const a = join(root, "a");
    await fs._pipeFile(a, enc("full"));
    const before = await fs._modified(a);
    await fs._touch(a, { truncate: false });
    assertStrictEquals(dec(await fs._catFile(a)), "full");
    assert((await fs._modified(a)).getTime() >= before.getTime());
  });

  test("_head() and _tail() read the first and last bytes", async ({ fs, root }) => {
    const a = join(root, "a");
    await fs._pipeFile(a, enc("0123456789"));
    assertStrictEquals(dec(await fs._head(a, 4)), "0123");
    assertStrictEquals(dec(await fs._tail(a, 3)), "789");
    assertStrictEquals(dec(await fs._head(a)), "0123456789");
    assertStrictEquals(dec(await fs._tail(a)), "0123456789");
    assertStrictEquals(dec(await fs._tail(a, 20)), "0123456789");
    assertEquals(await fs._head(a, 0), new Uint8Array(0));
    assertEquals(await fs._tail(a, 0), new Uint8Array(0));
    const big = new Uint8Array(3000).map((_, i) => i % 251);
    await fs._pipeFile(join(root, "big"), big);
    assertEquals(await fs._head(join(root, "big")), big.slice(0, 1024));
    assertEquals(await fs._tail(join(root, "big")), big.slice(-1024));
  });

  test("_head() and _tail() reject a bad size before reading, and a missing file", async ({ fs, root }) => {
    const a = join(root, "a");
    await fs._pipeFile(a, enc("x"));
    for (const size of [-1, 1.5, Number.NaN]) {
      await assertRejects(() => fs._head(a, size), RangeError, "size");
      await assertRejects(() => fs._tail(a, size), RangeError, "size");
    }
    await assertRejects(
      () => fs._head(join(root, "missing")),
      FileNotFoundError,
    );
    await assertRejects(
      () => fs._tail(join(root, "missing")),
      FileNotFoundError,
    );
  });

  test("_modified() gives the time of the last write as a Date", async ({ fs, root }) => {
    const a = join(root, "a");
    const before = Date.now();
    await fs._pipeFile(a, enc("x"));
    const after = Date.now();
    const modified = await fs._modified(a);
    assertInstanceOf(modified, Date);
    // file systems keep coarser clocks than Date.now(): a second either way
    assert(modified.getTime() >= before - 1000, `${modified} is too early`);
    assert(modified.getTime() <= after + 1000, `${modified} is too late`);
    await assertRejects(
      () => fs._modified(join(root, "missing")),
      FileNotFoundError,
    );
  });

  test("_checksum() is stable for a version, and changes with the size or the name", async ({ fs, root }) => {
    const [a, b] = [join(root, "a"), join(root, "b")];
    await fs._pipe({ [a]: enc("same"), [b]: enc("same") });
    const first = await fs._checksum(a);
    assertMatch(first, /^[0-9a-f]{64}$/);
    assertStrictEquals(await fs._checksum(a), first);
    assertNotEquals(await fs._checksum(b), first);
    await fs._pipeFile(a, enc("longer"));
    assertNotEquals(await fs._checksum(a), first);
    await assertRejects(
      () => fs._checksum(join(root, "missing")),
      FileNotFoundError,
    );
  });

  test("_lexists() is true for a file and a directory, false for nothing", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    assertStrictEquals(await fs._lexists(join(source, "file1")), true);
    assertStrictEquals(await fs._lexists(join(source, "subdir")), true);
    assertStrictEquals(await fs._lexists(join(source, "missing")), false);
    assertStrictEquals(
      await fs._lexists(join(source, "file1", "below")),
      false,
    );
  });
}
