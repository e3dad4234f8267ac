/**
 * Walking a tree: the derived `_walk`, `_find`, `_glob` and `_expandPath` of
 * {@linkcode AsyncFileSystem}, as functions over the backend's `_ls`/`_info`.
 * Internal.
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import { FileNotFoundError, PermissionError } from "./errors.ts";
import { _firstMagic, _globToRegExp, _hasMagic } from "./_path.ts";
import type { FileInfo, IOOptions } from "./types.ts";

/** A walk step with detail: the directory, its subdirectories' and files' infos by name. */
export type _DetailedStep = [
  string,
  Map<string, FileInfo>,
  Map<string, FileInfo>,
];

/** @throws {RangeError} For a `maxDepth` below 1 or not an integer. */
export function _checkDepth(maxDepth: number | undefined): void {
  if (maxDepth !== undefined && (!Number.isInteger(maxDepth) || maxDepth < 1)) {
    throw new RangeError(
      `Cannot walk to depth ${maxDepth}: maxDepth must be an integer of at least 1`,
    );
  }
}

/** fsspec's `_walk`, with detail, depth first. */
export async function* _walkDetailed(
  fs: AsyncFileSystem,
  path: string,
  options: {
    maxDepth?: number;
    topDown?: boolean;
    onError?: "omit" | "raise";
    signal?: AbortSignal;
  },
): AsyncGenerator<_DetailedStep> {
  _checkDepth(options.maxDepth);
  const root = fs.stripProtocol(path);
  const dirs = new Map<string, FileInfo>();
  const files = new Map<string, FileInfo>();
  let listing: FileInfo[];
  try {
    listing = await fs._ls(root, { detail: true, signal: options.signal });
  } catch (error) {
    // "omit" skips what fsspec skips (a missing or forbidden directory), not a
    // failing server or an abort
    const skippable = error instanceof FileNotFoundError ||
      error instanceof PermissionError;
    if (options.onError === "raise" || !skippable) throw error;
    yield [root, dirs, files];
    return;
  }
  for (const info of listing) {
    const full = info.name.replace(/\/+$/, "");
    const name = full.slice(full.lastIndexOf("/") + 1);
    if (info.type === "directory" && full !== root) dirs.set(name, info);
    else if (full === root) files.set("", info);
    else files.set(name, info);
  }
  const topDown = options.topDown ?? true;
  if (topDown) yield [root, dirs, files];
  const depth = options.maxDepth === undefined
    ? undefined
    : options.maxDepth - 1;
  if (depth === undefined || depth >= 1) {
    for (const info of dirs.values()) {
      yield* _walkDetailed(fs, info.name.replace(/\/+$/, ""), {
        ...options,
        maxDepth: depth,
      });
    }
  }
  if (!topDown) yield [root, dirs, files];
}

