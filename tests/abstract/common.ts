/**
 * Fixtures of the conformance suite: the trees every backend is tested on
 * (fsspec's `tests/abstract/__init__.py` scenarios) and the glob edge cases
 * (fsspec's `tests/abstract/common.py`).
 *
 * @module
 */

import type { AsyncFileSystem } from "../../src/async_file_system.ts";

/** What a backend's setup gives each test: a filesystem and an empty directory on it. */
export interface ConformanceContext extends AsyncDisposable {
  /** The filesystem under test. */
  fs: AsyncFileSystem;
  /** An empty directory on it that the test may fill. */
  root: string;
  /**
   * The size the backend should report for a directory, read from a source
   * other than the filesystem under test (the OS for a local path).
   */
  dirSize(path: string): Promise<number>;
}

/** Makes a fresh context for one test. */
export type ConformanceSetup = () => Promise<ConformanceContext>;

/** Registers one test of the suite. */
export type Register = (
  title: string,
  fn: (ctx: ConformanceContext) => Promise<void>,
) => void;

/** Joins path segments with `/`. */
export function join(...parts: string[]): string {
  return parts.join("/").replace(/\/{2,}/g, "/");
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 bytes of a string. */
export function enc(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A string from UTF-8 bytes (or the error's message). */
export function dec(data: Uint8Array | Error | undefined): string {
  if (data instanceof Error) return `Error: ${data.message}`;
  if (data === undefined) return "undefined";
  return decoder.decode(data);
}

/** Writes a file whose content is its own base name, so sizes differ. */
export async function touch(fs: AsyncFileSystem, path: string): Promise<void> {
  await fs._pipeFile(path, enc(path.slice(path.lastIndexOf("/") + 1)));
}

/**
 * fsspec's bulk operations scenario 0, under `base`:
 *
 * ```
 * source/file1  source/file2
 * source/subdir/subfile1  source/subdir/subfile2
 * source/subdir/nesteddir/nestedfile
 * ```
 *
 * Each file holds its base name (file1: 5 bytes, subfile1: 8, nestedfile: 10).
 *
 * @returns The `source` path.
 */
export async function scenario0(
  fs: AsyncFileSystem,
  base: string,
): Promise<string> {
  const source = join(base, "source");
  await fs._makeDirs(join(source, "subdir", "nesteddir"));
  for (
    const p of [
      "file1",
      "file2",
      "subdir/subfile1",
      "subdir/subfile2",
      "subdir/nesteddir/nestedfile",
    ]
  ) {
    await touch(fs, join(source, p));
  }
  return source;
}

/**
 * fsspec's glob edge cases tree, under `base`: `file1`, `file2`, and
 * `subdir0`, `subdir1` each with `subfile1`, `subfile2`,
 * `nesteddir/nestedfile`.
 *
 * @returns The `source` path.
 */
export async function globEdgeCasesFiles(
  fs: AsyncFileSystem,
  base: string,
): Promise<string> {
  const source = join(base, "source");
  await touch(fs, join(source, "file1"));
  await touch(fs, join(source, "file2"));
  for (const sub of ["subdir0", "subdir1"]) {
    await fs._makeDirs(join(source, sub, "nesteddir"));
    await touch(fs, join(source, sub, "subfile1"));
    await touch(fs, join(source, sub, "subfile2"));
    await touch(fs, join(source, sub, "nesteddir", "nestedfile"));
  }
  return source;
}

/**
 * fsspec's tree of a directory and a file sharing a name prefix:
 * `source/subdir.txt` and `source/subdir/subfile.txt`.
 *
 * @returns The `source` path.
 */
export async function sameNamePrefix(
  fs: AsyncFileSystem,
  base: string,
): Promise<string> {
  const source = join(base, "source");
  await fs._makeDirs(join(source, "subdir"));
  await touch(fs, join(source, "subdir.txt"));
  await touch(fs, join(source, "subdir", "subfile.txt"));
  return source;
}

/** One glob edge case: a pattern below `source`, the options, the files expected below the target. */
export interface GlobEdgeCase {
  path: string;
  recursive: boolean;
  maxDepth: number | undefined;
  expected: string[];
}

const ALL = [
  "file1",
  "file2",
  "subdir0/subfile1",
  "subdir0/subfile2",
  "subdir0/nesteddir/nestedfile",
  "subdir1/subfile1",
  "subdir1/subfile2",
  "subdir1/nesteddir/nestedfile",
];
const DEPTH2 = [
  "file1",
  "file2",
  "subdir0/subfile1",
  "subdir0/subfile2",
  "subdir1/subfile1",
  "subdir1/subfile2",
];
const SUB = ["subfile1", "subfile2", "nesteddir/nestedfile"];

function c(
  path: string,
  recursive: boolean,
  maxDepth: number | undefined,
  expected: string[],
): GlobEdgeCase {
  return { path, recursive, maxDepth, expected };
}

/** fsspec's `GLOB_EDGE_CASES_TESTS`, as data. */
export const GLOB_EDGE_CASES: readonly GlobEdgeCase[] = [
  c("fil?1", false, undefined, ["file1"]),
  c("fil?1", true, undefined, ["file1"]),
  c("file[1-2]", false, undefined, ["file1", "file2"]),
  c("file[1-2]", true, undefined, ["file1", "file2"]),
  c("*", false, undefined, ["file1", "file2"]),
  c("*", true, undefined, ALL),
  c("*", true, 1, ["file1", "file2"]),
  c("*", true, 2, DEPTH2),
  c("*1", false, undefined, ["file1"]),
  c("*1", true, undefined, [
    "file1",
    "subdir1/subfile1",
    "subdir1/subfile2",
    "subdir1/nesteddir/nestedfile",
  ]),
  c("*1", true, 2, ["file1", "subdir1/subfile1", "subdir1/subfile2"]),
  c("**", false, undefined, ALL),
  c("**", true, undefined, ALL),
  c("**", true, 1, ["file1", "file2"]),
  c("**", true, 2, ALL),
  c("**", false, 2, DEPTH2),
  c("**/*1", false, undefined, [
    "file1",
    "subdir0/subfile1",
    "subdir1/subfile1",
  ]),
  c("**/*1", true, undefined, [
    "file1",
    "subdir0/subfile1",
    "subdir1/subfile1",
    "subdir1/subfile2",
    "subdir1/nesteddir/nestedfile",
  ]),
  c("**/*1", true, 1, ["file1"]),
  c("**/*1", true, 2, [
    "file1",
    "subdir0/subfile1",
    "subdir1/subfile1",
    "subdir1/subfile2",
  ]),
  c("**/*1", false, 2, ["file1", "subdir0/subfile1", "subdir1/subfile1"]),
  c("**/subdir0", false, undefined, []),
  c("**/subdir0", true, undefined, SUB),
  c("**/subdir0/nested*", false, 2, []),
  c("**/subdir0/nested*", true, 2, ["nestedfile"]),
  c("subdir[1-2]", false, undefined, []),
  c("subdir[1-2]", true, undefined, SUB),
  c("subdir[1-2]", true, 2, ["subfile1", "subfile2"]),
  c("subdir[0-1]", false, undefined, []),
  c("subdir[0-1]", true, undefined, ALL.slice(2)),
  c("subdir[0-1]/*fil[e]*", false, undefined, [
    "subdir0/subfile1",
    "subdir0/subfile2",
    "subdir1/subfile1",
    "subdir1/subfile2",
  ]),
  c("subdir[0-1]/*fil[e]*", true, undefined, [
    "subdir0/subfile1",
    "subdir0/subfile2",
    "subdir1/subfile1",
    "subdir1/subfile2",
  ]),
];

/** A local temporary directory, removed with everything in it on dispose. */
export async function localTempDir(): Promise<
  AsyncDisposable & { path: string }
> {
  const path = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "fsspec-" }),
  );
  return {
    path,
    async [Symbol.asyncDispose]() {
      await Deno.remove(path, { recursive: true });
    },
  };
}

/** Every file below a local directory, relative to it, sorted. */
export async function localFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function visit(rel: string) {
    for await (const entry of Deno.readDir(join(dir, rel))) {
      const p = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory) await visit(p);
      else out.push(p);
    }
  }
  try {
    await visit("");
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return out.sort();
}

/** The entries directly in a local directory, sorted. */
export async function localLs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) out.push(entry.name);
  return out.sort();
}
