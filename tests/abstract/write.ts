/**
 * Conformance tests of writing: `_pipe(File)`, `_rm`, `_rmdir`, `_mkdir`,
 * `_makeDirs`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { FileExistsError, FileNotFoundError } from "../../src/errors.ts";
import { dec, enc, join, type Register, scenario0 } from "./common.ts";

/** Registers the write tests. */
export function writeTests(test: Register): void {
  test("_pipe() writes one file, or many from a record or a Map", async ({ fs, root }) => {
    const a = join(root, "a");
    await fs._pipe(a, enc("one"));
    assert.equal(dec(await fs._catFile(a)), "one");
    await fs._pipe(a, enc("two"));
    assert.equal(dec(await fs._catFile(a)), "two");
    await fs._pipe(
      { [join(root, "b")]: enc("B"), [join(root, "c")]: enc("C") },
      { batchSize: 1 },
    );
    await fs._pipe(new Map([[join(root, "d"), enc("D")]]));
    assert.deepEqual(
      (await fs._cat(await fs._find(root))).values().map(dec).toArray(),
      ["two", "B", "C", "D"],
    );
    await assert.rejects(
      () => fs._pipe(a, undefined as unknown as Uint8Array),
      TypeError,
    );
  });

  test("_pipeFile() writes an empty file", async ({ fs, root }) => {
    const p = join(root, "empty");
    await fs._pipeFile(p, new Uint8Array(0));
    assert.equal((await fs._info(p)).size, 0);
    assert.equal(await fs._isFile(p), true);
  });

  test("_rm() deletes a file, a list, and a tree when recursive", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    await fs._rm(join(source, "file1"));
    assert.equal(await fs._exists(join(source, "file1")), false);
    await fs._rm([join(source, "file2"), join(source, "subdir", "subfile1")]);
    assert.deepEqual(await fs._find(source), [
      join(source, "subdir", "nesteddir", "nestedfile"),
      join(source, "subdir", "subfile2"),
    ]);
    await assert.rejects(fs._rm(join(source, "missing")), FileNotFoundError);
    await fs._rm(join(source, "subdir"), { recursive: true });
    assert.equal(await fs._exists(join(source, "subdir")), false);
    assert.deepEqual(await fs._ls(source), []);
    await fs._rm(source, { recursive: true });
    assert.equal(await fs._exists(source), false);
  });

  test("_rm() deletes a glob's matches", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    await fs._rm(join(source, "**/sub*1"));
    assert.deepEqual(await fs._find(source), [
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
    assert.equal(await fs._exists(join(source, "empty")), false);
    await assert.rejects(fs._rmdir(join(source, "subdir")));
    assert.equal(await fs._isDir(join(source, "subdir")), true);
    await assert.rejects(fs._rmdir(join(source, "missing")), FileNotFoundError);
  });

  test("_mkdir() makes a directory and its parents; FileExistsError where one exists", async ({ fs, root }) => {
    const deep = join(root, "a", "b", "c");
    await fs._mkdir(deep);
    assert.equal(await fs._isDir(deep), true);
    assert.equal(await fs._isDir(join(root, "a", "b")), true);
    assert.deepEqual(await fs._ls(deep), []);
    await assert.rejects(fs._mkdir(deep), FileExistsError);
    await fs._pipeFile(join(root, "f"), enc("x"));
    await assert.rejects(fs._mkdir(join(root, "f")), FileExistsError);
    await assert.rejects(
      fs._mkdir(join(root, "x", "y"), { createParents: false }),
      FileNotFoundError,
    );
    assert.equal(await fs._exists(join(root, "x")), false);
    await fs._mkdir(join(root, "a", "d"), { createParents: false });
    assert.equal(await fs._isDir(join(root, "a", "d")), true);
  });

  test("_makeDirs() makes parents, and with existOk accepts an existing directory", async ({ fs, root }) => {
    const deep = join(root, "p", "q", "r");
    await fs._makeDirs(deep);
    assert.equal(await fs._isDir(deep), true);
    await assert.rejects(fs._makeDirs(deep), FileExistsError);
    await fs._makeDirs(deep, { existOk: true });
    await fs._makeDirs(join(root, "p"), { existOk: true });
    assert.deepEqual(await fs._ls(join(root, "p"), { detail: false }), [
      join(root, "p", "q"),
    ]);
    await fs._pipeFile(join(root, "f"), enc("x"));
    await assert.rejects(
      fs._makeDirs(join(root, "f"), { existOk: true }),
      FileExistsError,
    );
  });

  test("operations honour an aborted signal", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const signal = AbortSignal.abort();
    const isAbort = (e: unknown) =>
      e instanceof DOMException && e.name === "AbortError";
    await assert.rejects(
      fs._catFile(join(source, "file1"), { signal }),
      isAbort,
    );
    await assert.rejects(fs._info(join(source, "file1"), { signal }), isAbort);
    await assert.rejects(
      fs._pipeFile(join(source, "x"), enc("x"), { signal }),
      isAbort,
    );
    await assert.rejects(fs._cat([join(source, "file1")], { signal }), isAbort);
    assert.equal(await fs._exists(join(source, "x")), false);
  });
}
