/**
 * Serving any filesystem over HTTP: a `Deno.serve` handler on a filesystem's
 * `_` methods.
 *
 * @module
 */

import { eTag, ifNoneMatch } from "@std/http/etag";
import { STATUS_CODE, STATUS_TEXT, type StatusCode } from "@std/http/status";
import { contentType } from "@std/media-types/content-type";
import { extname } from "@std/path/posix/extname";
import { AsyncFileSystem } from "../async_file_system.ts";
import {
  FileExistsError,
  FileNotFoundError,
  PermissionError,
} from "../errors.ts";
import type { FileInfo } from "../types.ts";
import { _rangeStream } from "./_body.ts";
import { _listingPage } from "./_listing.ts";
import { _parseRange } from "./_range.ts";
import { _requestPath, _UnsafePathError } from "./_request_path.ts";

/** Options of {@linkcode serveFileSystem}. */
export interface ServeFileSystemOptions {
  /**
   * The path on the filesystem that `/` serves: `/a/b` reads
   * `root + "/a/b"`. For an `HTTPFileSystem`, a URL.
   * @default {""} (the filesystem's own root: `/` in memory, the working
   * directory for `LocalFileSystem`)
   */
  root?: string;
  /**
   * Accept `PUT` (write a file, making its parents) and `DELETE` (a file,
   * or a directory with all below it). Otherwise both answer 405 and the
   * body is not read.
   * @default {false}
   */
  writable?: boolean;
  /**
   * Bytes per ranged read when a body is streamed; a file no larger is read
   * in one call.
   * @default {1048576}
   */
  chunkSize?: number;
  /**
   * Told of every error answered with a 5xx (the client gets the status
   * text only, never the message or stack).
   * @default {undefined}
   */
  onError?: (error: unknown, request: Request) => void;
}

/**
 * A `Deno.serve` handler that serves the paths under `root` of a
 * filesystem, through its `_` methods only (so it serves `asynchronous: true`
 * instances and blocking-mode ones alike):
 *
 * - `GET` with `Range` (one range: 206, or 416 past the end; several: 200
 *   with the whole file), streamed in `chunkSize` reads;
 * - `HEAD` with `Content-Length`, `Last-Modified`, `ETag`, `Accept-Ranges`;
 * - `If-None-Match` (or, without it, `If-Modified-Since`) answered 304;
 *   `Content-Type` from the name's extension;
 * - a directory asked without its `/` redirects (301) to it with one; with
 *   it, an HTML page of relative links that `HTTPFileSystem` lists exactly;
 * - `PUT` and `DELETE` when `writable`.
 *
 * A request whose path could reach outside `root` in any spelling (`..`,
 * `%2e%2e`, `..%2f`, `\`, `%5c`, `//`, NUL) answers 400 and touches nothing.
 * Errors map to statuses: `FileNotFoundError` 404, `PermissionError` 403,
 * `FileExistsError` 409, anything else 500 (told to `onError`). Symbolic
 * links inside `root` are followed, as the filesystem does.
 *
 * @param fs The filesystem to serve.
 * @param options `root`, `writable`, `chunkSize`, `onError`.
 * @returns The handler.
 * @throws {TypeError} Where `fs` is not an `AsyncFileSystem` or `root` not a string.
 * @throws {RangeError} Where `chunkSize` is not a positive integer.
 *
 * @example Serve a memory filesystem and read it back over HTTP
 * ```ts
 * import { HTTPFileSystem, MemoryFileSystem, serveFileSystem } from "@fsspec/asyn";
 * import { assertEquals } from "@std/assert";
 *
 * const memory = new MemoryFileSystem({ asynchronous: true, skipInstanceCache: true });
 * await memory._pipeFile("/site/a.txt", new TextEncoder().encode("alpha"));
 * await using server = Deno.serve(
 *   { hostname: "127.0.0.1", port: 0, onListen() {} },
 *   serveFileSystem(memory, { root: "/site" }),
 * );
 * const base = `http://127.0.0.1:${server.addr.port}`;
 * await using http = new HTTPFileSystem({ asynchronous: true });
 * assertEquals(await http._ls(`${base}/`, { detail: false }), [`${base}/a.txt`]);
 * assertEquals(await http._catFile(`${base}/a.txt`, { start: 1, end: 3 }), new TextEncoder().encode("lp"));
 * ```
 */
