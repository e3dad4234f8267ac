/**
 * `FSMap`: fsspec's key-value view of the files below a directory, with
 * zarrita's store interface (`AsyncReadable` and `AsyncMutable`).
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import { FileNotFoundError } from "./errors.ts";
import { _checkValue, _keyPath, _rangeOf } from "./_mapper_keys.ts";
import { _readMany, _writeMany } from "./_mapper_many.ts";
import type { BatchOptions, IOOptions } from "./types.ts";

/** Options of `getMapper` and of the {@linkcode FSMap} constructor. */
export interface GetMapperOptions {
  /**
   * Make the root directory (and its parents), before the first operation.
   * @default {false}
   */
  create?: boolean;
  /**
   * Check that the root exists before the first operation, which throws
   * `FileNotFoundError` where it does not.
   * @default {false}
   */
  checkExists?: boolean;
}

/** Options of {@linkcode FSMap.getMany}. */
export interface GetManyOptions extends BatchOptions {
  /**
   * What a key that cannot be read does. `"raise"`: a missing key is left
   * out, any other failure rejects the call; `"omit"`: every failed key is
   * left out; `"return"`: every key is in the result, a failed one with its
   * `Error`.
   * @default {"raise"}
   */
  onError?: "raise" | "omit" | "return";
}

/**
 * A byte range of a value, as zarrita's `RangeQuery`: `length` bytes from
 * `offset`, or the last `suffixLength` bytes.
 */
export type RangeQuery =
  | { offset: number; length: number }
  | { suffixLength: number };

const isMissing = (value: unknown) => value instanceof FileNotFoundError;

/** The value of `work`, or `fallback` where it fails with FileNotFoundError. */
async function missingAs<T, F>(work: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await work;
  } catch (error) {
    if (isMissing(error)) return fallback;
    throw error;
  }
}

/**
 * The bytes of each file below a root, by key (fsspec's `FSMap`). Keys are
 * `/`-separated paths relative to the root, written `"a/b"` or `"/a/b"`
 * (zarrita's form); `keys()` gives them without the leading `/`. Every method
 * is async, whatever the filesystem's mode: the mapper is a zarrita store
 * (`zarr.open(fs.getMapper(url))`).
 *
 * @example Keys and values in memory
 * ```ts
 * import { MemoryFileSystem } from "@fsspec/asyn";
 * import { assertEquals } from "@std/assert";
 *
 * const fs = new MemoryFileSystem({ asynchronous: true, store: "fsmap-doc" });
 * const map = fs.getMapper("/data");
 * await map.set("/a/b", new Uint8Array([1, 2, 3]));
 * assertEquals(await map.get("a/b"), new Uint8Array([1, 2, 3]));
 * assertEquals(await map.get("missing"), undefined);
 * assertEquals(await Array.fromAsync(map.keys()), ["a/b"]);
 * assertEquals(await fs._cat("/data/a/b"), new Uint8Array([1, 2, 3]));
 * ```
 */
export class FSMap implements AsyncIterable<string> {
  /** The filesystem the files live on. */
  readonly fs: AsyncFileSystem;
  /** The root, as the filesystem names it (protocol stripped, except for URLs). */
  readonly root: string;
  #prefix: string;
  #setup: GetMapperOptions | undefined;
  #ready: Promise<void> | undefined;

  /**
   * A view of the files below `root`; no I/O until the first operation.
   *
   * @param fs The filesystem.
   * @param root The directory the keys are relative to.
   * @param options `create`, `checkExists`.
   */
  constructor(
    fs: AsyncFileSystem,
    root: string,
    options: GetMapperOptions = {},
  ) {
    this.fs = fs;
    this.root = fs.stripProtocol(root);
    this.#prefix = this.root.endsWith("/") ? this.root : `${this.root}/`;
    if (options.create || options.checkExists) this.#setup = { ...options };
  }

