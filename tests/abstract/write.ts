/**
 * Conformance tests of writing: `_pipe(File)`, `_rm`, `_rmdir`, `_mkdir`,
 * `_makeDirs`.
 *
 * @module
 */

import { assertEquals, assertRejects, assertStrictEquals } from "@std/assert";
import { assertRejectsAbort } from "../_helpers.ts";
import { FileExistsError, FileNotFoundError } from "../../src/errors.ts";
import { dec, enc, join, type Register, scenario0 } from "./common.ts";

/** Registers the write tests. */
export function writeTests(test: Register): void {
  test("_pipe() writes one file, or many from a record or a Map", async ({ fs, root }) => {
    const a = join(root, "a");
    await fs._pipe(a, enc("one"));
    assertStrictEquals(dec(await fs._catFile(a)), "one");
    await fs._pipe(a, enc("two"));
    assertStrictEquals(dec(await fs._catFile(a)), "two");
    await fs._pipe(
      { [join(root, "b")]: enc("B"), [join(root, "c")]: enc("C") },
      { batchSize: 1 },
    );
    await fs._pipe(new Map([[join(root, "d"), enc("D")]]));
    assertEquals(
      (await fs._cat(await fs._find(root))).values().map(dec).toArray(),
      ["two", "B", "C", "D"],
    );
    await assertRejects(
      () => fs._pipe(a, undefined as unknown as Uint8Array),
      TypeError,
    );
  });

  test("_pipeFile() writes an empty file", async ({ fs, root }) => {
    const p = join(root, "empty");
    await fs._pipeFile(p, new Uint8Array(0));
    assertStrictEquals((await fs._info(p)).size, 0);
    assertStrictEquals(await fs._isFile(p), true);
  });

  test("_rm() deletes a file, a list, and a tree when recursive", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    await fs._rm(join(source, "file1"));
    assertStrictEquals(await fs._exists(join(source, "file1")), false);
    await fs._rm([join(source, "file2"), join(source, "subdir", "subfile1")]);
    assertEquals(await fs._find(source), [
      join(source, "subdir", "nesteddir", "nestedfile"),
      join(source, "subdir", "subfile2"),
    ]);
    await assertRejects(
      () => fs._rm(join(source, "missing")),
      FileNotFoundError,
    );
    await fs._rm(join(source, "subdir"), { recursive: true });
    assertStrictEquals(await fs._exists(join(source, "subdir")), false);
    assertEquals(await fs._ls(source), []);
    await fs._rm(source, { recursive: true });
    assertStrictEquals(await fs._exists(source), false);
  });

  test("_rm() deletes a glob's matches", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    await fs._rm(join(source, "**/sub*1"));
    assertEquals(await fs._find(source), [
      join(source, "file1"),
      join(source, "file2"),
      join(source, "subdir", "nesteddir", "nestedfile"),
      join(source, "subdir", "subfile2"),
    ]);
  });

  test("_rmdir() deletes an empty directory only", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    await fs._mkdir(join(source, "empty"));
    await fs._rmdir(join(source, "empty"));
    assertStrictEquals(await fs._exists(join(source, "empty")), false);
    // fsspec raises a plain OSError here; both backends throw a plain Error
    const notEmpty = await assertRejects(
      () => fs._rmdir(join(source, "subdir")),
      Error,
      "not empty",
    );
    assertStrictEquals(notEmpty.constructor, Error);
    assertStrictEquals(await fs._isDir(join(source, "subdir")), true);
    await assertRejects(
      () => fs._rmdir(join(source, "missing")),
      FileNotFoundError,
    );
  });

  test("_mkdir() makes a directory and its parents; FileExistsError where one exists", async ({ fs, root }) => {
    const deep = join(root, "a", "b", "c");
    await fs._mkdir(deep);
    assertStrictEquals(await fs._isDir(deep), true);
    assertStrictEquals(await fs._isDir(join(root, "a", "b")), true);
    assertEquals(await fs._ls(deep), []);
    await assertRejects(() => fs._mkdir(deep), FileExistsError);
    await fs._pipeFile(join(root, "f"), enc("x"));
    await assertRejects(() => fs._mkdir(join(root, "f")), FileExistsError);
    await assertRejects(
      () => fs._mkdir(join(root, "x", "y"), { createParents: false }),
      FileNotFoundError,
    );
    assertStrictEquals(await fs._exists(join(root, "x")), false);
    await fs._mkdir(join(root, "a", "d"), { createParents: false });
    assertStrictEquals(await fs._isDir(join(root, "a", "d")), true);
  });

  test("_makeDirs() makes parents, and with existOk accepts an existing directory", async ({ fs, root }) => {
    const deep = join(root, "p", "q", "r");
    await fs._makeDirs(deep);
    assertStrictEquals(await fs._isDir(deep), true);
    await assertRejects(() => fs._makeDirs(deep), FileExistsError);
    await fs._makeDirs(deep, { existOk: true });
    await fs._makeDirs(join(root, "p"), { existOk: true });
    assertEquals(await fs._ls(join(root, "p"), { detail: false }), [
      join(root, "p", "q"),
    ]);
    await fs._pipeFile(join(root, "f"), enc("x"));
    await assertRejects(
      () => fs._makeDirs(join(root, "f"), { existOk: true }),
      FileExistsError,
    );
  });

  test("operations honour an aborted signal", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const signal = AbortSignal.abort();
    await assertRejectsAbort(() =>
      fs._catFile(join(source, "file1"), { signal })
    );
    await assertRejectsAbort(() => fs._info(join(source, "file1"), { signal }));
    await assertRejectsAbort(() =>
      fs._pipeFile(join(source, "x"), enc("x"), { signal })
    );
    await assertRejectsAbort(() =>
      fs._cat([join(source, "file1")], { signal })
    );
    assertStrictEquals(await fs._exists(join(source, "x")), false);
  });
}