export function serveFileSystem(
  fs: AsyncFileSystem,
  options: ServeFileSystemOptions = {},
): (req: Request) => Promise<Response> {
  if (!(fs instanceof AsyncFileSystem)) {
    throw new TypeError(
      `Cannot serve "${String(fs)}": not an AsyncFileSystem`,
    );
  }
  const { root = "", writable = false, chunkSize = 1 << 20, onError } = options;
  if (typeof root !== "string") {
    throw new TypeError(`Cannot serve root "${String(root)}": not a string`);
  }
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(
      `Cannot use chunkSize "${chunkSize}": not a positive integer`,
    );
  }
  const base = fs.stripProtocol(root);
  const urlRoot = base.includes("://");
  const join = (segments: string[]) =>
    segments.length === 0
      ? base
      : `${base.endsWith("/") ? base : `${base}/`}${segments.join("/")}`;
  const served: _Served = { fs, chunkSize, join };

  return async (req: Request): Promise<Response> => {
    let path;
    try {
      path = _requestPath(req.url, urlRoot);
    } catch (error) {
      if (error instanceof _UnsafePathError) {
        return _status(STATUS_CODE.BadRequest);
      }
      throw error;
    }
    try {
      switch (req.method) {
        case "GET":
        case "HEAD":
          return await _read(served, req, path.segments, path.raw, path.slash);
        case "PUT":
          if (writable) {
            return await _put(served, req, path.segments, path.slash);
          }
          break;
        case "DELETE":
          if (writable) return await _delete(served, path.segments);
      }
      return _status(STATUS_CODE.MethodNotAllowed, {
        allow: writable ? "GET, HEAD, PUT, DELETE" : "GET, HEAD",
      });
    } catch (error) {
      if (error instanceof FileNotFoundError) {
        return _status(STATUS_CODE.NotFound);
      }
      if (error instanceof PermissionError) {
        return _status(STATUS_CODE.Forbidden);
      }
      if (error instanceof FileExistsError) {
        return _status(STATUS_CODE.Conflict);
      }
      onError?.(error, req);
      return _status(STATUS_CODE.InternalServerError);
    }
  };
}

/** What every method handler needs. */
interface _Served {
  fs: AsyncFileSystem;
  chunkSize: number;
  /** The filesystem path of request segments. */
  join: (segments: string[]) => string;
}

/** An answer of a status with its text as the body. */
function _status(status: StatusCode, headers: HeadersInit = {}): Response {
  return new Response(`${STATUS_TEXT[status]}\n`, {
    status,
    statusText: STATUS_TEXT[status],
    headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  });
}

/** The validators of a file: a strong `ETag` the filesystem gave, else a weak one from size and mtime. */
async function _validators(
  info: FileInfo,
): Promise<{ etag?: string; lastModified?: string }> {
  const mtime = info.mtime instanceof Date ? info.mtime : null;
  const upstreamModified = typeof info["Last-Modified"] === "string"
    ? info["Last-Modified"]
    : undefined;
  const etag = typeof info.ETag === "string"
    ? info.ETag
    : mtime && typeof info.size === "number"
    ? await eTag({ mtime, size: info.size })
    : undefined;
  return { etag, lastModified: mtime?.toUTCString() ?? upstreamModified };
}

/**
 * Whether the client's copy is current: `If-None-Match` against the ETag,
 * or where it is absent, `If-Modified-Since` against the mtime (whole
 * seconds, as HTTP dates are).
 */
function _notModified(
  headers: Headers,
  etag: string | undefined,
  info: FileInfo,
): boolean {
  const match = headers.get("if-none-match");
  if (match !== null) return !ifNoneMatch(match, etag);
  const since = Date.parse(headers.get("if-modified-since") ?? "");
  return info.mtime instanceof Date && !Number.isNaN(since) &&
    Math.floor(info.mtime.getTime() / 1000) * 1000 <= since;
}