  /**
   * The path of a key.
   *
   * @param key `"a/b"` or `"/a/b"`.
   * @returns The path below the root.
   * @throws {TypeError} For a key that is empty, has empty, `.` or `..`
   * segments (which could leave the root), or is no string.
   */
  path(key: string): string {
    return _keyPath(key, this.root, this.#prefix);
  }

  /** Runs `create` / `checkExists` once, before the first operation; retried after a failure. */
  #prepare(): Promise<void> {
    const setup = this.#setup;
    if (!setup) return Promise.resolve();
    this.#ready ??= (async () => {
      if (setup.create) {
        await this.fs._makeDirs(this.root, { existOk: true });
      }
      if (setup.checkExists && !(await this.fs._exists(this.root))) {
        throw new FileNotFoundError(
          `Cannot map "${this.root}": it does not exist; pass create: true to make it`,
          { path: this.root },
        );
      }
      this.#setup = undefined;
    })().finally(() => this.#ready = undefined);
    return this.#ready;
  }

  /**
   * The value of a key.
   *
   * @param key The key.
   * @param options `signal`.
   * @returns The bytes, or `undefined` where no file has that key.
   * @throws {TypeError} For a malformed key.
   * @throws {FileNotFoundError} Where `checkExists` finds no root.
   * @throws Any failure but not-found (a 500, a permission error).
   */
  async get(
    key: string,
    options: IOOptions = {},
  ): Promise<Uint8Array | undefined> {
    return await this.#read(this.path(key), {}, options.signal);
  }

  /**
   * Part of the value of a key: `length` bytes from `offset` (fewer past
   * the end), or the last `suffixLength` bytes (all, where fewer).
   *
   * @param key The key.
   * @param range `{ offset, length }` or `{ suffixLength }`.
   * @param options `signal`.
   * @returns The bytes, or `undefined` where no file has that key.
   * @throws {TypeError} For a malformed key or range.
   * @throws {RangeError} For a negative or non-integer number.
   */
  async getRange(
    key: string,
    range: RangeQuery,
    options: IOOptions = {},
  ): Promise<Uint8Array | undefined> {
    const path = this.path(key);
    const { start, end } = _rangeOf(key, range);
    return await this.#read(path, { start, end }, options.signal);
  }

  /** Bytes `[start, end)` of a file; `undefined` where it is missing. */
  async #read(
    path: string,
    range: { start?: number; end?: number },
    signal: AbortSignal | undefined,
  ): Promise<Uint8Array | undefined> {
    await this.#prepare();
    // an empty range reads nothing, so ask whether the key is there
    const read = range.start !== undefined && range.start === range.end
      ? this.fs._info(path, { signal }).then(() => new Uint8Array(0))
      : this.fs._catFile(path, { ...range, signal });
    return await missingAs(read, undefined);
  }

  /**
   * Writes the value of a key, making its parent directories.
   *
   * @param key The key.
   * @param value The bytes.
   * @param options `signal`.
   * @throws {TypeError} For a malformed key, or a value that is no `Uint8Array`.
   */
  async set(
    key: string,
    value: Uint8Array,
    options: IOOptions = {},
  ): Promise<void> {
    const path = this.path(key);
    _checkValue(key, value);
    await this.#prepare();
    const { signal } = options;
    await this.fs._makeDirs(this.fs.parent(path), { existOk: true, signal });
    await this.fs._pipeFile(path, value, { signal });
  }

  /**
   * Deletes a key.
   *
   * @param key The key.
   * @param options `signal`.
   * @returns `true` where a file was deleted, `false` where there was none.
   * @throws {TypeError} For a malformed key.
   */
  async delete(key: string, options: IOOptions = {}): Promise<boolean> {
    const path = this.path(key);
    await this.#prepare();
    const removed = this.fs._rmFile(path, { signal: options.signal });
    return await missingAs(removed.then(() => true), false);
  }

  /**
   * Whether a file has the key.
   *
   * @param key The key.
   * @param options `signal`.
   * @returns `true` where the key names a file (not a directory).
   * @throws {TypeError} For a malformed key.
   */
  async has(key: string, options: IOOptions = {}): Promise<boolean> {
    const path = this.path(key);
    await this.#prepare();
    return await this.fs._isFile(path, { signal: options.signal });
  }

  /**
   * The keys: every file below the root, sorted, `/`-separated, without a
   * leading `/`.
   *
   * @param options `signal`.
   * @returns The keys, as an async iterator.
   */
  async *keys(options: IOOptions = {}): AsyncGenerator<string> {
    await this.#prepare();
    const found = await this.fs._find(this.root, { signal: options.signal });
    for (const name of found) {
      if (name.startsWith(this.#prefix)) yield name.slice(this.#prefix.length);
    }
  }

  /**
   * `for await (const key of map)`: the keys.
   *
   * @returns The keys, as an async iterator.
   */
  [Symbol.asyncIterator](): AsyncGenerator<string> {
    return this.keys();
  }

  /**
   * The values of many keys, read concurrently through the filesystem's
   * batch machinery (at most `batchSize` reads in flight).
   *
   * @param keys The keys.
   * @param options `onError`, `batchSize`, `callback`, `signal`.
   * @returns A `Map` of key (as given) to bytes, in the order given, and to
   * `Error` for failed keys with `onError: "return"`.
   * @throws {TypeError} For a malformed key.
   * @throws The first failure other than not-found, with `onError: "raise"`.
   */
  getMany(
    keys: Iterable<string>,
    options: GetManyOptions & { onError: "return" },
  ): Promise<Map<string, Uint8Array | Error>>;
  /**
   * The values of many keys, read concurrently; missing keys left out.
   *
   * @param keys The keys.
   * @param options `onError`, `batchSize`, `callback`, `signal`.
   * @returns A `Map` of key (as given) to bytes, in the order given.
   */
  getMany(
    keys: Iterable<string>,
    options?: GetManyOptions & { onError?: "raise" | "omit" },
  ): Promise<Map<string, Uint8Array>>;
  async getMany(
    keys: Iterable<string>,
    options: GetManyOptions = {},
  ): Promise<Map<string, Uint8Array | Error>> {
    const given = [...keys];
    const paths = given.map((key) => this.path(key));
    await this.#prepare();
    return await _readMany(this.fs, given, paths, options);
  }

  /**
   * Writes many keys concurrently through the filesystem's batch machinery,
   * after making their parent directories.
   *
   * @param values Key to bytes, as a `Map` or a plain object.
   * @param options `batchSize`, `callback`, `signal`.
   * @throws {TypeError} For a malformed key, or a value that is no `Uint8Array`.
   */
  async setMany(
    values: Map<string, Uint8Array> | Record<string, Uint8Array>,
    options: BatchOptions = {},
  ): Promise<void> {
    const entries = values instanceof Map
      ? [...values]
      : Object.entries(values);
    const files = new Map<string, Uint8Array>();
    for (const [key, value] of entries) {
      _checkValue(key, value);
      files.set(this.path(key), value);
    }
    await this.#prepare();
    await _writeMany(this.fs, files, options);
  }
}
