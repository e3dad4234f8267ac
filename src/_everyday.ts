/**
 * What fsspec's everyday methods derive from a path's info: `_modified`'s
 * date and `_checksum`'s digest, and the size check of `_head`/`_tail`.
 * Internal.
 *
 * @module
 */

import type { FileInfo } from "./types.ts";

/** The info fields that tell one version of a file from another. */
const VERSION_FIELDS = [
  "name",
  "size",
  "type",
  "mtime",
  "modified",
  "ino",
  "ETag",
  "Last-Modified",
  "Content-MD5",
  "Digest",
] as const;

/** @throws {RangeError} For a size that is not a non-negative integer. */
export function _checkSize(action: string, path: string, size: number): void {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new RangeError(
      `Cannot ${action} "${path}": size must be a non-negative integer, not ${size}`,
    );
  }
}

/** A date from an info field: a `Date`, seconds since the epoch, or an HTTP date. */
function toDate(value: unknown): Date | null {
  const date = value instanceof Date
    ? new Date(value)
    : typeof value === "number"
    ? new Date(value * 1000)
    : typeof value === "string"
    ? new Date(value)
    : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/**
 * The modified time in an info: `mtime`, `modified` or `Last-Modified`.
 * @throws {Error} Where the info has none (fsspec's `NotImplementedError`).
 */
export function _modifiedOf(info: FileInfo, path: string, fs: object): Date {
  for (const key of ["mtime", "modified", "Last-Modified"]) {
    const date = toDate(info[key]);
    if (date) return date;
  }
  throw new Error(
    `Cannot get the modified time of "${path}": ${fs.constructor.name} does not report one for it`,
  );
}

/**
 * SHA-256, as 64 hex digits, of the info fields that tell versions apart
 * (name, size, type, modified time, inode, ETag, `Last-Modified`,
 * `Content-MD5`, `Digest`, where present): fsspec's `int(tokenize(info), 16)`
 * in spirit. Dates count by their milliseconds.
 */
export async function _checksumOf(info: FileInfo): Promise<string> {
  const fields: [string, unknown][] = [];
  for (const key of VERSION_FIELDS) {
    const value = info[key];
    if (value === undefined) continue;
    fields.push([key, value instanceof Date ? value.getTime() : value]);
  }
  const bytes = new TextEncoder().encode(JSON.stringify(fields));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