/** fsspec's `_find`: every file below `path` (and directories with `withDirs`), sorted. */
export async function _findDetailed(
  fs: AsyncFileSystem,
  path: string,
  options: { maxDepth?: number; withDirs?: boolean; signal?: AbortSignal },
): Promise<Map<string, FileInfo>> {
  const root = fs.stripProtocol(path);
  const found = new Map<string, FileInfo>();
  const { withDirs = false, signal } = options;
  if (withDirs && root !== "") {
    const info = await _infoOrNull(fs, root, { signal });
    if (info?.type === "directory") found.set(root, info);
  }
  for await (
    const [, dirs, files] of _walkDetailed(fs, root, {
      maxDepth: options.maxDepth,
      signal,
    })
  ) {
    if (withDirs) {
      for (const info of dirs.values()) found.set(info.name, info);
    }
    for (const info of files.values()) found.set(info.name, info);
  }
  if (found.size === 0) {
    const info = await _infoOrNull(fs, root, { signal });
    if (info?.type === "file") found.set(root, info);
  }
  return new Map([...found].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}

/** `_info`, or `null` where the path does not exist (only not-found counts). */
export async function _infoOrNull(
  fs: AsyncFileSystem,
  path: string,
  options?: IOOptions,
): Promise<FileInfo | null> {
  try {
    return await fs._info(path, options);
  } catch (error) {
    if (error instanceof FileNotFoundError) return null;
    throw error;
  }
}

/** fsspec's `_glob`, with detail. */
export async function _globDetailed(
  fs: AsyncFileSystem,
  pattern: string,
  options: { maxDepth?: number; signal?: AbortSignal },
): Promise<Map<string, FileInfo>> {
  _checkDepth(options.maxDepth);
  const qm = fs.globQuestionMark;
  const endsWithSep = pattern.endsWith("/");
  const path = fs.stripProtocol(pattern);
  const { signal } = options;
  if (!_hasMagic(path, qm)) {
    const info = await _infoOrNull(fs, path, { signal });
    return info ? new Map([[path, info]]) : new Map();
  }
  const appendSlash = endsWithSep || path.endsWith("/**");
  const firstMagic = _firstMagic(path, qm);
  const lastSlash = path.lastIndexOf("/", firstMagic);
  const root = lastSlash === -1 ? "" : path.slice(0, lastSlash + 1);
  let depth: number | undefined = path.slice(lastSlash + 1).split("/").length;
  if (path.includes("**")) {
    if (options.maxDepth === undefined) depth = undefined;
    else {
      const afterStars = path.slice(path.indexOf("**")).split("/").length;
      depth = depth - afterStars + options.maxDepth;
    }
  }
  const all = await _findDetailed(fs, root, {
    maxDepth: depth,
    withDirs: true,
    signal,
  });
  const regex = _globToRegExp(path + (endsWithSep ? "/" : ""), qm);
  const out = new Map<string, FileInfo>();
  for (const [name, info] of all) {
    const candidate = appendSlash && info.type === "directory"
      ? name + "/"
      : name;
    if (regex.test(candidate)) out.set(name, info);
  }
  return out;
}

/**
 * fsspec's `_expandPath`, keeping the caller's order: literal paths where
 * given, each glob's or directory's matches sorted in its place, duplicates
 * dropped. Values are the infos where a glob or find produced them.
 */
export async function _expandDetailed(
  fs: AsyncFileSystem,
  path: string | readonly string[],
  options: {
    recursive?: boolean;
    maxDepth?: number;
    signal?: AbortSignal;
  },
): Promise<Map<string, FileInfo | null>> {
  _checkDepth(options.maxDepth);
  const { recursive = false, maxDepth, signal } = options;
  const paths = typeof path === "string" ? [path] : path;
  const out = new Map<string, FileInfo | null>();
  const add = (name: string, info: FileInfo | null) => {
    if (!out.has(name) || (info && !out.get(name))) out.set(name, info);
  };
  for (const raw of paths) {
    const p = fs.stripProtocol(raw);
    if (_hasMagic(p, fs.globQuestionMark)) {
      const matched = await _globDetailed(fs, p, { maxDepth, signal });
      for (const [name, info] of matched) add(name, info);
      if (recursive && (maxDepth === undefined || maxDepth > 1)) {
        for (const [name, info] of matched) {
          if (info.type !== "directory") continue;
          const below = await _findDetailed(fs, name, {
            maxDepth: maxDepth === undefined ? undefined : maxDepth - 1,
            withDirs: true,
            signal,
          });
          for (const [n, i] of below) add(n, i);
        }
      }
      continue;
    }
    if (recursive) {
      const below = await _findDetailed(fs, p, {
        maxDepth,
        withDirs: true,
        signal,
      });
      if (!below.has(p) && below.size > 0) add(p, null);
      for (const [n, i] of below) add(n, i);
      if (below.size === 0 && await fs._exists(p, { signal })) add(p, null);
    } else {
      add(p, null);
    }
  }
  if (out.size === 0) {
    throw new FileNotFoundError(
      `Cannot expand ${JSON.stringify(path)}: nothing matches`,
      { path: paths.join(", ") },
    );
  }
  return out;
}
