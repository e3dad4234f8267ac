/**
 * A filesystem in memory (fsspec's `MemoryFileSystem`): files in a map of
 * path to bytes, directories implied by the files in them or made with
 * `mkdir`.
 *
 * @module
 */

import {
  AsyncFileSystem,
  type FileSystemOptions,
} from "../async_file_system.ts";
import { lsResult } from "../_ls_result.ts";
import { FileExistsError, FileNotFoundError } from "../errors.ts";
import { _optionNames } from "../option_names.ts";
import type {
  CatFileOptions,
  FileInfo,
  IOOptions,
  LsOptions,
  LsResult,
  MakeDirsOptions,
  MkdirOptions,
  TouchOptions,
} from "../types.ts";
import { _defineRenames } from "../_move.ts";

/** Options of {@linkcode MemoryFileSystem}. */
export interface MemoryFileSystemOptions extends FileSystemOptions {
  /**
   * The name of the store: every instance with the same name in the same
   * thread sees the same files.
   * @default {"default"}
   */
  store?: string;
}

interface MemoryFile {
  data: Uint8Array;
  created: Date;
  mtime: Date;
}

/** One named store: files by path, and the directories made explicitly. */
interface Store {
  files: Map<string, MemoryFile>;
  dirs: Set<string>;
}

/** The named stores of this thread (fsspec keeps one class-level store). */
const stores = new Map<string, Store>();

function storeNamed(name: string): Store {
  let store = stores.get(name);
  if (!store) stores.set(name, store = { files: new Map(), dirs: new Set() });
  return store;
}

const ROOT = "/";

/** The directory prefix of a path: what its children's names start with. */
function prefixOf(path: string): string {
  return path === ROOT ? ROOT : `${path}/`;
}

/** The parents of a path, nearest first, the root excluded. */
function parentsOf(path: string): string[] {
  const out: string[] = [];
  for (let i = path.lastIndexOf("/"); i > 0; i = path.lastIndexOf("/", i - 1)) {
    out.push(path.slice(0, i));
  }
  return out;
}

function fileInfo(name: string, file: MemoryFile): FileInfo {
  return {
    name,
    size: file.data.length,
    type: "file",
    created: file.created,
    mtime: file.mtime,
  };
}

/**
 * Now, or a millisecond after `previous` where the clock has not moved past
 * it: each write of a path gets a new `mtime`, so `_modified` and
 * `_checksum` tell writes in one millisecond apart.
 */
function laterThan(previous: Date | undefined): Date {
  const now = Date.now();
  return new Date(
    previous && previous.getTime() >= now ? previous.getTime() + 1 : now,
  );
}

function dirInfo(name: string): FileInfo {
  return { name, size: 0, type: "directory" };
}

/**
 * Runs synchronous store work as an async method does: an aborted signal or
 * a throw becomes a rejected promise, never a synchronous throw.
 */
