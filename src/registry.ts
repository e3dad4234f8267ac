/**
 * Protocol names to implementations (fsspec's `registry` and
 * `known_implementations`), the `filesystem()` factory and its instance cache.
 *
 * Built-in backends are known only by module specifier and loaded on first
 * use, so the core never imports a backend, and the IO Worker can load the
 * same module from the same specifier.
 *
 * @module
 */

import type {
  AsyncFileSystem,
  FileSystemOptions,
} from "./async_file_system.ts";
import { conf } from "./config.ts";

/** A filesystem class. */
export type FileSystemClass =
  & (new (options?: FileSystemOptions) => AsyncFileSystem)
  & {
    protocol: string | readonly string[];
    stripProtocol(path: string): string;
  };

/** An implementation loaded on demand: a module specifier and the name of its export. */
export interface ImplementationSpec {
  /** A module specifier the IO Worker can import too: an absolute URL, or a mapped name. */
  module: string;
  /** The export that is the class. */
  export: string;
}

/** A registered implementation: a class, or where to import it from. */
export type Implementation = FileSystemClass | ImplementationSpec;

/** Options of {@linkcode registerImplementation}. */
export interface RegisterOptions {
  /**
   * Replace an implementation registered under the same name.
   * @default {false}
   */
  clobber?: boolean;
}

interface Entry {
  spec?: ImplementationSpec;
  cls?: FileSystemClass;
}

function builtin(path: string, name: string): Entry {
  return {
    spec: { module: new URL(path, import.meta.url).href, export: name },
  };
}

const entries = new Map<string, Entry>([
  ["memory", builtin("./memory/memory_file_system.ts", "MemoryFileSystem")],
  ["file", builtin("./local/local_file_system.ts", "LocalFileSystem")],
  ["local", builtin("./local/local_file_system.ts", "LocalFileSystem")],
  ["http", builtin("./http/http_file_system.ts", "HTTPFileSystem")],
  ["https", builtin("./http/http_file_system.ts", "HTTPFileSystem")],
]);

/**
 * Registers an implementation under a protocol name.
 *
 * A class works where it was registered; a module specifier and export name
 * also let the IO Worker rebuild the filesystem, which blocking calls need.
 *
 * @param name The protocol, as in `name://path`.
 * @param impl The class, or `{ module, export }`.
 * @param options `clobber` to replace an existing registration.
 * @throws {TypeError} Where the name is taken and `clobber` is not set, or `impl` is malformed.
 *
 * @example Register a backend by module specifier
 * ```ts
 * import { registerImplementation, registry } from "@fsspec/asyn";
 * import { assert } from "@std/assert";
 *
 * registerImplementation("mine", { module: "https://example.com/my_fs.ts", export: "MyFS" });
 * assert(registry.has("mine"));
 * ```
 */
export function registerImplementation(
  name: string,
  impl: Implementation,
  options: RegisterOptions = {},
): void {
  if (!/^[a-z][a-z0-9+.-]*$/i.test(name)) {
    throw new TypeError(`Cannot register "${name}": not a valid protocol name`);
  }
  const entry: Entry = typeof impl === "function"
    ? { cls: impl }
    : { spec: { ...impl } };
  if (
    entry.spec &&
    (typeof entry.spec.module !== "string" ||
      typeof entry.spec.export !== "string")
  ) {
    throw new TypeError(
      `Cannot register "${name}": give a class or { module, export } strings`,
    );
  }
  const existing = entries.get(name);
  if (existing && !options.clobber && !sameEntry(existing, entry)) {
    throw new TypeError(
      `Cannot register "${name}": it is registered already; pass { clobber: true } to replace it`,
    );
  }
  if (entry.cls && !entry.spec) {
    entry.spec = existing?.cls === entry.cls ? existing.spec : undefined;
  }
  entries.set(name, entry);
}

function sameEntry(a: Entry, b: Entry): boolean {
  if (b.cls) return a.cls === b.cls;
  return a.spec?.module === b.spec?.module && a.spec?.export === b.spec?.export;
}

class RegistryView implements ReadonlyMap<string, Implementation> {
  get size(): number {
    return entries.size;
  }
  get(name: string): Implementation | undefined {
    const e = entries.get(name);
    return e && (e.cls ?? { ...e.spec! });
  }
  has(name: string): boolean {
    return entries.has(name);
  }
  forEach(
    fn: (
      value: Implementation,
      key: string,
      map: ReadonlyMap<string, Implementation>,
    ) => void,
  ): void {
    for (const [k, v] of this) fn(v, k, this);
  }
  *entries(): MapIterator<[string, Implementation]> {
    for (const k of entries.keys()) yield [k, this.get(k)!];
  }
  keys(): MapIterator<string> {
    return entries.keys();
  }
  *values(): MapIterator<Implementation> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator](): MapIterator<[string, Implementation]> {
    return this.entries();
  }
}

/** The registered implementations, read-only: change them with {@linkcode registerImplementation}. */
export const registry: ReadonlyMap<string, Implementation> = new RegistryView();

