/**
 * URLs to filesystems: the protocol of a URL, and fsspec's `url_to_fs`.
 *
 * @module
 */

import type {
  AsyncFileSystem,
  FileSystemOptions,
} from "./async_file_system.ts";
import { filesystem } from "./instance_cache.ts";

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
