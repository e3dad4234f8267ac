/**
 * The local disk (fsspec's `LocalFileSystem`) on Deno's async file APIs.
 *
 * @module
 */

import {
  AsyncFileSystem,
  type FileSystemOptions,
} from "../async_file_system.ts";
import { lsResult } from "../_ls_result.ts";
import { _mapLocalError } from "./_map_local_error.ts";
import { _optionNames } from "../option_names.ts";
import {
  _openSink,
  type _SinkOptions,
  type _WriteSink,
} from "../write_sink.ts";
import { _localSink } from "./local_sink.ts";
import type {
  CatFileOptions,
  FileInfo,
  IOOptions,
  LsOptions,
  LsResult,
  MakeDirsOptions,
  MkdirOptions,
  TouchOptions,
  TransferFileOptions,
} from "../types.ts";
import { _defineRenames } from "../_move.ts";
import { FileNotFoundError } from "../errors.ts";

/** Options of {@linkcode LocalFileSystem}. */
export interface LocalFileSystemOptions extends FileSystemOptions {
  /**
   * Make the parent directories of a file written or copied (fsspec's
   * `auto_mkdir`).
   * @default {false}
   */
  autoMkdir?: boolean;
}

/**
 * Runs `fn` on the stripped path, throwing its Deno errors as this library's
 * classes; a bad path or an aborted signal rejects, never throws.
 */
async function mapped<T>(
  action: string,
  path: string,
  signal: AbortSignal | undefined,
  fn: (path: string) => Promise<T>,
): Promise<T> {
  let p = path;
  try {
    p = LocalFileSystem.stripProtocol(path);
    signal?.throwIfAborted();
    return await fn(p);
  } catch (error) {
    throw _mapLocalError(error, action, p);
  }
}

/** How many entries `_ls` stats at once. */
const LS_STAT_CHUNK = 64;

/** `.` and `..` resolved, repeated `/` collapsed, no trailing `/` but at the root. */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}

function toInfo(name: string, stat: Deno.FileInfo, link: boolean): FileInfo {
  return {
    name,
    size: stat.size,
    type: stat.isDirectory ? "directory" : "file",
    created: stat.birthtime,
    mtime: stat.mtime,
    mode: stat.mode,
    uid: stat.uid,
    gid: stat.gid,
    ino: stat.ino,
    nlink: stat.nlink,
    islink: link,
  };
}

/** A Python slice's bounds over `size` bytes: negatives from the end, clamped. */
function sliceBounds(
  size: number,
  start: number | null | undefined,
  end: number | null | undefined,
): [number, number] {
  const clamp = (v: number) =>
    Math.min(Math.max(v < 0 ? size + v : v, 0), size);
  const s = start == null ? 0 : clamp(start);
  const e = end == null ? size : clamp(end);
  return [s, Math.max(s, e)];
}

/** `Deno.rename`; false where the paths are on different devices (EXDEV). */
async function rename(from: string, to: string): Promise<boolean> {
  try {
    await Deno.rename(from, to);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "EXDEV") return false;
    throw error;
  }
}

