/**
 * The `filesystem()` factory and its instance cache: one instance per
 * implementation and options, as fsspec's `_Cached` metaclass keeps them.
 *
 * @module
 */

import type {
  AsyncFileSystem,
  FileSystemOptions,
} from "./async_file_system.ts";
import { conf } from "./config.ts";
import { getFileSystemClass } from "./registry.ts";

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

/**
 * Drop every cached instance (fsspec's `clear_instance_cache`).
 *
 * @example The next call makes a new instance
 * ```ts
 * import { clearInstanceCache, filesystem } from "@fsspec/asyn";
 * import { assertNotStrictEquals } from "@std/assert";
 *
 * const a = await filesystem("memory", { asynchronous: true });
 * clearInstanceCache();
 * assertNotStrictEquals(a, await filesystem("memory", { asynchronous: true }));
 * ```
 */
export function clearInstanceCache(): void {
  instances.clear();
}
