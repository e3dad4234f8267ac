/**
 * The HTML page of a served directory: one relative link per entry, `/` at
 * the end of a directory's, so that `HTTPFileSystem._ls` reads the page back
 * as the entries with their types. Internal.
 *
 * @module
 */

import { format } from "@std/fmt/bytes";
import type { FileInfo } from "../types.ts";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text safe inside HTML content and double-quoted attributes. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * An entry's name relative to the listed directory: what follows the
 * directory's path, or else its last segment.
 */
function relative(name: string, dir: string): string {
  const prefix = dir.endsWith("/") ? dir : `${dir}/`;
  const rest = name.startsWith(prefix)
    ? name.slice(prefix.length)
    : name.slice(name.lastIndexOf("/") + 1);
  return rest.replace(/\/+$/, "");
}

/**
 * The page listing `entries` of the directory `dir` (as the filesystem names
 * it), shown to people as `title`.
 *
 * @param entries What `_ls(dir)` gave.
 * @param dir The directory's path on the filesystem.
 * @param title The directory as the client asked for it (`/sub/`).
 * @returns The HTML page.
 */
export function _listingPage(
  entries: readonly FileInfo[],
  dir: string,
  title: string,
): string {
  const rows: string[] = [];
  if (title !== "/") {
    rows.push(`<tr><td><a href="../">../</a></td><td></td><td></td></tr>`);
  }
  const sorted = entries
    .map((info) => ({ info, rel: relative(info.name, dir) }))
    .filter(({ rel }) => rel !== "")
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  for (const { info, rel } of sorted) {
    const isDir = info.type === "directory";
    const href = rel.split("/").map(encodeURIComponent).join("/") +
      (isDir ? "/" : "");
    const size = !isDir && typeof info.size === "number"
      ? format(info.size)
      : "";
    const mtime = info.mtime instanceof Date ? info.mtime.toISOString() : "";
    rows.push(
      `<tr><td><a href="${escapeHtml(href)}">${escapeHtml(rel)}${
        isDir ? "/" : ""
      }</a></td><td>${size}</td><td>${mtime}</td></tr>`,
    );
  }
  const heading = `Index of ${escapeHtml(title)}`;
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${heading}</title></head>
<body><h1>${heading}</h1>
<table>
${rows.join("\n")}
</table></body></html>
`;
}
