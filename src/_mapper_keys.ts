/**
 * What `FSMap` checks of its keys, ranges and values before any I/O: a key
 * as a path below the root, a `RangeQuery` as `_catFile`'s `start`/`end`.
 * Internal.
 *
 * @module
 */

import type { RangeQuery } from "./mapper.ts";

/**
 * The path of a key below a root.
 * @param key `"a/b"` or `"/a/b"`.
 * @param root The root (for messages).
 * @param prefix The root with a trailing `/`.
 * @returns The path.
 * @throws {TypeError} For a key that is empty, has empty, `.` or `..`
 * segments (which could leave the root), or is no string.
 */
export function _keyPath(key: string, root: string, prefix: string): string {
  if (typeof key !== "string") {
    throw new TypeError(`Cannot use key ${String(key)}: it must be a string`);
  }
  const rel = key.replace(/^\/+/, "");
  for (const segment of rel.split("/")) {
    const dots = segment.replace(/%2e/gi, ".");
    if (dots === "..") {
      throw new TypeError(
        `Cannot use key "${key}": it would leave the root "${root}"`,
      );
    }
    if (dots === "" || dots === ".") {
      throw new TypeError(
        `Cannot use key "${key}": its segments must be names (not "", "." or "..")`,
      );
    }
  }
  return prefix + rel;
}

function checkLength(key: string, name: string, value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw new RangeError(
      `Cannot read a range of "${key}" with ${name} ${value}: it must be a non-negative integer`,
    );
  }
  return value as number;
}

/**
 * A `RangeQuery` as the range `[start, end)` of `_catFile`.
 * @throws {TypeError} For a range of neither form.
 * @throws {RangeError} For a negative or non-integer number.
 */
export function _rangeOf(
  key: string,
  range: RangeQuery,
): { start: number; end: number | undefined } {
  if (typeof range === "object" && range && "suffixLength" in range) {
    const length = checkLength(key, "suffixLength", range.suffixLength);
    return length === 0
      ? { start: 0, end: 0 }
      : { start: -length, end: undefined };
  }
  if (
    typeof range === "object" && range && "offset" in range &&
    "length" in range
  ) {
    const start = checkLength(key, "offset", range.offset);
    return { start, end: start + checkLength(key, "length", range.length) };
  }
  throw new TypeError(
    `Cannot read a range of "${key}": give { offset, length } or { suffixLength }`,
  );
}

/** @throws {TypeError} For a value that is no `Uint8Array`. */
export function _checkValue(key: string, value: unknown): void {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`Cannot set "${key}": the value must be a Uint8Array`);
  }
}
