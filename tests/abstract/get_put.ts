/**
 * Conformance tests of `_get` and `_put` (fsspec's `tests/abstract/get.py`
 * and `put.py`): files, trees, globs and lists between the filesystem and a
 * local temporary directory.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";
import { Callback } from "../../src/callbacks.ts";
import { FileNotFoundError } from "../../src/errors.ts";
import { LocalFileSystem } from "../../src/local/local_file_system.ts";
import {
  dec,
  GLOB_EDGE_CASES,
  globEdgeCasesFiles,
  join,
  localFiles,
  localLs,
  localTempDir,
  type Register,
  scenario0,
} from "./common.ts";

/** A callback that records its size and every value it reaches. */
function countingCallback(): Callback & { values: number[] } {
  const values: number[] = [];
  const cb = new Callback({ hooks: { record: (_s, v) => values.push(v) } });
  return Object.assign(cb, { values });
}

/** Registers the get and put tests. */
export function getPutTests(test: Register): void {
  test("_get() downloads a file into a local directory, to a new name, or into a new directory", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    await using tmp = await localTempDir();
    await fs._get(join(source, "file2"), tmp.path);
    await fs._get(join(source, "subdir", "subfile1"), tmp.path + "/");
    await fs._get(join(source, "file1"), join(tmp.path, "renamed"));
    await fs._get(join(source, "file1"), join(tmp.path, "newdir") + "/");
    await fs._get(join(source, "file1"), join(tmp.path, "new2", "newfile"));
    assertEquals(await localFiles(tmp.path), [
      "file2",
      "new2/newfile",
      "newdir/file1",
      "renamed",
      "subfile1",
    ]);
    assertStrictEquals(
      await Deno.readTextFile(join(tmp.path, "subfile1")),
      "subfile1",
    );
    assertStrictEquals(
      await Deno.readTextFile(join(tmp.path, "renamed")),
      "file1",
    );
  });

  test("_get() reproduces a tree locally when recursive, counting files on the callback", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    await using tmp = await localTempDir();
    await fs._get(join(source, "subdir"), tmp.path);
    assertEquals(await localLs(tmp.path), []);
    const cb = countingCallback();
    await fs._get(source, join(tmp.path, "copy"), {
      recursive: true,
      callback: cb,
      batchSize: 2,
    });
    assertEquals(await localFiles(join(tmp.path, "copy")), [
      "file1",
      "file2",
      "subdir/nesteddir/nestedfile",
      "subdir/subfile1",
      "subdir/subfile2",
    ]);
    assertStrictEquals(cb.size, 5);
    assertStrictEquals(cb.value, 5);
    assertEquals(cb.values, [0, 1, 2, 3, 4, 5]);
    assertStrictEquals(
      await Deno.readTextFile(
        join(tmp.path, "copy", "subdir", "nesteddir", "nestedfile"),
      ),
      "nestedfile",
    );
    // into an existing directory: the source directory goes inside it
    await Deno.mkdir(join(tmp.path, "existing"));
    await fs._get(join(source, "subdir"), join(tmp.path, "existing"), {
      recursive: true,
      maxDepth: 1,
    });
    assertEquals(await localFiles(join(tmp.path, "existing")), [
      "subdir/subfile1",
      "subdir/subfile2",
    ]);
  });

  test("_get() downloads a glob's matches and a list of files", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    await using tmp = await localTempDir();
    await fs._get(join(source, "subdir", "*"), join(tmp.path, "g") + "/");
    assertEquals(await localFiles(join(tmp.path, "g")), [
      "subfile1",
      "subfile2",
    ]);
    await fs._get(join(source, "subdir", "**"), join(tmp.path, "h"));
    assertEquals(await localFiles(join(tmp.path, "h")), [
      "nesteddir/nestedfile",
      "subfile1",
      "subfile2",
    ]);
    await fs._get(
      [join(source, "file1"), join(source, "subdir", "subfile2")],
      [join(tmp.path, "l", "one"), join(tmp.path, "l", "two")],
    );
    assertStrictEquals(
      await Deno.readTextFile(join(tmp.path, "l", "two")),
      "subfile2",
    );
    await assertRejects(
      () => fs._get(join(source, "missing"), join(tmp.path, "m")),
      FileNotFoundError,
    );
  });

  test("_get() handles fsspec's glob edge cases", async ({ fs, root }) => {
    const source = await globEdgeCasesFiles(fs, root);
    for (const { path, recursive, maxDepth, expected } of GLOB_EDGE_CASES) {
      for (const newDir of [true, false]) {
        await using tmp = await localTempDir();
        const dest = newDir ? join(tmp.path, "newdir") : tmp.path;
        await fs._get(join(source, path), dest + "/", { recursive, maxDepth });
        assertEquals(
          await localFiles(dest),
          [...expected].sort(),
          `get ${path} recursive=${recursive} maxDepth=${maxDepth} newDir=${newDir}`,
        );
      }
    }
  });

  test("_put() uploads a file into a directory, to a new name, or into a new directory", async ({ fs, root }) => {
    await using tmp = await localTempDir();
    const local = new LocalFileSystem({ asynchronous: true, autoMkdir: true });
    const lsource = await scenario0(local, tmp.path);
    const target = join(root, "target");
    await fs._mkdir(target);
    await fs._put(join(lsource, "file2"), target);
    await fs._put(join(lsource, "subdir", "subfile1"), target + "/");
    await fs._put(join(lsource, "file1"), join(target, "renamed"));
    await fs._put(join(lsource, "file1"), join(target, "newdir") + "/");
    assertEquals(await fs._find(target), [
      join(target, "file2"),
      join(target, "newdir", "file1"),
      join(target, "renamed"),
      join(target, "subfile1"),
    ]);
    assertStrictEquals(
      dec(await fs._catFile(join(target, "renamed"))),
      "file1",
    );
  });

  test("_put() uploads a tree when recursive, counting files on the callback", async ({ fs, root }) => {
    await using tmp = await localTempDir();
    const local = new LocalFileSystem({ asynchronous: true, autoMkdir: true });
    const lsource = await scenario0(local, tmp.path);
    const target = join(root, "target");
    await fs._put(join(lsource, "subdir"), target);
    assertStrictEquals(await fs._exists(target), false);
    const cb = countingCallback();
    await fs._put(lsource + "/", target, { recursive: true, callback: cb });
    assertEquals(await fs._find(target), [
      join(target, "file1"),
      join(target, "file2"),
      join(target, "subdir", "nesteddir", "nestedfile"),
      join(target, "subdir", "subfile1"),
      join(target, "subdir", "subfile2"),
    ]);
    assert(await fs._isDir(join(target, "subdir", "nesteddir")));
    assertStrictEquals(cb.size, 5);
    assertStrictEquals(cb.value, 5);
    assertStrictEquals(
      dec(await fs._catFile(join(target, "subdir", "subfile2"))),
      "subfile2",
    );
    await fs._put([join(lsource, "file1"), join(lsource, "file2")], [
      join(root, "x"),
      join(root, "y"),
    ]);
    assertStrictEquals(dec(await fs._catFile(join(root, "y"))), "file2");
  });

  test("_put() handles fsspec's glob edge cases", async ({ fs, root }) => {
    await using tmp = await localTempDir();
    const local = new LocalFileSystem({ asynchronous: true, autoMkdir: true });
    const lsource = await globEdgeCasesFiles(local, tmp.path);
    const target = join(root, "target");
    for (const { path, recursive, maxDepth, expected } of GLOB_EDGE_CASES) {
      for (const newDir of [true, false]) {
        await fs._mkdir(target);
        const dest = newDir ? join(target, "newdir") : target;
        await fs._put(join(lsource, path), dest + "/", { recursive, maxDepth });
        assertEquals(
          await fs._find(target),
          expected.map((p) => join(dest, p)).sort(),
          `put ${path} recursive=${recursive} maxDepth=${maxDepth} newDir=${newDir}`,
        );
        await fs._rm(target, { recursive: true });
      }
    }
  });
}
