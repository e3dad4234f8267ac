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
import { _raiseForStatus, type _RequestInit } from "./request.ts";

/** Sends one request and hands the answer to a handler (`HTTPFileSystem`'s request). */
export type _Requester = <T>(
  url: string,
  init: _RequestInit,
  handle: (response: Response, signal: AbortSignal) => Promise<T>,
) => Promise<T>;

/** HEAD answers that mean "ask with GET instead" (S3 presigned URLs refuse HEAD with 403). */
const HEAD_REFUSED = [400, 403, 405, 501];

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
 * The info of a URL, without downloading it.
 *
 * @param request Sends requests (with the filesystem's headers, retries, timeout).
 * @param url The URL to ask.
 * @param signal Aborts.
 * @returns The info, `name` left empty for the caller.
 * @throws {FileNotFoundError} For a 404.
 * @throws {PermissionError} For a 401, or a 403 to the GET.
 * @throws {HTTPError} For another failing status.
 */
export async function _fetchInfo(
  request: _Requester,
  url: string,
  signal: AbortSignal | undefined,
): Promise<FileInfo> {
  const action = "get info of";
  const identity = { "accept-encoding": "identity" };
  const head = await request(
    url,
    { method: "HEAD", action, headers: identity, signal },
    async (response) => {
      if (response.ok) return _headerInfo(response);
      if (HEAD_REFUSED.includes(response.status)) return null;
      return await _raiseForStatus(response, action, url);
    },
  );
  if (head && (head.size !== null || head.type === "directory")) return head;
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
      if (response.status === 416) {
        // not even byte 0: an empty file, unless the server says otherwise
        return { ..._headerInfo(response), size: range?.total ?? 0 };
      }
      if (!response.ok) return await _raiseForStatus(response, action, url);
      const found = _headerInfo(response);
      if (response.status === 206) found.size = range?.total ?? null;
      await response.body?.cancel();
      return found;
    },
  );
  return head ? { ...head, ...got, size: got.size ?? head.size } : got;
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
