/**
 * The tree methods of every filesystem (`_walk`, `_find`, `_glob`, `_du`,
 * `_expandPath`): derived from `_ls` and `_info`, in one interface that
 * `AsyncFileSystem` merges.
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import {
  _checkDepth,
  _expandDetailed,
  _findDetailed,
  _globDetailed,
  _walkDetailed,
} from "./_tree.ts";
import type * as t from "./types.ts";

/**
 * The methods that walk a tree, which every filesystem derives from `_ls`
 * and `_info`; a backend may override them with `override`.
 */
export interface TreeMethods {
  /** Walk a tree, yielding `[dir, subdirectoryNames, fileNames]` per directory. */
  _walk(
    path: string,
    options?: t.WalkOptions,
  ): AsyncGenerator<t.WalkEntry>;

  /** Every file below a path (and directories with `withDirs`), sorted. */
  _find<D extends boolean = false>(
    path: string,
    options?: t.FindOptions<D>,
  ): Promise<t.FindResult<D>>;

  /** The paths matching a glob pattern (`*`, `**`, `?`, `[…]`), sorted. */
  _glob<D extends boolean = false>(
    pattern: string,
    options?: t.GlobOptions<D>,
  ): Promise<t.FindResult<D>>;

  /** The space used below a path: a total, or a `Map` of path to size. */
  _du<T extends boolean = true>(
    path: string,
    options?: t.DuOptions<T>,
  ): Promise<t.DuResult<T>>;

  /** Globs and (with `recursive`) directories expanded to paths, in the caller's order. */
  _expandPath(
    path: string | readonly string[],
    options?: t.ExpandPathOptions,
  ): Promise<string[]>;
}

/** What `_find` and `_glob` answer: infos with `detail`, else the paths. */
function namesOrDetail<D extends boolean>(
  found: Map<string, t.FileInfo>,
  options: { detail?: D },
): t.FindResult<D> {
  return (options.detail ? found : [...found.keys()]) as t.FindResult<D>;
}

/** The tree methods, installed on `AsyncFileSystem`'s prototype. */
export const _treeMethods: TreeMethods & ThisType<AsyncFileSystem> = {
  async *_walk(path, options = {}) {
    for await (
      const [root, dirs, files] of _walkDetailed(this, path, options)
    ) {
      yield [root, [...dirs.keys()], [...files.keys()]];
    }
  },

  async _find(path, options = {}) {
    _checkDepth(options.maxDepth);
    return namesOrDetail(await _findDetailed(this, path, options), options);
  },

  async _glob(pattern, options = {}) {
    return namesOrDetail(await _globDetailed(this, pattern, options), options);
  },

  async _du<T extends boolean = true>(
    path: string,
    options: t.DuOptions<T> = {},
  ): Promise<t.DuResult<T>> {
    const found = await this._find(path, { ...options, detail: true });
    const sizes = new Map([...found].map(([name, info]) => [name, info.size]));
    if (options.total === false) return sizes as t.DuResult<T>;
    let total = 0;
    for (const size of sizes.values()) total += size ?? 0;
    return total as t.DuResult<T>;
  },

  async _expandPath(path, options = {}) {
    return [...(await _expandDetailed(this, path, options)).keys()];
  },
};
