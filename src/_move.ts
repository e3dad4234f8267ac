/**
 * `_mv` (fsspec's `mv`): what `_copy` would copy, moved, then the source
 * directories that are left empty removed. Nothing is deleted before it has
 * been copied. Internal.
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import { _runBatch } from "./_batch.ts";
import { _mapTransfer } from "./_transfer.ts";
import { FileNotFoundError } from "./errors.ts";
import type { IOOptions, MvOptions } from "./types.ts";

/** Moves one file of `fs` in one step: a backend's own rename. */
export type _MoveFile<T> = (
  fs: T,
  from: string,
  to: string,
  options: IOOptions,
) => Promise<void>;

/** The renames backends declared, by class prototype. */
const renames = new WeakMap<object, _MoveFile<never>>();

/**
 * Declare that a class (and its subclasses) moves a file in one step with
 * `moveFile`, so its `_mv` renames instead of copying and deleting. Called
 * from the class's static block, where its private fields are in reach.
 * @param cls The class.
 * @param moveFile Moves one file, replacing a file at the destination.
 */
export function _defineMoveFile<T extends AsyncFileSystem>(
  cls: { prototype: T },
  moveFile: _MoveFile<T>,
): void {
  renames.set(cls.prototype, moveFile as _MoveFile<never>);
}

/** The rename declared for `fs`'s class or the nearest base that has one. */
function moveFileOf(fs: AsyncFileSystem): _MoveFile<AsyncFileSystem> | null {
  for (
    let proto = Object.getPrototypeOf(fs);
    proto !== null;
    proto = Object.getPrototypeOf(proto)
  ) {
    const found = renames.get(proto);
    if (found) return found as _MoveFile<AsyncFileSystem>;
  }
  return null;
}

/**
 * Moves files, lists, globs or (with `recursive`) trees within `fs`, mapped
 * onto destinations as `_copy` maps them. Where the backend declared a
 * rename ({@linkcode _defineMoveFile}) each file moves in one step; else every file is copied
 * first (`_cpFile`) and the sources are deleted only once all copies have
 * succeeded. Then each source directory left empty goes, deepest first;
 * one that still holds something (below `maxDepth`) stays.
 *
 * @throws {Error} Where a non-recursive source names only directories, or
 * a directory would move into itself (before anything moves).
 */
export async function _moveWithin(
  fs: AsyncFileSystem,
  path1: string | readonly string[],
  path2: string | readonly string[],
  options: MvOptions,
): Promise<void> {
  const { signal } = options;
  const same = (a: string, b: string) =>
    fs.stripProtocol(a) === fs.stripProtocol(b);
  if (typeof path1 === "string" && typeof path2 === "string") {
    if (same(path1, path2)) return;
  }
  const pairs = await _mapTransfer(fs, fs, path1, path2, options);
  if (!pairs) {
    throw new Error(
      `Cannot move "${path1}": it names only directories; pass recursive: true to move them`,
    );
  }
  for (const [from, to] of pairs.dirs) {
    const [a, b] = [fs.stripProtocol(from), fs.stripProtocol(to)];
    if (b === a || b.startsWith(a.endsWith("/") ? a : `${a}/`)) {
      throw new Error(
        `Cannot move "${from}" to "${to}": the destination is inside the source`,
      );
    }
  }
  // a file mapped onto itself stays (deleting it would lose it)
  const files = pairs.files.filter(([a, b]) => !same(a, b));
  for (const [, to] of pairs.dirs) {
    await fs._makeDirs(to, { existOk: true, signal });
  }
  const step = (fn: (a: string, b: string, o: IOOptions) => Promise<void>) =>
    files.map(([a, b]) => (s: AbortSignal) => fn(a, b, { signal: s }));
  const moveFile = moveFileOf(fs);
  if (moveFile) {
    await _runBatch(fs, step((a, b, o) => moveFile(fs, a, b, o)), options);
  } else {
    await _runBatch(fs, step((a, b, o) => fs._cpFile(a, b, o)), options);
    await _runBatch(fs, step((a, _, o) => fs._rmFile(a, o)), {
      ...options,
      callback: undefined,
    });
  }
  await removeEmptyDirs(fs, pairs.dirs.map(([from]) => from), signal);
}

/** Removes each directory that is empty, deepest first. */
async function removeEmptyDirs(
  fs: AsyncFileSystem,
  dirs: string[],
  signal: AbortSignal | undefined,
): Promise<void> {
  const depth = (p: string) => p.split("/").length;
  for (const dir of dirs.sort((a, b) => depth(b) - depth(a))) {
    let left: string[];
    try {
      left = await fs._ls(dir, { detail: false, signal });
    } catch (error) {
      // a directory implied only by its files went with them (memory)
      if (error instanceof FileNotFoundError) continue;
      throw error;
    }
    if (left.length === 0) await fs._rmdir(dir, { signal });
  }
}
