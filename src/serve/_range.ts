/**
 * The one byte range a `Range` header asks for. Internal.
 *
 * @module
 */

/** `[start, end)` within a file, or `"unsatisfiable"`; null: serve the whole file. */
export type _ByteRange = { start: number; end: number } | "unsatisfiable";

/**
 * The range a `Range` header asks of a file of `size` bytes. Syntax this
 * does not read (other units, several ranges, a first byte after the last)
 * is ignored, as RFC 9110 allows: the whole file is served.
 *
 * @param header The `Range` header, or null.
 * @param size The file's size.
 * @returns The range, `"unsatisfiable"` (416), or null for the whole file.
 */
export function _parseRange(
  header: string | null,
  size: number,
): _ByteRange | null {
  const m = header === null
    ? null
    : /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(m[1]);
  const last = m[2] === "" ? size - 1 : Number(m[2]);
  if (last < start) return null;
  if (start >= size) return "unsatisfiable";
  return { start, end: Math.min(last + 1, size) };
}
