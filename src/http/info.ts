/**
 * What an HTTP server says of a URL without sending it: HEAD, and where HEAD
 * is refused or gives no size, a GET of the first byte, whose
 * `Content-Range` tells the total (fsspec's `_file_info`, with its failures
 * kept as they are). Internal.
 *
 * @module
 */

import type { AsyncFileSystem } from "../async_file_system.ts";
import { _runBatch } from "../_batch.ts";
import type { FileInfo } from "../types.ts";
import { _contentLength, _parseContentRange } from "./range.ts";
import { STATUS_CODE } from "@std/http/status";
import { HTTPError } from "../errors.ts";
import { _raiseForStatus, type _Requester } from "./request.ts";

/**
 * HEAD answers that stand as the answer: not found and unauthorized. Any
 * other failed HEAD (405, 500, 501, a dropped connection) asks with GET
 * instead, as fsspec does; so does a 403, since S3 presigned URLs refuse
 * HEAD with 403 (a 403 to the GET too is then the answer).
 */
const HEAD_FINAL: ReadonlySet<number> = new Set([
  STATUS_CODE.NotFound,
  STATUS_CODE.Gone,
  STATUS_CODE.Unauthorized,
]);

/** The media type of an answer, lower case, without parameters; null without one. */
export function _mimetypeOf(response: Response): string | null {
  const value = response.headers.get("content-type");
  return value ? value.split(";")[0].trim().toLowerCase() : null;
}

/**
 * What the headers of an answer say of the resource: `size` (null where
 * unknown or encoded), `mimetype`, checksums and `Last-Modified`, the final
 * `url`, and `partial: false` where ranges are refused. A final URL ending in
 * `/` that answers with HTML (or says nothing of its type) is a directory.
 */
export function _headerInfo(response: Response): FileInfo {
  const mimetype = _mimetypeOf(response);
  const finalUrl = response.url ? new URL(response.url) : null;
  const isDir = finalUrl !== null && finalUrl.pathname.endsWith("/") &&
    finalUrl.search === "" && (mimetype === null || mimetype === "text/html");
  const info: FileInfo = {
    name: "",
    size: isDir ? null : _contentLength(response),
    type: isDir ? "directory" : "file",
  };
  if (mimetype !== null) info.mimetype = mimetype;
  if (response.url) info.url = response.url;
  const ranges = response.headers.get("accept-ranges");
  if (ranges?.trim().toLowerCase() === "none") info.partial = false;
  for (const field of ["ETag", "Content-MD5", "Digest", "Last-Modified"]) {
    const value = response.headers.get(field);
    if (value) info[field] = value;
  }
  return info;
}

/**
 * The info of a URL, without downloading it. HEAD first; where HEAD fails
 * (see `HEAD_FINAL`) or gives no size (or a `Content-Length: 0`, which
 * proves nothing: some servers say it of every HEAD), a GET of byte 0,
 * whose `Content-Range` total is the size; where that says nothing either
 * (a 200 of one byte may be the byte or a one-byte file), a plain GET whose
 * `Content-Length` is taken and whose body is cancelled unread.
 *
 * @param request Sends requests (with the filesystem's headers, retries, timeout).
 * @param url The URL to ask.
 * @param signal Aborts.
 * @returns The info, `name` left empty for the caller.
 * @throws {FileNotFoundError} For a 404.
 * @throws {PermissionError} For a 401, or a 403 to the GET.
 * @throws {HTTPError} For another failing status of the GET, or a connection failure (`status` 0).
 */
export async function _fetchInfo(
  request: _Requester,
  url: string,
  signal: AbortSignal | undefined,
): Promise<FileInfo> {
  const action = "get info of";
  const identity = { "accept-encoding": "identity" };
  let head: FileInfo | null = null;
  try {
    head = await request(
      url,
      { method: "HEAD", action, headers: identity, signal },
      async (response) => {
        if (response.ok) return _headerInfo(response);
        if (HEAD_FINAL.has(response.status)) {
          return await _raiseForStatus(response, action, url);
        }
        return null;
      },
    );
  } catch (error) {
    // a HEAD whose connection dropped: ask with GET, as for a refused HEAD
    if (!(error instanceof HTTPError && error.status === 0)) throw error;
  }
  if (head && (head.type === "directory" || (head.size ?? 0) > 0)) return head;
  const got = await request(
    url,
    {
      method: "GET",
      action,
      headers: { ...identity, range: "bytes=0-0" },
      signal,
    },
    async (response) => {
      const range = _parseContentRange(response.headers.get("content-range"));
      if (response.status === STATUS_CODE.RangeNotSatisfiable) {
        // not even byte 0: an empty file, unless the server says otherwise
        return { ..._headerInfo(response), size: range?.total ?? 0 };
      }
      if (!response.ok) return await _raiseForStatus(response, action, url);
      const found = _headerInfo(response);
      if (response.status === STATUS_CODE.PartialContent || range) {
        found.size = range?.total ?? null;
      } else if (found.size === 1) {
        found.size = null; // one byte: the byte asked for, or a one-byte file
      }
      return found;
    },
  );
  if (got.size === null && got.type === "file") {
    got.size = await request(
      url,
      { method: "GET", action, headers: identity, signal },
      (response) =>
        response.ok
          ? Promise.resolve(_contentLength(response))
          : _raiseForStatus(response, action, url),
    );
  }
  return head ? { ...head, ...got } : got;
}

/**
 * Gives the files of a `_find` or `_glob` result whose listing had no size
 * the size (and the rest) `_info` finds, asking in batches. A file the
 * server will not describe keeps `size: null`.
 */
export async function _fillSizes(
  fs: AsyncFileSystem,
  found: Map<string, FileInfo>,
  signal: AbortSignal | undefined,
): Promise<void> {
  const missing = [...found.values()].filter((i) =>
    i.type === "file" && i.size === null
  );
  if (missing.length === 0) return;
  const infos = await _runBatch(
    fs,
    missing.map((entry) => (s: AbortSignal) =>
      fs._info(entry.name, { signal: s })
    ),
    { signal },
    true,
  );
  missing.forEach((entry, i) => {
    const got = infos[i];
    if (got instanceof Error) return;
    found.set(entry.name, { ...got, name: entry.name, type: entry.type });
  });
}