/**
 * The class registered for a protocol, importing its module on first use.
 *
 * @param protocol A registered protocol name.
 * @returns The class.
 * @throws {TypeError} Where the protocol is unknown or its module lacks the export.
 */
export async function getFileSystemClass(
  protocol: string,
): Promise<FileSystemClass> {
  const entry = entries.get(protocol);
  if (!entry) {
    throw new TypeError(
      `Cannot find protocol "${protocol}": known are ${
        [...entries.keys()].join(", ")
      }`,
    );
  }
  if (!entry.cls) {
    const module = await import(entry.spec!.module);
    const cls = module[entry.spec!.export];
    if (typeof cls !== "function") {
      throw new TypeError(
        `Cannot load protocol "${protocol}": ${
          entry.spec!.module
        } has no export "${entry.spec!.export}"`,
      );
    }
    entry.cls = cls;
  }
  return entry.cls!;
}

/**
 * Where the IO Worker can import a class from: the spec of the registration
 * whose class it is, or that names one of its protocols.
 */
export function _implementationOf(
  cls: FileSystemClass,
): ImplementationSpec | undefined {
  for (const entry of entries.values()) {
    if (entry.cls === cls && entry.spec) return entry.spec;
  }
  const protocols = typeof cls.protocol === "string"
    ? [cls.protocol]
    : cls.protocol;
  for (const p of protocols) {
    const entry = entries.get(p);
    if (entry?.spec && (!entry.cls || entry.cls === cls)) return entry.spec;
  }
  return undefined;
}

const instances = new Map<string, AsyncFileSystem>();
const identities = new WeakMap<object, number>();
let nextIdentity = 0;

/** A cache key for options: JSON for plain data, identity for anything else. */
function optionsKey(value: unknown): string {
  if (
    value === null || typeof value !== "object" && typeof value !== "function"
  ) {
    return JSON.stringify(value) ?? "undefined";
  }
  if (Array.isArray(value)) return `[${value.map(optionsKey).join(",")}]`;
  const proto = Object.getPrototypeOf(value);
  if (
    typeof value === "object" && (proto === Object.prototype || proto === null)
  ) {
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    return `{${
      keys.map((k) => `${JSON.stringify(k)}:${optionsKey(record[k])}`).join(",")
    }}`;
  }
  let id = identities.get(value as object);
  if (id === undefined) identities.set(value as object, id = nextIdentity++);
  return `#${id}`;
}

/**
 * A filesystem instance for a protocol, cached per implementation and options
 * as fsspec does; `conf[protocol]` supplies default options.
 *
 * Unlike fsspec's it returns a promise, since JavaScript loads modules
 * asynchronously: `const fs = await filesystem("http")`.
 *
 * @param protocol A registered protocol name.
 * @param options The filesystem's options; `skipInstanceCache` for a new instance.
 * @returns The instance.
 * @throws {TypeError} Where the protocol is unknown.
 *
 * @example The same options give the same instance
 * ```ts
 * import { filesystem } from "@fsspec/asyn";
 * import { assertStrictEquals } from "@std/assert";
 *
 * const a = await filesystem("memory", { asynchronous: true });
 * assertStrictEquals(a, await filesystem("memory", { asynchronous: true }));
 * ```
 */
export async function filesystem(
  protocol: string,
  options: FileSystemOptions = {},
): Promise<AsyncFileSystem> {
  const cls = await getFileSystemClass(protocol);
  const defaults = conf[protocol];
  const merged: FileSystemOptions =
    typeof defaults === "object" && defaults !== null
      ? { ...defaults as FileSystemOptions, ...options }
      : { ...options };
  const { skipInstanceCache = false, ...rest } = merged;
  if (skipInstanceCache) return new cls(rest);
  const key = `${optionsKey(cls)}|${optionsKey(rest)}`;
  let fs = instances.get(key);
  if (!fs) instances.set(key, fs = new cls(rest));
  return fs;
}

/** Drop every cached instance (fsspec's `clear_instance_cache`). */
export function clearInstanceCache(): void {
  instances.clear();
}

/**
 * The protocol of a URL or path: `memory://x` is `memory`, a plain path is
 * `file`.
 */
export function _protocolOf(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*)(?::\/\/|::)/i.exec(url);
  return match ? match[1].toLowerCase() : "file";
}

/**
 * The filesystem of a URL and the path within it (fsspec's `url_to_fs`).
 *
 * @param url A URL or local path.
 * @param options Options for the filesystem.
 * @returns `[fs, path]`.
 *
 * @example
 * ```ts
 * import { urlToFs } from "@fsspec/asyn";
 * import { assert, assertStrictEquals } from "@std/assert";
 *
 * const [fs, path] = await urlToFs("memory://data/a.csv", { asynchronous: true });
 * assertStrictEquals(path, "/data/a.csv");
 * assert(fs.asyncImpl);
 * ```
 */
export async function urlToFs(
  url: string,
  options: FileSystemOptions = {},
): Promise<[AsyncFileSystem, string]> {
  const fs = await filesystem(_protocolOf(url), options);
  return [fs, fs.stripProtocol(url)];
}
