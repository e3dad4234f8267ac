/**
 * Conformance tests of the queries: `_ls`, `_info`, `_exists`, `_isFile`,
 * `_isDir`, `_size(s)`, `_find`, `_walk`, `_glob`, `_du`, `_expandPath`.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertMatch,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";
import { FileNotFoundError } from "../../src/errors.ts";
import type { WalkEntry } from "../../src/types.ts";
import { join, type Register, scenario0 } from "./common.ts";

/** Paths relative to `base`. */
function rel(base: string, paths: Iterable<string>): string[] {
  return [...paths].map((p) => p === base ? "." : p.slice(base.length + 1));
}

/** Registers the query tests. */
export function treeTests(test: Register): void {
  test("_ls() lists names and details of a directory, sorted", async ({ fs, root, dirSize }) => {
    const source = await scenario0(fs, root);
    assertEquals(
      rel(source, await fs._ls(source, { detail: false })),
      ["file1", "file2", "subdir"],
    );
    const detail = await fs._ls(source);
    assertEquals(
      detail.map((i) => [i.name, i.type, i.size]),
      [
        [join(source, "file1"), "file", 5],
        [join(source, "file2"), "file", 5],
        [
          join(source, "subdir"),
          "directory",
          await dirSize(join(source, "subdir")),
        ],
      ],
    );
    assertEquals(
      await fs._ls(source + "/", { detail: false }),
      await fs._ls(source, { detail: false }),
    );
  });

  test("_ls() of a file lists the file; of a missing path throws FileNotFoundError", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const file = join(source, "file1");
    assertEquals(await fs._ls(file, { detail: false }), [file]);
    assertEquals((await fs._ls(file)).map((i) => i.size), [5]);
    await assertRejects(() => fs._ls(join(root, "missing")), FileNotFoundError);
  });

  test("_ls() of an empty directory is empty", async ({ fs, root }) => {
    await fs._mkdir(join(root, "empty"));
    assertEquals(await fs._ls(join(root, "empty")), []);
  });

  test("_info() gives name, size and type; FileNotFoundError where missing", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const info = await fs._info(join(source, "subdir", "subfile1"));
    assertStrictEquals(info.name, join(source, "subdir", "subfile1"));
    assertStrictEquals(info.size, 8);
    assertStrictEquals(info.type, "file");
    const dir = await fs._info(join(source, "subdir") + "/");
    assertStrictEquals(dir.type, "directory");
    assertStrictEquals(dir.name, join(source, "subdir"));
    const missing = await assertRejects(
      () => fs._info(join(source, "nope")),
      FileNotFoundError,
    );
    assertMatch(missing.message, /^Cannot /);
    await assertRejects(
      () => fs._info(join(source, "file1", "below")),
      FileNotFoundError,
    );
  });

  test("_info() accepts the URL form of a path", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const url = fs.unstripProtocol(join(source, "file2"));
    assertMatch(url, /^[a-z]+:\/\//);
    assertStrictEquals((await fs._info(url)).name, join(source, "file2"));
  });

  test("_exists(), _isFile() and _isDir() tell files, directories and missing paths apart", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const file = join(source, "file1");
    const dir = join(source, "subdir");
    const missing = join(source, "missing");
    assertEquals(
      await Promise.all([fs._exists(file), fs._isFile(file), fs._isDir(file)]),
      [true, true, false],
    );
    assertEquals(
      await Promise.all([fs._exists(dir), fs._isFile(dir), fs._isDir(dir)]),
      [true, false, true],
    );
    assertEquals(
      await Promise.all([
        fs._exists(missing),
        fs._isFile(missing),
        fs._isDir(missing),
      ]),
      [false, false, false],
    );
    assertStrictEquals(await fs._exists(join(file, "below")), false);
  });

  test("_size() and _sizes() give file sizes", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    assertStrictEquals(
      await fs._size(join(source, "subdir", "nesteddir", "nestedfile")),
      10,
    );
    assertEquals(
      await fs._sizes([
        join(source, "file1"),
        join(source, "subdir", "subfile2"),
      ]),
      [5, 8],
    );
    await assertRejects(
      () => fs._sizes([join(source, "missing")]),
      FileNotFoundError,
    );
  });

  test("_find() lists files below a path, sorted, to maxDepth", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    assertEquals(rel(source, await fs._find(source)), [
      "file1",
      "file2",
      "subdir/nesteddir/nestedfile",
      "subdir/subfile1",
      "subdir/subfile2",
    ]);
    assertEquals(rel(source, await fs._find(source, { maxDepth: 1 })), [
      "file1",
      "file2",
    ]);
    assertEquals(rel(source, await fs._find(source, { maxDepth: 2 })), [
      "file1",
      "file2",
      "subdir/subfile1",
      "subdir/subfile2",
    ]);
    const file = join(source, "file1");
    assertEquals(await fs._find(file), [file]);
    assertEquals(await fs._find(join(source, "missing")), []);
    await assertRejects(() => fs._find(source, { maxDepth: 0 }), RangeError);
  });

  test("_find() with withDirs includes directories and the root; detail gives infos", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    await fs._mkdir(join(source, "empty"));
    assertEquals(rel(source, await fs._find(source, { withDirs: true })), [
      ".",
      "empty",
      "file1",
      "file2",
      "subdir",
      "subdir/nesteddir",
      "subdir/nesteddir/nestedfile",
      "subdir/subfile1",
      "subdir/subfile2",
    ]);
    assertEquals(
      rel(source, await fs._find(source, { withDirs: true, maxDepth: 1 })),
      [".", "empty", "file1", "file2", "subdir"],
    );
    const detail = await fs._find(source, { detail: true, maxDepth: 2 });
    assert(detail instanceof Map);
    assertEquals(
      [...detail].map((
        [k, v],
      ) => [k.slice(source.length + 1), v.name === k, v.type, v.size]),
      [
        ["file1", true, "file", 5],
        ["file2", true, "file", 5],
        ["subdir/subfile1", true, "file", 8],
        ["subdir/subfile2", true, "file", 8],
      ],
    );
  });

  test("_walk() yields each directory with its subdirectories and files, top-down or bottom-up", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const steps: WalkEntry[] = [];
    for await (const step of fs._walk(source)) steps.push(step);
    const norm = (s: WalkEntry[]) =>
      s.map(([r, d, f]) => [rel(source, [r])[0], [...d].sort(), [...f].sort()]);
    assertEquals(norm(steps), [
      [".", ["subdir"], ["file1", "file2"]],
      ["subdir", ["nesteddir"], ["subfile1", "subfile2"]],
      ["subdir/nesteddir", [], ["nestedfile"]],
    ]);
    const up: WalkEntry[] = [];
    for await (const step of fs._walk(source, { topDown: false })) {
      up.push(step);
    }
    assertEquals(norm(up), norm(steps).reverse());
    const shallow: WalkEntry[] = [];
    for await (const step of fs._walk(source, { maxDepth: 1 })) {
      shallow.push(step);
    }
    assertEquals(norm(shallow), [[".", ["subdir"], ["file1", "file2"]]]);
    const two: WalkEntry[] = [];
    for await (const step of fs._walk(source, { maxDepth: 2 })) two.push(step);
    assertEquals(norm(two).map((s) => s[0]), [".", "subdir"]);
  });

  test("_glob() matches *, **, ?, […], [!…] and a trailing /", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    await fs._mkdir(join(source, "empty"));
    const g = async (pattern: string, maxDepth?: number) =>
      rel(
        source,
        await fs._glob(
          join(source, pattern) + (pattern.endsWith("/") ? "/" : ""),
          { maxDepth },
        ),
      );
    assertEquals(await g("*"), ["empty", "file1", "file2", "subdir"]);
    assertEquals(await g("**"), [
      ".",
      "empty",
      "file1",
      "file2",
      "subdir",
      "subdir/nesteddir",
      "subdir/nesteddir/nestedfile",
      "subdir/subfile1",
      "subdir/subfile2",
    ]);
    assertEquals(await g("**", 1), [
      ".",
      "empty",
      "file1",
      "file2",
      "subdir",
    ]);
    assertEquals(await g("**/*1"), ["file1", "subdir/subfile1"]);
    assertEquals(await g("*/"), ["empty", "subdir"]);
    assertEquals(await g("**/"), [
      ".",
      "empty",
      "subdir",
      "subdir/nesteddir",
    ]);
    assertEquals(await g("fil?[12]"), ["file1", "file2"]);
    assertEquals(await g("file[!1]"), ["file2"]);
    assertEquals(await g("subdir/*file[0-1]"), ["subdir/subfile1"]);
    assertEquals(await g("*/nested*/*"), ["subdir/nesteddir/nestedfile"]);
    assertEquals(await g("nothing*"), []);
    assertEquals(await g("file1"), ["file1"]);
    const detail = await fs._glob(join(source, "file*"), { detail: true });
    assertEquals([...detail.values()].map((i) => i.size), [5, 5]);
  });

  test("_du() sums sizes, or maps each file to its size", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    assertStrictEquals(await fs._du(source), 5 + 5 + 8 + 8 + 10);
    const sizes = await fs._du(source, { total: false });
    assertEquals(
      [...sizes].map(([k, v]) => [k.slice(source.length + 1), v]),
      [
        ["file1", 5],
        ["file2", 5],
        ["subdir/nesteddir/nestedfile", 10],
        ["subdir/subfile1", 8],
        ["subdir/subfile2", 8],
      ],
    );
    assertStrictEquals(await fs._du(source, { maxDepth: 1 }), 10);
  });

  test("_expandPath() keeps the caller's order and expands globs and, with recursive, directories", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const s = (p: string) => join(source, p);
    assertEquals(
      rel(source, await fs._expandPath([s("file2"), s("file1")])),
      ["file2", "file1"],
    );
    assertEquals(
      rel(
        source,
        await fs._expandPath([s("subdir"), s("file2"), s("file1")], {
          recursive: true,
        }),
      ),
      [
        "subdir",
        "subdir/nesteddir",
        "subdir/nesteddir/nestedfile",
        "subdir/subfile1",
        "subdir/subfile2",
        "file2",
        "file1",
      ],
    );
    assertEquals(
      rel(
        source,
        await fs._expandPath(s("subdir"), { recursive: true, maxDepth: 1 }),
      ),
      ["subdir", "subdir/nesteddir", "subdir/subfile1", "subdir/subfile2"],
    );
    assertEquals(
      rel(source, await fs._expandPath([s("file2"), s("file*")])),
      ["file2", "file1"],
    );
    assertEquals(
      rel(
        source,
        await fs._expandPath(s("*"), { recursive: true, maxDepth: 1 }),
      ),
      ["file1", "file2", "subdir"],
    );
    assertEquals(
      rel(source, await fs._expandPath(s("sub*"), { recursive: true })),
      [
        "subdir",
        "subdir/nesteddir",
        "subdir/nesteddir/nestedfile",
        "subdir/subfile1",
        "subdir/subfile2",
      ],
    );
    await assertRejects(() => fs._expandPath(s("nothing*")), FileNotFoundError);
    await assertRejects(
      () => fs._expandPath(source, { maxDepth: 0 }),
      RangeError,
    );
  });
}