function run<T>(signal: AbortSignal | undefined, fn: () => T): Promise<T> {
  try {
    signal?.throwIfAborted();
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * A filesystem held in memory, as fsspec's `memory://`.
 *
 * Paths are absolute: `memory://a/b`, `/a/b` and `a/b` all name `/a/b`, and
 * the root is `/`. A file implies its parent directories; `mkdir` makes a
 * directory that exists while empty too.
 *
 * State lives in named stores (option `store`, default `"default"`): every
 * instance with the same store name in the same thread shares its files, as
 * every fsspec `MemoryFileSystem` shares one class-level store. The store is
 * in the thread where the instance's work runs: for a blocking-mode instance
 * that is its IO Worker, so its blocking methods and its `_` methods see the
 * same files; a plain `new MemoryFileSystem()` in another thread sees another
 * store.
 *
 * @example Write and list files
 * ```ts
 * import { MemoryFileSystem } from "./memory_file_system.ts";
 * import { assertEquals, assertStrictEquals } from "@std/assert";
 *
 * const fs = new MemoryFileSystem({ asynchronous: true, store: "example" });
 * await fs._pipe({ "memory://data/a.txt": new TextEncoder().encode("A") });
 * assertEquals(await fs._ls("/data", { detail: false }), ["/data/a.txt"]);
 * assertStrictEquals(new TextDecoder().decode(await fs._catFile("data/a.txt")), "A");
 * ```
 */
export class MemoryFileSystem extends AsyncFileSystem {
  /** The protocol. */
  static override protocol: string | readonly string[] = "memory";
  /** The root of every path. */
  static override rootMarker: string = ROOT;
  /** The option it adds: `store`. */
  static override optionNames: readonly string[] = _optionNames<
    MemoryFileSystemOptions,
    FileSystemOptions
  >({ store: true });

  #store: Store;

  /**
   * A filesystem on the named store of this thread, made on first use.
   * @param options `store` (the store's name) and the common options.
   * @throws {TypeError} Where `store` is not a string.
   */
  constructor(options: MemoryFileSystemOptions = {}) {
    super(options);
    const name = options.store ?? "default";
    if (typeof name !== "string") {
      throw new TypeError(
        `Cannot open memory store "${String(name)}": its name must be a string`,
      );
    }
    this.#store = storeNamed(name);
  }

  /**
   * A path as the memory filesystem names it: `memory://` removed, one
   * leading `/`, no trailing `/`; the root is `/`.
   *
   * @param path A path or `memory://` URL.
   * @returns The path.
   */
  static override stripProtocol(path: string): string {
    if (path.startsWith("memory://")) path = path.slice("memory://".length);
    if (path.includes("::") || path.includes("://")) {
      return path.replace(/\/+$/, "");
    }
    path = path.replace(/^\/+/, "").replace(/\/+$/, "");
    return `/${path}`;
  }

  /** Whether anything lives below `path`. */
  #hasChildren(path: string): boolean {
    const prefix = prefixOf(path);
    for (const name of this.#store.files.keys()) {
      if (name.startsWith(prefix)) return true;
    }
    for (const dir of this.#store.dirs) {
      if (dir.startsWith(prefix)) return true;
    }
    return false;
  }

  #isDir(path: string): boolean {
    return path === ROOT || this.#store.dirs.has(path) ||
      this.#hasChildren(path);
  }

  /** @throws {FileExistsError} Where a parent of `path` is a file. */
  #checkParents(path: string, action: string): void {
    for (const parent of parentsOf(path)) {
      if (this.#store.files.has(parent)) {
        throw new FileExistsError(
          `Cannot ${action} "${path}": its parent "${parent}" is a file`,
          { path },
        );
      }
    }
  }

  /**
   * The entries of a directory, sorted by name, or the file itself.
   * @throws {FileNotFoundError} Where nothing is at the path.
   */
  override _ls<D extends boolean = true>(
    path: string,
    options: LsOptions<D> = {},
  ): Promise<LsResult<D>> {
    return run(options.signal, () => {
      const p = this.stripProtocol(path);
      const file = this.#store.files.get(p);
      if (file) return lsResult([fileInfo(p, file)], options.detail);
      const prefix = prefixOf(p);
      const out = new Map<string, FileInfo>();
      const addDir = (rest: string) => {
        const name = prefix + rest.slice(0, rest.indexOf("/"));
        if (!out.has(name)) out.set(name, dirInfo(name));
      };
      for (const [name, f] of this.#store.files) {
        if (!name.startsWith(prefix)) continue;
        const rest = name.slice(prefix.length);
        if (rest.includes("/")) addDir(rest);
        else out.set(name, fileInfo(name, f));
      }
      for (const dir of this.#store.dirs) {
        if (!dir.startsWith(prefix)) continue;
        const rest = dir.slice(prefix.length);
        if (rest.includes("/")) addDir(rest);
        else if (!out.has(dir)) out.set(dir, dirInfo(dir));
      }
      if (out.size === 0 && p !== ROOT && !this.#store.dirs.has(p)) {
        throw new FileNotFoundError(
          `Cannot list "${path}": no such directory`,
          {
            path: p,
          },
        );
      }
      const infos = [...out.values()].sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0
      );
      return lsResult(infos, options.detail);
    });
  }

  /**
   * What is known of a path: `size`, `type`, and for a file `created` and
   * `mtime` (`Date`s).
   * @throws {FileNotFoundError} Where nothing is at the path.
   */
  override _info(path: string, options: IOOptions = {}): Promise<FileInfo> {
    return run(options.signal, () => {
      const p = this.stripProtocol(path);
      const file = this.#store.files.get(p);
      if (file) return fileInfo(p, file);
      if (this.#isDir(p)) return dirInfo(p);
      throw new FileNotFoundError(
        `Cannot stat "${path}": no such file or directory`,
        { path: p },
      );
    });
  }

  /**
   * A copy of a file's bytes, or of `[start, end)`; negative bounds count
   * from the end and bounds past the end are clamped, as Python slices.
   * @throws {FileNotFoundError} Where there is no file at the path.
   */
  override _catFile(
    path: string,
    options: CatFileOptions = {},
  ): Promise<Uint8Array> {
    return run(options.signal, () => {
      const p = this.stripProtocol(path);
      const file = this.#store.files.get(p);
      if (!file) {
        const state = this.#isDir(p) ? "it is a directory" : "no such file";
        throw new FileNotFoundError(`Cannot read "${path}": ${state}`, {
          path: p,
        });
      }
      return file.data.slice(
        options.start ?? undefined,
        options.end ?? undefined,
      );
    });
  }

  /**
   * Write a whole file with a copy of `data`; its parents are implied.
   * @throws {FileExistsError} Where the path is a directory or a parent is a file.
   */
  override _pipeFile(
    path: string,
    data: Uint8Array,
    options: IOOptions = {},
  ): Promise<void> {
    return run(options.signal, () => this.#write(path, data));
  }

  /** Stores a copy of `data` at `path`. */
  #write(path: string, data: Uint8Array): void {
    const p = this.stripProtocol(path);
    this.#checkParents(p, "write");
    if (this.#isDir(p)) {
      throw new FileExistsError(`Cannot write "${path}": it is a directory`, {
        path: p,
      });
    }
    const now = laterThan(this.#store.files.get(p)?.mtime);
    this.#store.files.set(p, { data: data.slice(), created: now, mtime: now });
  }

  static {
    // `_mv` moves a file in one step: its bytes and times go with it
    _defineRenames(this, {
      file: (fs, from, to, options) =>
        run(options.signal, () => fs.#move(from, to)),
    });
  }

  /** Moves a file's entry to `to`, replacing a file there. */
  #move(from: string, to: string): void {
    const [a, b] = [this.stripProtocol(from), this.stripProtocol(to)];
    const file = this.#store.files.get(a);
    if (!file) {
      throw new FileNotFoundError(`Cannot move "${from}": no such file`, {
        path: a,
      });
    }
    this.#checkParents(b, "move to");
    if (this.#isDir(b)) {
      throw new FileExistsError(
        `Cannot move "${from}" to "${to}": a directory is there`,
        { path: b },
      );
    }
    this.#store.files.set(b, file);
    this.#store.files.delete(a);
  }

  /**
   * Create an empty file or empty one; with `truncate: false` an existing
   * file keeps its bytes and gets a new `mtime`.
   * @throws {FileExistsError} Where the path is a directory or a parent is a file.
   */
  override _touch(path: string, options: TouchOptions = {}): Promise<void> {
    const file = this.#store.files.get(this.stripProtocol(path));
    if (options.truncate !== false || !file) return super._touch(path, options);
    return run(options.signal, () => {
      file.mtime = laterThan(file.mtime);
    });
  }

  /** Delete a file. @throws {FileNotFoundError} Where there is no file at the path. */
  override _rmFile(path: string, options: IOOptions = {}): Promise<void> {
    return run(options.signal, () => {
      const p = this.stripProtocol(path);
      if (!this.#store.files.delete(p)) {
        throw new FileNotFoundError(`Cannot delete "${path}": no such file`, {
          path: p,
        });
      }
    });
  }

  /**
   * Delete an empty directory; the root stays (as fsspec's).
   * @throws {FileNotFoundError} Where there is no directory at the path.
   * @throws {Error} Where the directory is not empty.
   */
  override _rmdir(path: string, options: IOOptions = {}): Promise<void> {
    return run(options.signal, () => {
      const p = this.stripProtocol(path);
      if (p === ROOT) return;
      if (this.#hasChildren(p)) {
        throw new Error(`Cannot delete "${path}": the directory is not empty`);
      }
      if (!this.#store.dirs.delete(p)) {
        throw new FileNotFoundError(
          `Cannot delete "${path}": no such directory`,
          {
            path: p,
          },
        );
      }
    });
  }

  /**
   * Copy a file (its bytes are copied), or make the directory a directory
   * names.
   * @throws {FileNotFoundError} Where nothing is at `path1`.
   */
  override _cpFile(
    path1: string,
    path2: string,
    options: IOOptions = {},
  ): Promise<void> {
    return run(options.signal, () => {
      const p1 = this.stripProtocol(path1);
      const file = this.#store.files.get(p1);
      if (file) return this.#write(path2, file.data);
      if (!this.#isDir(p1)) {
        throw new FileNotFoundError(
          `Cannot copy "${path1}": no such file or directory`,
          { path: p1 },
        );
      }
      const p2 = this.stripProtocol(path2);
      if (this.#store.files.has(p2)) {
        throw new FileExistsError(
          `Cannot copy "${path1}" to "${path2}": a file is there`,
          {
            path: p2,
          },
        );
      }
      this.#checkParents(p2, "make");
      if (p2 !== ROOT) this.#store.dirs.add(p2);
    });
  }

  /**
   * Make a directory, and its parents unless `createParents` is false.
   * @throws {FileExistsError} Where a file or a made directory is at the path, or a parent is a file.
   * @throws {FileNotFoundError} Where the parent is missing and `createParents` is false.
   */
  override _mkdir(path: string, options: MkdirOptions = {}): Promise<void> {
    return run(options.signal, () => {
      const p = this.stripProtocol(path);
      const { files, dirs } = this.#store;
      if (p === ROOT || files.has(p) || dirs.has(p)) {
        throw new FileExistsError(`Cannot make "${path}": it exists already`, {
          path: p,
        });
      }
      this.#checkParents(p, "make");
      const parents = parentsOf(p);
      if (options.createParents ?? true) {
        for (const parent of parents) dirs.add(parent);
      } else if (parents.length > 0 && !this.#isDir(parents[0])) {
        throw new FileNotFoundError(
          `Cannot make "${path}": its parent "${parents[0]}" does not exist`,
          { path: p },
        );
      }
      dirs.add(p);
    });
  }

  /**
   * Make a directory and its parents.
   * @throws {FileExistsError} Where it exists and `existOk` is false, or a file is there.
   */
  override async _makeDirs(
    path: string,
    options: MakeDirsOptions = {},
  ): Promise<void> {
    options.signal?.throwIfAborted();
    const p = this.stripProtocol(path);
    if (options.existOk && this.#isDir(p)) {
      if (p !== ROOT) this.#store.dirs.add(p);
      return;
    }
    await this._mkdir(p, { createParents: true, signal: options.signal });
  }
}
