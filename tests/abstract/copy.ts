/**
 * Conformance tests of `_copy` (fsspec's `tests/abstract/copy.py`, copy
 * scenarios 1a-1h and 2a-2b, the glob edge cases, lists and errors).
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";
import { FileNotFoundError } from "../../src/errors.ts";
import {
  dec,
  enc,
  GLOB_EDGE_CASES,
  globEdgeCasesFiles,
  join,
  type Register,
  sameNamePrefix,
  scenario0,
} from "./common.ts";

/** Registers the copy tests. */
export function copyTests(test: Register): void {
  test("_copy() copies a file into an existing directory, with or without a trailing /", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const target = join(root, "target");
    await fs._mkdir(target);
    for (const t of [target, target + "/"]) {
      await fs._copy(join(source, "file2"), t);
      await fs._copy(join(source, "subdir", "subfile1"), t);
      assertEquals(await fs._ls(target, { detail: false }), [
        join(target, "file2"),
        join(target, "subfile1"),
      ]);
      assertStrictEquals(
        dec(await fs._catFile(join(target, "subfile1"))),
        "subfile1",
      );
      await fs._rm([join(target, "file2"), join(target, "subfile1")]);
      assertEquals(await fs._ls(target), []);
    }
  });

  test("_copy() copies a file into a new directory named with a trailing /", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const target = join(root, "target");
    await fs._mkdir(target);
    await fs._copy(
      join(source, "subdir", "subfile1"),
      join(target, "newdir") + "/",
    );
    assert(await fs._isDir(join(target, "newdir")));
    assert(await fs._isFile(join(target, "newdir", "subfile1")));
  });

  test("_copy() copies a file to a new file name, in an existing or a new directory", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const target = join(root, "target");
    await fs._mkdir(target);
    await fs._copy(join(source, "subdir", "subfile1"), join(target, "newfile"));
    assertStrictEquals(
      dec(await fs._catFile(join(target, "newfile"))),
      "subfile1",
    );
    await fs._copy(join(source, "file1"), join(target, "newdir", "newfile"));
    assert(await fs._isDir(join(target, "newdir")));
    assertStrictEquals(
      dec(await fs._catFile(join(target, "newdir", "newfile"))),
      "file1",
    );
    // overwrite
    await fs._copy(join(source, "file2"), join(target, "newfile"));
    assertStrictEquals(
      dec(await fs._catFile(join(target, "newfile"))),
      "file2",
    );
  });

  test("_copy() copies a directory into an existing directory only when recursive", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const target = join(root, "target");
    await fs._mkdir(target);
    for (const [sourceSlash, targetSlash] of [[false, false], [true, true]]) {
      const s = join(source, "subdir") + (sourceSlash ? "/" : "");
      const t = targetSlash ? target + "/" : target;
      await fs._copy(s, t);
      assertEquals(await fs._ls(target, { detail: false }), []);

      await fs._copy(s, t, { recursive: true });
      const base = sourceSlash ? target : join(target, "subdir");
      assertEquals(await fs._find(target, { withDirs: true }), [
        target,
        ...(sourceSlash ? [] : [base]),
        join(base, "nesteddir"),
        join(base, "nesteddir", "nestedfile"),
        join(base, "subfile1"),
        join(base, "subfile2"),
      ]);
      await fs._rm(
        sourceSlash
          ? [
            join(target, "subfile1"),
            join(target, "subfile2"),
            join(target, "nesteddir"),
          ]
          : [join(target, "subdir")],
        { recursive: true },
      );
      assertEquals(await fs._ls(target, { detail: false }), []);

      await fs._copy(s, t, { recursive: true, maxDepth: 1 });
      assertEquals(await fs._find(target), [
        join(base, "subfile1"),
        join(base, "subfile2"),
      ]);
      assertStrictEquals(await fs._exists(join(base, "nesteddir")), false);
      await fs._rm(target, { recursive: true });
      await fs._mkdir(target);
    }
  });

  test("_copy() copies a directory to a new directory only when recursive", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const target = join(root, "target");
    await fs._mkdir(target);
    for (const slash of [false, true]) {
      const s = join(source, "subdir") + (slash ? "/" : "");
      const t = join(target, "newdir") + (slash ? "/" : "");
      await fs._copy(s, t);
      assertEquals(await fs._ls(target), []);
      await fs._copy(s, t, { recursive: true });
      const newdir = join(target, "newdir");
      assertEquals(await fs._find(newdir, { withDirs: true }), [
        newdir,
        join(newdir, "nesteddir"),
        join(newdir, "nesteddir", "nestedfile"),
        join(newdir, "subfile1"),
        join(newdir, "subfile2"),
      ]);
      assertStrictEquals(await fs._exists(join(target, "subdir")), false);
      await fs._rm(newdir, { recursive: true });
      assertStrictEquals(await fs._exists(newdir), false);

      await fs._copy(s, t, { recursive: true, maxDepth: 1 });
      assertEquals(await fs._find(newdir, { withDirs: true }), [
        newdir,
        join(newdir, "subfile1"),
        join(newdir, "subfile2"),
      ]);
      await fs._rm(newdir, { recursive: true });
    }
  });

  test("_copy() copies a glob's matches into an existing or a new directory", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const target = join(root, "target");
    await fs._mkdir(target);
    for (const newDir of [false, true]) {
      for (const slash of [false, true]) {
        const dest = newDir ? join(target, "newdir") : target;
        const t = dest + (slash ? "/" : "");
        await fs._copy(join(source, "subdir", "*"), t);
        assertEquals(await fs._find(target), [
          join(dest, "subfile1"),
          join(dest, "subfile2"),
        ]);
        await fs._rm(target, { recursive: true });
        await fs._mkdir(target);
        for (const [glob, recursive] of [["*", true], ["**", false]] as const) {
          await fs._copy(join(source, "subdir", glob), t, { recursive });
          assertEquals(await fs._find(target), [
            join(dest, "nesteddir", "nestedfile"),
            join(dest, "subfile1"),
            join(dest, "subfile2"),
          ], `${glob} recursive=${recursive}`);
          await fs._rm(target, { recursive: true });
          await fs._mkdir(target);
          await fs._copy(join(source, "subdir", glob), t, {
            recursive,
            maxDepth: 1,
          });
          assertEquals(await fs._find(target), [
            join(dest, "subfile1"),
            join(dest, "subfile2"),
          ], `${glob} recursive=${recursive} maxDepth=1`);
          assertStrictEquals(await fs._exists(join(dest, "nesteddir")), false);
          await fs._rm(target, { recursive: true });
          await fs._mkdir(target);
        }
      }
    }
  });

  test("_copy() handles fsspec's glob edge cases", async ({ fs, root }) => {
    const source = await globEdgeCasesFiles(fs, root);
    const target = join(root, "target");
    for (const { path, recursive, maxDepth, expected } of GLOB_EDGE_CASES) {
      for (const newDir of [true, false]) {
        for (const slash of [true, false]) {
          await fs._mkdir(target);
          const dest = newDir ? join(target, "newdir") : target;
          await fs._copy(join(source, path), dest + (slash ? "/" : ""), {
            recursive,
            maxDepth,
          });
          assertEquals(
            await fs._find(target),
            expected.map((p) => join(dest, p)).sort(),
            `copy ${path} recursive=${recursive} maxDepth=${maxDepth} newDir=${newDir} slash=${slash}`,
          );
          await fs._rm(target, { recursive: true });
        }
      }
    }
  });

  test("_copy() copies a list of files into an existing or a new directory", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const target = join(root, "target");
    const files = [
      join(source, "file1"),
      join(source, "file2"),
      join(source, "subdir", "subfile1"),
    ];
    await fs._mkdir(target);
    for (const t of [target, target + "/"]) {
      await fs._copy(files, t);
      assertEquals(await fs._ls(target, { detail: false }), [
        join(target, "file1"),
        join(target, "file2"),
        join(target, "subfile1"),
      ]);
      await fs._rm(await fs._ls(target, { detail: false }));
      assertEquals(await fs._ls(target), []);
    }
    await fs._copy(files, join(target, "newdir") + "/");
    assertEquals(await fs._ls(join(target, "newdir"), { detail: false }), [
      join(target, "newdir", "file1"),
      join(target, "newdir", "file2"),
      join(target, "newdir", "subfile1"),
    ]);
    await fs._copy(files.slice(0, 2), join(target, "other"));
    assertEquals(await fs._find(join(target, "other")), [
      join(target, "other", "file1"),
      join(target, "other", "file2"),
    ]);
  });

  test("_copy() tells a directory from a file with the same name prefix", async ({ fs, root }) => {
    const source = await sameNamePrefix(fs, root);
    const target = join(root, "target");
    await fs._copy(join(source, "subdir"), target, { recursive: true });
    assertEquals(await fs._find(target), [join(target, "subfile.txt")]);
    await fs._rm([join(target, "subfile.txt")]);
    await fs._copy(join(source, "subdir*"), target, { recursive: true });
    assertEquals(await fs._find(target), [
      join(target, "subdir.txt"),
      join(target, "subdir", "subfile.txt"),
    ]);
  });

  test("_copy() pairs a list of sources with a list of destinations in order", async ({ fs, root }) => {
    const source = join(root, "source");
    const names = Array.from(
      { length: 10 },
      (_, i) => `${(i * 7919) % 101}-${i}.txt`,
    );
    for (const [i, n] of names.entries()) {
      await fs._pipeFile(join(source, n), enc(String(i)));
    }
    const target = join(root, "target");
    const dests = names.map((n) =>
      join(target, n.split("").reverse().join(""))
    );
    await fs._copy(names.map((n) => join(source, n)), dests, { batchSize: 3 });
    for (const [i, d] of dests.entries()) {
      assertStrictEquals(dec(await fs._catFile(d)), String(i));
    }
    await assertRejects(
      () => fs._copy([join(source, names[0])], dests),
      RangeError,
    );
  });

  test("_copy() raises for a missing source, or skips it with onError ignore", async ({ fs, root }) => {
    const source = await scenario0(fs, root);
    const target = join(root, "target");
    await fs._mkdir(target);
    const missing = join(source, "missing");
    await assertRejects(
      () => fs._copy(missing, join(target, "x")),
      FileNotFoundError,
    );
    await assertRejects(
      () =>
        fs._copy([join(source, "file1"), missing], [
          join(target, "a"),
          join(target, "b"),
        ]),
      FileNotFoundError,
    );
    await fs._copy([join(source, "file1"), missing], [
      join(target, "a"),
      join(target, "b"),
    ], {
      onError: "ignore",
    });
    assertEquals(await fs._ls(target, { detail: false }), [
      join(target, "a"),
    ]);
    assertStrictEquals(dec(await fs._catFile(join(target, "a"))), "file1");
  });
}
