/**
 * Bulk transfers: how `_copy`, `_get` and `_put` map sources onto
 * destinations (fsspec's rules) and run the per-file work. Internal.
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import { _hasMagic, _otherPaths, _parent, _trailingSep } from "./_path.ts";
import { filesystem } from "./instance_cache.ts";
import { runCorosInChunks } from "./run_coros_in_chunks.ts";
import { _expandDetailed } from "./_tree.ts";
import type {
  CopyOptions,
  TransferFileOptions,
  TransferOptions,
} from "./types.ts";
import { _writeToFile } from "./_atomic_write.ts";
import { _batchSizeOf, _runBatch } from "./_batch.ts";
import { FileNotFoundError } from "./errors.ts";

/** Source and destination pairs, directories apart from files. */
export interface _Pairs {
  dirs: [string, string][];
  files: [string, string][];
}

/**
 * fsspec's mapping of sources onto destinations for copy, get and put.
 * Returns `null` where a non-recursive source matched only directories.
 */
export async function _mapTransfer(
  from: AsyncFileSystem,
  to: AsyncFileSystem,
  path1: string | readonly string[],
  path2: string | readonly string[],
  options: { recursive?: boolean; maxDepth?: number; signal?: AbortSignal },
): Promise<_Pairs | null> {
  if (typeof path1 !== "string" && typeof path2 !== "string") {
    return { dirs: [], files: _zip(path1, _otherPaths(path1, path2)) };
  }
  const { recursive = false, maxDepth, signal } = options;
  const sourceIsStr = typeof path1 === "string";
  const expanded = await _expandDetailed(from, path1, {
    recursive,
    maxDepth,
    signal,
  });
  const isDir = async (name: string) => {
    const info = expanded.get(name);
    return info
      ? info.type === "directory"
      : await from._isDir(name, { signal });
  };
  let names = [...expanded.keys()];
  if (sourceIsStr && (!recursive || maxDepth !== undefined)) {
    const keep: string[] = [];
    for (const name of names) {
      if (!_trailingSep(name) && !(await isDir(name))) keep.push(name);
    }
    names = keep;
    if (names.length === 0) return null;
  }
  const dest = typeof path2 === "string" &&
    (_trailingSep(path2) || await to._isDir(path2, { signal }));
  const magic = sourceIsStr && _hasMagic(path1, from.globQuestionMark);
  const exists = sourceIsStr &&
    ((magic && names.length === 1) || (!magic && dest && !_trailingSep(path1)));
  const targets = _otherPaths(names, path2, exists, !sourceIsStr);
  const pairs: _Pairs = { dirs: [], files: [] };
  // a list named without recursion is a list of files, as in fsspec: asking
  // each entry whether it is a directory would cost a request per file (a
  // HEAD per URL over HTTP) before the first byte moves
  const listed = !sourceIsStr && !recursive;
  for (const [i, name] of names.entries()) {
    const dir = listed && !expanded.get(name) ? false : await isDir(name);
    (dir ? pairs.dirs : pairs.files).push([name, targets[i]]);
  }
  return pairs;
}

function _zip(a: readonly string[], b: readonly string[]): [string, string][] {
  return a.map((x, i) => [x, b[i]]);
}

/** Runs a `_get` (remote to local) or a `_put` (local to remote). */
export async function _runTransfers(
  fs: AsyncFileSystem,
  direction: "get" | "put",
  source: string | readonly string[],
  target: string | readonly string[],
  options: TransferOptions,
): Promise<void> {
  const { signal, callback } = options;
  const local = await filesystem("file", { asynchronous: true });
  const [from, to] = direction === "get" ? [fs, local] : [local, fs];
  // a trailing "/" survives: it means "into this directory" (fsspec's make_path_posix keeps it)
  const localOne = (p: string) => {
    const stripped = local.stripProtocol(p);
    return p.endsWith("/") && !stripped.endsWith("/")
      ? `${stripped}/`
      : stripped;
  };
  const localize = (p: string | readonly string[]) =>
    typeof p === "string" ? localOne(p) : p.map(localOne);
  const pairs = await _mapTransfer(
    from,
    to,
    direction === "put" ? localize(source) : source,
    direction === "get" ? localize(target) : target,
    options,
  );
  if (!pairs) return;
  for (const [, dir] of pairs.dirs) {
    await to._makeDirs(dir, { existOk: true, signal });
  }
  if (direction === "get") {
    const parents = new Set(pairs.files.map(([, l]) => _parent(l, "/")));
    for (const dir of parents) {
      await local._makeDirs(dir, { existOk: true, signal });
    }
  }
  callback?.setSize(pairs.files.length);
  await runCorosInChunks(
    pairs.files.map(([a, b]) => (s: AbortSignal) => {
      const child = callback?.branched(a, b);
      const opts = { signal: s, callback: child };
      return direction === "get"
        ? fs._getFile(a, b, opts)
        : fs._putFile(a, b, opts);
    }),
    { batchSize: _batchSizeOf(fs, options.batchSize, false), callback, signal },
  );
}

/** `_copy` (fsspec's rules): directories made first, files copied concurrently. */
export async function _copyWithin(
  fs: AsyncFileSystem,
  path1: string | readonly string[],
  path2: string | readonly string[],
  options: CopyOptions,
): Promise<void> {
  const { recursive = false, signal } = options;
  const onError = options.onError ?? (recursive ? "ignore" : "raise");
  const pairs = await _mapTransfer(fs, fs, path1, path2, options);
  if (!pairs) return;
  for (const [, dest] of pairs.dirs) {
    await fs._makeDirs(dest, { existOk: true, signal });
  }
  const out = await _runBatch(
    fs,
    pairs.files.map(([a, b]) => (s: AbortSignal) =>
      fs._cpFile(a, b, { signal: s })
    ),
    options,
    true,
  );
  for (const error of out) {
    if (!(error instanceof Error)) continue;
    if (onError === "ignore" && error instanceof FileNotFoundError) continue;
    throw error;
  }
}

/**
 * The default `_getFile`: the whole file through `_catFile`, written under a
 * temporary name and renamed, so a failure leaves nothing at `lpath`.
 */
export async function _getFileWhole(
  fs: AsyncFileSystem,
  rpath: string,
  lpath: string,
  options: TransferFileOptions,
): Promise<void> {
  const data = await fs._catFile(rpath, { signal: options.signal });
  options.callback?.setSize(data.length);
  await _writeToFile(data, lpath, options.callback);
}

/** The default `_putFile`: the whole local file read, then `_pipeFile`. */
export async function _putFileWhole(
  fs: AsyncFileSystem,
  lpath: string,
  rpath: string,
  options: TransferFileOptions,
): Promise<void> {
  const data = await Deno.readFile(lpath, { signal: options.signal });
  options.callback?.setSize(data.length);
  await fs._pipeFile(rpath, data, { signal: options.signal });
  options.callback?.relativeUpdate(data.length);
}
