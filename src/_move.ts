/**
 * `_mv` (fsspec's `mv`): what `_copy` would copy, moved, then the source
 * directories that are left empty removed. Nothing is deleted before it has
 * been copied. Internal.
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import { _runBatch } from "./_batch.ts";
import { _hasMagic } from "./_path.ts";
import { _mapTransfer, type _Pairs } from "./_transfer.ts";
import { FileNotFoundError } from "./errors.ts";
import type { IOOptions, MvOptions } from "./types.ts";

/** A backend's own renames, for `_mv`. */
export interface _Renames<T> {
  /** Moves one file in one step, replacing a file at the destination. */
  file(fs: T, from: string, to: string, options: IOOptions): Promise<void>;
  /**
   * Moves a whole directory in one step to a path where nothing is (its
   * parent exists); resolves false where it cannot (another device), and
   * the files then move one by one.
   */
  tree?(fs: T, from: string, to: string, options: IOOptions): Promise<boolean>;
}

/** The renames backends declared, by class prototype. */
const declared = new WeakMap<object, _Renames<never>>();

/**
 * Declare that a class (and its subclasses) renames, so its `_mv` moves
 * each file (or a whole tree) in one step instead of copying and deleting.
 * Called from the class's static block, where its private fields are in
 * reach.
 * @param cls The class.
 * @param renames Its renames.
 */
export function _defineRenames<T extends AsyncFileSystem>(
  cls: { prototype: T },
  renames: _Renames<T>,
): void {
  declared.set(cls.prototype, renames as _Renames<never>);
}

/** The renames declared for `fs`'s class or the nearest base that has some. */
function renamesOf(fs: AsyncFileSystem): _Renames<AsyncFileSystem> | null {
  for (
    let proto = Object.getPrototypeOf(fs);
    proto !== null;
    proto = Object.getPrototypeOf(proto)
  ) {
    const found = declared.get(proto);
    if (found) return found as _Renames<AsyncFileSystem>;
  }
  return null;
}

/**
 * Moves files, lists, globs or (with `recursive`) trees within `fs`, mapped
 * onto destinations as `_copy` maps them. Where the backend renames
 * ({@linkcode _defineRenames}), a directory bound for a path where nothing
 * is moves whole, and otherwise each file moves in one step; else every
 * file is copied first (`_cpFile`) and the sources are deleted only once
 * all copies have succeeded. Then each source directory left empty goes,
 * deepest first; one that still holds something (below `maxDepth`) stays.
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
  const { signal, callback } = options;
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
  const renames = renamesOf(fs);
  if (renames?.tree && await movedWhole(fs, renames, path1, pairs, options)) {
    callback?.setSize(pairs.files.length);
    callback?.relativeUpdate(pairs.files.length);
    return;
  }
  // a file mapped onto itself stays (deleting it would lose it)
  const files = pairs.files.filter(([a, b]) => !same(a, b));
  for (const [, to] of pairs.dirs) {
    await fs._makeDirs(to, { existOk: true, signal });
  }
  const step = (fn: (a: string, b: string, o: IOOptions) => Promise<void>) =>
    files.map(([a, b]) => (s: AbortSignal) => fn(a, b, { signal: s }));
  if (renames) {
    await _runBatch(fs, step((a, b, o) => renames.file(fs, a, b, o)), options);
  } else {
    await _runBatch(fs, step((a, b, o) => fs._cpFile(a, b, o)), options);
    await _runBatch(fs, step((a, _, o) => fs._rmFile(a, o)), {
      ...options,
      callback: undefined,
    });
  }
  await removeEmptyDirs(fs, pairs.dirs.map(([from]) => from), signal);
}

/**
 * Moves the directory `path1` names in one step, where it is one literal
 * path moved whole (no glob, no `maxDepth`) to a path where nothing is.
 * @returns Whether it moved.
 */
async function movedWhole(
  fs: AsyncFileSystem,
  renames: _Renames<AsyncFileSystem>,
  path1: string | readonly string[],
  pairs: _Pairs,
  options: MvOptions,
): Promise<boolean> {
  const { signal } = options;
  if (
    typeof path1 !== "string" || options.maxDepth !== undefined ||
    _hasMagic(path1, fs.globQuestionMark)
  ) return false;
  const root = fs.stripProtocol(path1);
  const pair = pairs.dirs.find(([from]) => fs.stripProtocol(from) === root);
  if (!pair || await fs._lexists(pair[1], { signal })) return false;
  await fs._makeDirs(fs.parent(pair[1]), { existOk: true, signal });
  return await renames.tree!(fs, pair[0], pair[1], { signal });
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
