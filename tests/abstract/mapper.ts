/**
 * The `FSMap` contract every writable backend keeps (fsspec's
 * `tests/test_mapping.py`, in zarrita's key form): registered by
 * `tests/mapper_test.ts` once per backend.
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
import { FileNotFoundError } from "../../src/errors.ts";
import { dec, enc, join, type Register } from "./common.ts";

/**
 * Registers the mapper tests.
 *
 * @param test Registers one test with a fresh filesystem and empty root.
 */
export function mapperTests(test: Register): void {
  test("getMapper() set and get: 'a/b' and '/a/b' are one key, below the root", async ({ fs, root }) => {
    const map = fs.getMapper(join(root, "m"));
    await map.set("/a/b", enc("one"));
    assertEquals(dec(await map.get("a/b")), "one");
    await map.set("a/b", enc("two"));
    assertEquals(dec(await map.get("/a/b")), "two");
    assertEquals(dec(await fs._catFile(join(root, "m/a/b"))), "two");
    assertEquals(dec(await map.get("/a/b")), "two");
  });

  test("getMapper() get of a missing key is undefined", async ({ fs, root }) => {
    await fs._pipeFile(join(root, "x"), enc("x"));
    const map = fs.getMapper(root);
    assertStrictEquals(await map.get("nothing"), undefined);
    assertStrictEquals(await map.get("no/such/dir/file"), undefined);
    assertEquals(dec(await map.get("x")), "x");
  });

  test("getMapper() has is true for files only", async ({ fs, root }) => {
    const map = fs.getMapper(root);
    await map.set("dir/file", enc("f"));
    assertEquals(await map.has("dir/file"), true);
    assertEquals(await map.has("/dir/file"), true);
    assertEquals(await map.has("dir"), false, "a directory is no key");
    assertEquals(await map.has("missing"), false);
  });

  test("getMapper() delete removes the file and says whether there was one", async ({ fs, root }) => {
    const map = fs.getMapper(root);
    await map.set("k", enc("v"));
    assertEquals(await map.delete("/k"), true);
    assertEquals(await fs._exists(join(root, "k")), false);
    assertStrictEquals(await map.get("k"), undefined);
    assertEquals(await map.delete("k"), false);
  });

  test("getMapper() keys are every file below the root, relative, sorted", async ({ fs, root }) => {
    await fs.getMapper(root).setMany({
      "m/zarr.json": enc("{}"),
      "m/c/0/0": enc("a"),
      "m/c/1/0": enc("b"),
      "m2/outside": enc("c"),
      "outside": enc("d"),
    });
    const map = fs.getMapper(join(root, "m"));
    const expected = ["c/0/0", "c/1/0", "zarr.json"];
    assertEquals(await Array.fromAsync(map.keys()), expected);
    const iterated: string[] = [];
    for await (const key of map) iterated.push(key);
    assertEquals(iterated, expected);
  });

  test("getMapper() keys of a missing root are none", async ({ fs, root }) => {
    const map = fs.getMapper(join(root, "never"));
    assertEquals(await Array.fromAsync(map.keys()), []);
  });

  test("getMapper() getMany reads keys in the order given; missing keys left out", async ({ fs, root }) => {
    const map = fs.getMapper(root);
    await map.setMany({ "b": enc("B"), "/a/x": enc("AX"), "c[1]": enc("C") });
    const out = await map.getMany(["c[1]", "/a/x", "gone", "b"]);
    assertEquals([...out.keys()], ["c[1]", "/a/x", "b"]);
    assertEquals([...out.values()].map(dec), ["C", "AX", "B"]);
    const omitted = await map.getMany(["gone", "b"], { onError: "omit" });
    assertEquals([...omitted.keys()], ["b"]);
    assertEquals((await map.getMany([])).size, 0);
  });

  test("getMany with onError 'return' puts FileNotFoundError in place", async ({ fs, root }) => {
    const map = fs.getMapper(root);
    await map.set("here", enc("h"));
    const out = await map.getMany(["gone", "here"], { onError: "return" });
    assertEquals([...out.keys()], ["gone", "here"]);
    const gone = out.get("gone");
    assertInstanceOf(gone, FileNotFoundError);
    assertEquals(dec(out.get("here")), "h");
  });

  test("getMapper() setMany writes a Map with nested parents made", async ({ fs, root }) => {
    const map = fs.getMapper(join(root, "arr"));
    const values = new Map<string, Uint8Array>();
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) values.set(`/c/${i}/${j}`, enc(`${i}.${j}`));
    }
    values.set("zarr.json", enc("{}"));
    await map.setMany(values, { batchSize: 2 });
    const keys = await Array.fromAsync(map.keys());
    assertEquals(
      keys,
      [...values.keys()].map((k) => k.replace(/^\//, "")).sort(),
    );
    assertEquals(dec(await fs._catFile(join(root, "arr/c/2/1"))), "2.1");
  });

  test("getMapper() getRange reads offset/length and suffixes", async ({ fs, root }) => {
    const map = fs.getMapper(root);
    await map.set("r", enc("0123456789"));
    assertEquals(dec(await map.getRange("r", { offset: 2, length: 3 })), "234");
    assertEquals(dec(await map.getRange("/r", { suffixLength: 4 })), "6789");
    assertEquals(dec(await map.getRange("r", { offset: 8, length: 5 })), "89");
    assertEquals(
      dec(await map.getRange("r", { suffixLength: 50 })),
      "0123456789",
    );
    assertEquals(
      await map.getRange("r", { offset: 3, length: 0 }),
      new Uint8Array(),
    );
    assertEquals(
      await map.getRange("r", { suffixLength: 0 }),
      new Uint8Array(),
    );
    assertStrictEquals(
      await map.getRange("gone", { offset: 0, length: 2 }),
      undefined,
    );
    assertStrictEquals(
      await map.getRange("gone", { suffixLength: 2 }),
      undefined,
    );
    assertStrictEquals(
      await map.getRange("gone", { offset: 0, length: 0 }),
      undefined,
    );
  });

  test("getMapper() getRange rejects a malformed range before any I/O", async ({ fs, root }) => {
    const map = fs.getMapper(root);
    await assertRejects(
      () => map.getRange("r", { offset: -1, length: 2 }),
      RangeError,
      "offset -1",
    );
    await assertRejects(
      () => map.getRange("r", { suffixLength: 1.5 }),
      RangeError,
      "suffixLength 1.5",
    );
    await assertRejects(
      // @ts-expect-error: neither shape
      () => map.getRange("r", { offset: 1 }),
      TypeError,
      "{ offset, length } or { suffixLength }",
    );
  });

  test("getMapper() rejects keys that would leave the root, before any I/O", async ({ fs, root }) => {
    await fs._pipeFile(join(root, "secret"), enc("s"));
    const map = fs.getMapper(join(root, "m"));
    for (const key of ["../secret", "/a/../../secret", "%2e%2E/secret", ".."]) {
      await assertRejects(() => map.get(key), TypeError, "leave the root");
      await assertRejects(
        () => map.set(key, enc("x")),
        TypeError,
        "leave the root",
      );
    }
    for (const key of ["", "/", "a//b", "./a", "a/"]) {
      await assertRejects(() => map.has(key), TypeError, "must be names");
    }
    assertThrows(
      () => map.path("a/../b"),
      TypeError,
      `Cannot use key "a/../b"`,
    );
    await assertRejects(
      () => map.set("k", "text" as unknown as Uint8Array),
      TypeError,
      "must be a Uint8Array",
    );
    assertEquals(await fs._exists(join(root, "m")), false, "nothing written");
  });

  test("getMapper() create makes the root at the first operation", async ({ fs, root }) => {
    const where = join(root, "new/deep");
    const map = fs.getMapper(where, { create: true });
    assertEquals(await Array.fromAsync(map.keys()), []);
    assertEquals(await fs._isDir(where), true);
  });

  test("getMapper() checkExists throws FileNotFoundError for a missing root, until it exists", async ({ fs, root }) => {
    const where = join(root, "later");
    const map = fs.getMapper(where, { checkExists: true });
    const error = await assertRejects(
      () => map.get("k"),
      FileNotFoundError,
      "does not exist",
    );
    assertEquals(error.path, where);
    await fs.getMapper(root).set("later/k", enc("v"));
    assertEquals(dec(await map.get("k")), "v", "checked again, and found");
    const created = fs.getMapper(join(root, "made"), {
      create: true,
      checkExists: true,
    });
    assertEquals(await created.has("k"), false);
  });
}