/**
 * The local disk, as fsspec's `file://` (also `local://`).
 *
 * Paths are absolute POSIX paths: `file:///tmp/a`, `/tmp/a` and (from
 * `/tmp`) `a` all name `/tmp/a`. Deno's errors become
 * {@linkcode FileNotFoundError}, {@linkcode FileExistsError} and
 * {@linkcode PermissionError}, with the original as `cause`. Every handle
 * opened is closed before the method returns.
 *
 * @tags allow-read, allow-write
 *
 * @example Write a file and read part of it back
 * ```ts
 * import { LocalFileSystem } from "./local_file_system.ts";
 * import { assertStrictEquals } from "@std/assert";
 *
 * const dir = await Deno.makeTempDir();
 * const fs = new LocalFileSystem({ asynchronous: true });
 * await fs._pipeFile(`${dir}/a.txt`, new TextEncoder().encode("hello"));
 * const part = await fs._catFile(`file://${dir}/a.txt`, { start: -3 });
 * assertStrictEquals(new TextDecoder().decode(part), "llo");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class LocalFileSystem extends AsyncFileSystem {
  /** The protocols. */
  static override protocol: string | readonly string[] = ["file", "local"];
  /** The root of every path. */
  static override rootMarker: string = "/";
  /** The option it adds: `autoMkdir`. */
  static override optionNames: readonly string[] = _optionNames<
    LocalFileSystemOptions,
    FileSystemOptions
  >({ autoMkdir: true });

  /** Whether files written or copied get their parent directories made. */
  readonly autoMkdir: boolean;

  /**
   * A filesystem on the local disk.
   * @param options `autoMkdir` and the common options.
   */
  constructor(options: LocalFileSystemOptions = {}) {
    super(options);
    this.autoMkdir = options.autoMkdir ?? false;
  }

  /**
   * An absolute POSIX path: `file://` or `local://` removed, relative paths
   * resolved against `Deno.cwd()`, `.` and `..` resolved.
   *
   * @param path A path or URL.
   * @returns The path.
   */
  static override stripProtocol(path: string): string {
    for (const p of ["file://", "local://", "file::", "local::"]) {
      if (path.startsWith(p)) {
        path = path.slice(p.length);
        break;
      }
    }
    if (!path.startsWith("/")) path = `${Deno.cwd()}/${path}`;
    return normalize(path);
  }

  async #stat(path: string): Promise<FileInfo> {
    const stat = await Deno.lstat(path);
    if (!stat.isSymlink) return toInfo(path, stat, false);
    const info = toInfo(path, await Deno.stat(path).catch(() => stat), true);
    info.destination = await Deno.readLink(path);
    return info;
  }

  /**
   * The entries of a directory, sorted by name, or the file itself.
   * @throws {FileNotFoundError} Where nothing is at the path.
   */
  override _ls<D extends boolean = true>(
    path: string,
    options: LsOptions<D> = {},
  ): Promise<LsResult<D>> {
    const { signal, detail } = options;
    return mapped("list", path, signal, async (p) => {
      const self = await this.#stat(p);
      if (self.type !== "directory") return lsResult([self], detail);
      const names: string[] = [];
      for await (const entry of Deno.readDir(p)) {
        signal?.throwIfAborted();
        names.push(p === "/" ? `/${entry.name}` : `${p}/${entry.name}`);
      }
      names.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
      if (detail === false) return names as LsResult<D>;
      // stat a slice of the entries at a time: a large directory neither
      // waits on one stat after another nor opens thousands at once
      const infos: FileInfo[] = [];
      for (let i = 0; i < names.length; i += LS_STAT_CHUNK) {
        signal?.throwIfAborted();
        const chunk = await Promise.all(
          names.slice(i, i + LS_STAT_CHUNK).map((name) =>
            this.#stat(name).catch((error) => {
              // gone between readDir and stat: left out, as fsspec does
              if (error instanceof Deno.errors.NotFound) return null;
              throw error;
            })
          ),
        );
        for (const info of chunk) if (info) infos.push(info);
      }
      return infos as LsResult<D>;
    });
  }

  /**
   * What is known of a path: `size`, `type`, `created`, `mtime` (`Date`s),
   * `mode`, `uid`, `gid`, `ino`, `nlink`, `islink` (and `destination`).
   * A symbolic link reports its target's size and type.
   * @throws {FileNotFoundError} Where nothing is at the path.
   */
  override _info(path: string, options: IOOptions = {}): Promise<FileInfo> {
    return mapped("stat", path, options.signal, (p) => this.#stat(p));
  }

  /**
   * A file's bytes, or `[start, end)`: negative bounds count from the end,
   * bounds past the end are clamped. A range reads only that range.
   * @throws {FileNotFoundError} Where nothing is at the path.
   */
  override _catFile(
    path: string,
    options: CatFileOptions = {},
  ): Promise<Uint8Array> {
    const { start, end, signal } = options;
    return mapped("read", path, signal, async (p) => {
      if (start == null && end == null) {
        return await Deno.readFile(p, { signal });
      }
      using file = await Deno.open(p, { read: true });
      const [s, e] = sliceBounds((await file.stat()).size, start, end);
      const out = new Uint8Array(e - s);
      await file.seek(s, Deno.SeekMode.Start);
      let filled = 0;
      while (filled < out.length) {
        signal?.throwIfAborted();
        const n = await file.read(out.subarray(filled));
        if (n === null) break;
        filled += n;
      }
      return filled === out.length ? out : out.slice(0, filled);
    });
  }

  async #parentFor(path: string): Promise<void> {
    if (this.autoMkdir) {
      await Deno.mkdir(this.parent(path), { recursive: true });
    }
  }

  /**
   * Write a whole file.
   * @throws {FileNotFoundError} Where the parent is missing (and `autoMkdir` is off).
   */
  override _pipeFile(
    path: string,
    data: Uint8Array,
    options: IOOptions = {},
  ): Promise<void> {
    return mapped("write", path, options.signal, async (p) => {
      await this.#parentFor(p);
      await Deno.writeFile(p, data, { signal: options.signal });
    });
  }

  /**
   * A write file's sink: a temporary file beside the destination, renamed
   * over it on commit (parents made first with `autoMkdir`).
   * @ignore
   */
  override async [_openSink](
    path: string,
    options: _SinkOptions,
  ): Promise<_WriteSink> {
    const p = this.stripProtocol(path);
    await mapped("write", p, options.signal, (p) => this.#parentFor(p));
    return await _localSink(
      p,
      this.parent(p),
      options,
      (error) => _mapLocalError(error, "write", p),
    );
  }

  /** Delete a file. @throws {FileNotFoundError} Where nothing is at the path. */
  override _rmFile(path: string, options: IOOptions = {}): Promise<void> {
    return mapped("delete", path, options.signal, async (p) => {
      await Deno.remove(p);
    });
  }

  /**
   * Delete an empty directory.
   * @throws {FileNotFoundError} Where there is no directory at the path.
   */
  override _rmdir(path: string, options: IOOptions = {}): Promise<void> {
    return mapped("delete", path, options.signal, async (p) => {
      if (!(await Deno.lstat(p)).isDirectory) {
        throw new Deno.errors.NotADirectory(`not a directory: ${p}`);
      }
      await Deno.remove(p);
    });
  }

  /**
   * Copy a file, or make the directory a directory names.
   * @throws {FileNotFoundError} Where nothing is at `path1`.
   */
  override _cpFile(
    path1: string,
    path2: string,
    options: IOOptions = {},
  ): Promise<void> {
    return mapped("copy", path1, options.signal, async (p1) => {
      const p2 = this.stripProtocol(path2);
      const info = await this.#stat(p1);
      if (info.type === "directory") {
        await Deno.mkdir(p2, { recursive: true });
        return;
      }
      await this.#parentFor(p2);
      await Deno.copyFile(p1, p2);
    });
  }

  /**
   * Make a directory, and its parents unless `createParents` is false.
   * @throws {FileExistsError} Where something is at the path.
   * @throws {FileNotFoundError} Where the parent is missing and `createParents` is false.
   */
  override _mkdir(path: string, options: MkdirOptions = {}): Promise<void> {
    return mapped("make", path, options.signal, async (p) => {
      if (options.createParents ?? true) {
        await Deno.mkdir(this.parent(p), { recursive: true });
      }
      await Deno.mkdir(p);
    });
  }

  /**
   * Make a directory and its parents.
   * @throws {FileExistsError} Where it exists and `existOk` is false, or a file is there.
   */
  override _makeDirs(
    path: string,
    options: MakeDirsOptions = {},
  ): Promise<void> {
    return mapped("make", path, options.signal, async (p) => {
      if (!options.existOk) {
        await Deno.mkdir(this.parent(p), { recursive: true });
        await Deno.mkdir(p);
        return;
      }
      await Deno.mkdir(p, { recursive: true });
      if (!(await Deno.stat(p)).isDirectory) {
        throw new Deno.errors.AlreadyExists(`not a directory: ${p}`);
      }
    });
  }

  static {
    // `_mv` renames a file, or a directory bound for a free path, in one
    // step; across devices a file is copied and deleted, a tree file by file
    _defineRenames(this, {
      file: (fs, from, to, options) =>
        mapped("move", from, options.signal, async (a) => {
          const b = fs.stripProtocol(to);
          await fs.#parentFor(b);
          if (await rename(a, b)) return;
          await Deno.copyFile(a, b);
          await Deno.remove(a);
        }),
      tree: (fs, from, to, options) =>
        mapped(
          "move",
          from,
          options.signal,
          (a) => rename(a, fs.stripProtocol(to)),
        ),
    });
  }

  /**
   * Create an empty file or empty one (fsspec's `touch`); with
   * `truncate: false` an existing file keeps its bytes and gets the current
   * time as its access and modified times.
   * @throws {FileNotFoundError} Where the parent is missing (and `autoMkdir` is off).
   */
  override _touch(path: string, options: TouchOptions = {}): Promise<void> {
    return mapped("touch", path, options.signal, async (p) => {
      await this.#parentFor(p);
      const now = new Date();
      try {
        await Deno.utime(p, now, now);
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
        await Deno.writeFile(p, new Uint8Array(0), { createNew: true });
      }
      if (options.truncate ?? true) await Deno.truncate(p, 0);
    });
  }

  /**
   * Whether a path exists, following a final symbolic link: a broken link
   * does not exist (Python's `os.path.exists`).
   */
  override async _exists(
    path: string,
    options: IOOptions = {},
  ): Promise<boolean> {
    return await this.#probe("stat", path, options, Deno.stat);
  }

  /**
   * Whether a path exists, a symbolic link counting as itself, a broken
   * one too (`Deno.lstat`, Python's `os.path.lexists`).
   */
  override async _lexists(
    path: string,
    options: IOOptions = {},
  ): Promise<boolean> {
    return await this.#probe("stat", path, options, Deno.lstat);
  }

  async #probe(
    action: string,
    path: string,
    options: IOOptions,
    stat: (p: string) => Promise<Deno.FileInfo>,
  ): Promise<boolean> {
    try {
      await mapped(action, path, options.signal, stat);
      return true;
    } catch (error) {
      if (error instanceof FileNotFoundError) return false;
      throw error;
    }
  }

  /** Copy a local file to another local path (a download is a copy here). */
  override _getFile(
    rpath: string,
    lpath: string,
    options: TransferFileOptions = {},
  ): Promise<void> {
    return this.#transfer(rpath, lpath, options);
  }

  /** Copy a local file to another local path (an upload is a copy here). */
  override _putFile(
    lpath: string,
    rpath: string,
    options: TransferFileOptions = {},
  ): Promise<void> {
    return this.#transfer(lpath, rpath, options);
  }

  async #transfer(
    from: string,
    to: string,
    options: TransferFileOptions,
  ): Promise<void> {
    await mapped("copy", from, options.signal, async (a) => {
      const b = this.stripProtocol(to);
      const { size } = await Deno.stat(a);
      options.callback?.setSize(size);
      await this.#parentFor(b);
      await Deno.copyFile(a, b);
      options.callback?.relativeUpdate(size);
    });
  }
}