/** GET and HEAD: a file, a directory page, or a redirect to the directory's `/`. */
async function _read(
  served: _Served,
  req: Request,
  segments: string[],
  raw: string,
  slash: boolean,
): Promise<Response> {
  const { fs, chunkSize } = served;
  const path = served.join(segments);
  // request.signal is left alone: Deno (2.9) aborts it after every answer
  // and warns; a streamed body stops through its cancel instead
  const info = await fs._info(path);
  const head = req.method === "HEAD";
  if (info.type === "directory") {
    if (!slash && segments.length > 0) {
      return new Response(null, {
        status: STATUS_CODE.MovedPermanently,
        headers: { location: `${raw}/` },
      });
    }
    const html = head ? null : _listingPage(
      await fs._ls(path, { detail: true }),
      path,
      slash ? raw : "/",
    );
    return new Response(html, {
      headers: { "content-type": "text/html; charset=utf-8" },
    });
  }
  if (slash) return _status(STATUS_CODE.NotFound);
  const headers = new Headers({
    "content-type": contentType(extname(path)) ?? "application/octet-stream",
  });
  const { etag, lastModified } = await _validators(info);
  if (etag) headers.set("etag", etag);
  if (lastModified) headers.set("last-modified", lastModified);
  if (_notModified(req.headers, etag, info)) {
    return new Response(null, { status: STATUS_CODE.NotModified, headers });
  }
  const size = typeof info.size === "number" ? info.size : null;
  if (size === null) {
    // no size to check ranges against: the whole body, read in one call
    headers.set("accept-ranges", "none");
    const whole = head ? null : await fs._catFile(path);
    return new Response(whole as BodyInit | null, { headers });
  }
  headers.set("accept-ranges", "bytes");
  const ifRange = req.headers.get("if-range");
  const range = ifRange !== null && ifRange !== etag
    ? null
    : _parseRange(req.headers.get("range"), size);
  if (range === "unsatisfiable") {
    headers.set("content-range", `bytes */${size}`);
    return new Response(null, {
      status: STATUS_CODE.RangeNotSatisfiable,
      headers,
    });
  }
  const { start, end } = range ?? { start: 0, end: size };
  headers.set("content-length", String(end - start));
  if (range) headers.set("content-range", `bytes ${start}-${end - 1}/${size}`);
  const status = range ? STATUS_CODE.PartialContent : STATUS_CODE.OK;
  if (head) return new Response(null, { status, headers });
  const body = end - start <= chunkSize
    ? await fs._catFile(path, range ? { start, end } : {})
    : _rangeStream(fs, path, start, end, chunkSize);
  return new Response(body as BodyInit, { status, headers });
}

/** PUT: the body becomes the file, its parents made; 201 for a new file, 204 for a replaced one. */
async function _put(
  served: _Served,
  req: Request,
  segments: string[],
  slash: boolean,
): Promise<Response> {
  if (segments.length === 0 || slash) {
    await req.body?.cancel();
    return _status(STATUS_CODE.MethodNotAllowed, { allow: "GET, HEAD" });
  }
  const { fs } = served;
  const path = served.join(segments);
  const existed = await fs._exists(path);
  // whole: the filesystem API writes whole files (`_pipeFile`; `openAsync`
  // only reads), so a streamed upload would be gathered here anyway
  const data = await req.bytes();
  await fs._makeDirs(served.join(segments.slice(0, -1)), { existOk: true });
  await fs._pipeFile(path, data, {});
  return new Response(null, {
    status: existed ? STATUS_CODE.NoContent : STATUS_CODE.Created,
  });
}

/** DELETE: a file, or a directory with everything below it; never the root. */
async function _delete(
  served: _Served,
  segments: string[],
): Promise<Response> {
  if (segments.length === 0) {
    return _status(STATUS_CODE.Forbidden);
  }
  const { fs } = served;
  const path = served.join(segments);
  const info = await fs._info(path);
  if (info.type === "directory") {
    await fs._rm(path, { recursive: true });
  } else {
    await fs._rmFile(path);
  }
  return new Response(null, { status: STATUS_CODE.NoContent });
}
