/**
 * Conformance tests of reading: `_cat`, `_catFile`, `_catRanges` and
 * `openAsync`.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertRejects,
  assertStrictEquals,
  assertThrows,
} from "@std/assert";
import { FileNotFoundError } from "../../src/errors.ts";
import { dec, enc, join, type Register, scenario0 } from "./common.ts";

const DIGITS = "0123456789";

/** Registers the read tests. */
export function readTests(test: Register): void {
  test("_cat() of one path gives its bytes; a list or glob gives a Map in order", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const one = await fs._cat(join(source, "file1"));
    assert(one instanceof Uint8Array);
    assertStrictEquals(dec(one), "file1");
    const list = await fs._cat([
      join(source, "subdir", "subfile2"),
      join(source, "file1"),
    ]);
    assertEquals([...list].map(([k, v]) => [k, dec(v)]), [
      [join(source, "subdir", "subfile2"), "subfile2"],
      [join(source, "file1"), "file1"],
    ]);
    const glob = await fs._cat(join(source, "file*"));
    assert(glob instanceof Map);
    assertEquals([...glob].map(([k, v]) => [k, dec(v)]), [
      [join(source, "file1"), "file1"],
      [join(source, "file2"), "file2"],
    ]);
    const tree = await fs._cat(join(source, "subdir"), { recursive: true });
    assert(tree instanceof Map);
    assertEquals([...tree.keys()], [
      join(source, "subdir", "nesteddir", "nestedfile"),
      join(source, "subdir", "subfile1"),
      join(source, "subdir", "subfile2"),
    ]);
  });

  test("_cat() with a missing path raises, omits or returns the error as onError says", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const paths = [
      join(source, "file1"),
      join(source, "missing"),
      join(source, "file2"),
    ];
    await assertRejects(() => fs._cat(paths), FileNotFoundError);
    await assertRejects(
      () => fs._cat(paths, { onError: "raise" }),
      FileNotFoundError,
    );
    await assertRejects(
      () => fs._cat(join(source, "missing")),
      FileNotFoundError,
    );
    const omitted = await fs._cat(paths, { onError: "omit" });
    assertEquals([...omitted.keys()], [paths[0], paths[2]]);
    const returned = await fs._cat(paths, { onError: "return" });
    assertEquals([...returned.keys()], paths);
    assert(returned.get(paths[1]) instanceof FileNotFoundError);
    assertStrictEquals(dec(returned.get(paths[2])), "file2");
  });

  test("_catFile() reads ranges: positive, negative from the end, past the end", async ({ fs, root }) => {
    const path = join(root, "digits");
    await fs._pipeFile(path, enc(DIGITS));
    const r = async (start?: number | null, end?: number | null) =>
      dec(await fs._catFile(path, { start, end }));
    assertStrictEquals(await r(), DIGITS);
    assertStrictEquals(await r(2, 5), "234");
    assertStrictEquals(await r(2), "23456789");
    assertStrictEquals(await r(undefined, 3), "012");
    assertStrictEquals(await r(null, null), DIGITS);
    assertStrictEquals(await r(-3), "789");
    assertStrictEquals(await r(-3, -1), "78");
    assertStrictEquals(await r(0, -2), "01234567");
    assertStrictEquals(await r(8, 100), "89");
    assertStrictEquals(await r(20), "");
    assertStrictEquals(await r(-100), DIGITS);
    assertStrictEquals(await r(5, 3), "");
    assertStrictEquals(await r(0, 0), "");
    await assertRejects(
      () => fs._catFile(join(root, "missing")),
      FileNotFoundError,
    );
    await assertRejects(
      () => fs._catFile(join(root, "missing"), { start: 1, end: 2 }),
      FileNotFoundError,
    );
  });

  test("_catFile() returns a copy: changing it leaves the file as it was", async ({ fs, root }) => {
    const path = join(root, "digits");
    const data = enc(DIGITS);
    await fs._pipeFile(path, data);
    data[0] = 0x41;
    const read = await fs._catFile(path);
    read[1] = 0x42;
    assertStrictEquals(dec(await fs._catFile(path)), DIGITS);
  });

  test("_catRanges() broadcasts scalars, takes lists, and puts errors in place", async ({ fs, root }) => {
    const a = join(root, "a");
    const b = join(root, "b");
    await fs._pipe({ [a]: enc(DIGITS), [b]: enc("abcdefghij") });
    assertEquals(
      (await fs._catRanges([a, b], 1, 4)).map(dec),
      ["123", "bcd"],
    );
    assertEquals(
      (await fs._catRanges([a, b, a], [0, -2, 5], [2, null, null])).map(dec),
      ["01", "ij", "56789"],
    );
    const out = await fs._catRanges([a, join(root, "missing")], 0, 1);
    assertStrictEquals(dec(out[0]), "0");
    assert(out[1] instanceof FileNotFoundError);
    await assertRejects(
      () =>
        fs._catRanges([a, join(root, "missing")], 0, 1, { onError: "raise" }),
      FileNotFoundError,
    );
    await assertRejects(() => fs._catRanges([a, b], [0], [1, 2]), RangeError);
  });

  test("_catRanges() with maxGap merges nearby reads and gives the same bytes", async ({ fs, root }) => {
    const a = join(root, "a");
    const b = join(root, "b");
    const big = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) % 251);
    await fs._pipe({ [a]: big, [b]: enc(DIGITS) });
    const paths = [a, b, a, a, b, a, a];
    const starts = [500, 0, 0, 10, 5, 995, -10];
    const ends = [510, 3, 5, 20, null, 1000, null];
    const expected = [
      big.slice(500, 510),
      enc("012"),
      big.slice(0, 5),
      big.slice(10, 20),
      enc("56789"),
      big.slice(995),
      big.slice(990),
    ];
    assertEquals(await fs._catRanges(paths, starts, ends), expected);
    for (const maxGap of [0, 10, 10_000]) {
      const merged = await fs._catRanges(paths, starts, ends, { maxGap });
      assertEquals(merged, expected, `maxGap ${maxGap}`);
    }
    const withMissing = await fs._catRanges([a, join(root, "missing")], 0, 2, {
      maxGap: 5,
    });
    assert(withMissing[1] instanceof FileNotFoundError);
  });

  test("openAsync() reads, seeks from start, current and end, tells, and streams", async ({ fs, root }) => {
    const path = join(root, "digits");
    await fs._pipeFile(path, enc(DIGITS));
    await using f = await fs.openAsync(path, { blockSize: 4 });
    assertStrictEquals(f.size, 10);
    assertStrictEquals(f.tell(), 0);
    assertStrictEquals(dec(await f.read(3)), "012");
    assertStrictEquals(f.tell(), 3);
    assertStrictEquals(f.seek(2, 1), 5);
    assertStrictEquals(dec(await f.read(2)), "56");
    assertStrictEquals(f.seek(-3, 2), 7);
    assertStrictEquals(dec(await f.read()), "789");
    assertStrictEquals((await f.read(5)).length, 0);
    assertStrictEquals(f.seek(1), 1);
    assertStrictEquals(dec(await f.read(100)), "123456789");
    assertThrows(() => f.seek(-1), RangeError);
    f.seek(4);
    const chunks: string[] = [];
    for await (const chunk of f.readable(3)) chunks.push(dec(chunk));
    assertEquals(chunks, ["456", "789"]);
    await f.close();
    await assertRejects(() => f.read(), TypeError);
  });

  test("openAsync() rejects a missing path and a directory", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    await assertRejects(
      () => fs.openAsync(join(source, "missing")),
      FileNotFoundError,
    );
    await assertRejects(
      () => fs.openAsync(join(source, "subdir")),
      FileNotFoundError,
    );
  });
}
