/**
 * `HTTPFileSystem`: read (and, where the server allows, write) files over
 * HTTP(S) with `fetch`, as fsspec's `implementations/http.py` does with
 * aiohttp. Protocols `http` and `https`.
 *
 * @module
 */

import type { CacheOptions, CacheType } from "../caching/cache_options.ts";
import {
  _checkOpenOptions,
  AsyncFile,
  type OpenOptions,
} from "../async_file.ts";
import {
  AsyncFileSystem,
  type FileSystemOptions,
} from "../async_file_system.ts";
import { lsResult } from "../_ls_result.ts";
import type { AsyncFileFor, OpenMode } from "../async_write_file.ts";
import {
  _bufferSink,
  _openSink,
  type _SinkOptions,
  type _WriteSink,
} from "../write_sink.ts";
import { _optionNames } from "../option_names.ts";
import { FileNotFoundError } from "../errors.ts";
import { _infoOrNull } from "../_tree.ts";
import type {
  CatFileOptions,
  FileInfo,
  FindOptions,
  FindResult,
  GlobOptions,
  IOOptions,
  LsOptions,
  LsResult,
  TransferFileOptions,
} from "../types.ts";
import { _fetchInfo, _fillSizes } from "./info.ts";
import { _fetchListing } from "./links.ts";
import {
  type _Settings,
  _settingsOf,
  type HTTPExistsOptions,
  type HTTPFileSystemOptions,
  type HTTPPutFileOptions,
} from "./options.ts";
import {
  _placeUnlabelled,
  _rangeHabit,
  _rangeHeader,
  _readRange,
  _resolveRange,
} from "./range.ts";
import {
  _raiseForStatus,
  _request,
  type _Requester,
  type _RequestSettings,
  _urlParses,
} from "./request.ts";
import { _openStream, _StreamFile } from "./stream_file.ts";
import { HTTPSession } from "./session.ts";
import { _capDefaultBatchSize } from "../_batch.ts";
import { _defaultLimitPerHost } from "../config.ts";
import { _fileBody, _saveResponse, _upload } from "./transfer.ts";

export type {
  HTTPExistsOptions,
  HTTPFileSystemOptions,
  HTTPPutFileOptions,
} from "./options.ts";

/**
 * Files over HTTP(S), as fsspec's `HTTPFileSystem`: `_info` asks with HEAD
 * (falling back to a one-byte GET), `_catFile` with `Range`, `_ls` reads the
 * links of an HTML page. URLs are the paths and stay full URLs. Where fsspec
 * gets HTTP wrong this does not: a 500 or a refused connection is not "not
 * found", an unknown size is `null`, `_isDir` does not download a file,
 * `sameScheme` compares schemes, uploads carry the instance's headers.
 *
 * @example Read a file and a byte range from a local server
 * ```ts
 * import { HTTPFileSystem } from "@fsspec/asyn";
 * import { assertStrictEquals } from "@std/assert";
 *
 * await using server = Deno.serve(
 *   { hostname: "127.0.0.1", port: 0, onListen() {} },
 *   () => new Response("hello world"),
 * );
 * const url = `http://127.0.0.1:${server.addr.port}/greeting.txt`;
 * await using fs = new HTTPFileSystem({ asynchronous: true });
 * assertStrictEquals(new TextDecoder().decode(await fs._catFile(url)), "hello world");
 * assertStrictEquals((await fs._info(url)).size, 11);
 * ```
 */
export class HTTPFileSystem extends AsyncFileSystem {
  /** `http` and `https`. */
  static override protocol: readonly string[] = ["http", "https"];
  /** URLs have no root marker. */
  static override rootMarker: string = "";
  /** The options it adds (see {@linkcode HTTPFileSystemOptions}). */
  static override optionNames: readonly string[] = _optionNames<
    HTTPFileSystemOptions,
    FileSystemOptions
  >({
    simpleLinks: true,
    sameScheme: true,
    blockSize: true,
    cacheType: true,
    cacheOptions: true,
    headers: true,
    encoded: true,
    client: true,
    fetch: true,
    timeout: true,
    retries: true,
    limitPerHost: true,
    uploadMethod: true,
    maxListingBytes: true,
  });

  /** Listings also take bare URLs in the text. */
  readonly simpleLinks: boolean;
  /** Listings keep only links with the listed URL's scheme. */
  readonly sameScheme: boolean;
  /** Read-ahead of files from `openAsync`. */
  readonly blockSize: number;
  /** Cache type of files from `openAsync`. */
  readonly cacheType: CacheType;
  /** Cache options (fsspec's `cache_options`). */
  readonly cacheOptions: CacheOptions | undefined;
  /** Whether URLs are sent as given. */
  readonly encoded: boolean;
  #settings: _Settings;
  #session: HTTPSession | undefined;

  /**
   * Makes a filesystem; no request is sent until a method needs one.
   *
   * @param options See {@linkcode HTTPFileSystemOptions}.
   * @throws {TypeError} For `fetch` without `asynchronous: true`, or a bad option type.
   * @throws {RangeError} For a negative or non-integer number option.
   */
  constructor(options: HTTPFileSystemOptions = {}) {
    super(options);
    this.#settings = _settingsOf(options, this.asynchronous);
    // a batch starts no more requests than can be sent at once
    _capDefaultBatchSize(this, options.limitPerHost ?? _defaultLimitPerHost());
    this.simpleLinks = this.#settings.simpleLinks;
    this.sameScheme = this.#settings.sameScheme;
    this.blockSize = this.#settings.blockSize;
    this.cacheType = this.#settings.cacheType;
    this.cacheOptions = options.cacheOptions;
    this.encoded = this.#settings.encoded;
  }

  /** `?` starts a query in a URL: it is no glob character here. */
  override get globQuestionMark(): boolean {
    return false;
  }

  /**
   * URLs stay full URLs (fsspec keeps them whole); only trailing slashes of
   * the path go, as for every filesystem, unless a query or fragment follows.
   *
   * @param path A URL.
   * @returns The URL, without trailing slashes.
   */
  static override stripProtocol(path: string): string {
    if (/[?#]/.test(path)) return path;
    const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)?$/i.exec(path);
    if (!m) return path.replace(/\/+$/, "");
    return m[1] + (m[2] ?? "").replace(/\/+$/, "");
  }

  /**
   * The URL one level up; `""` above a server's root.
   * @param path A URL.
   * @returns The parent URL.
   */
  override parent(path: string): string {
    const url = this.stripProtocol(path);
    const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)?$/i.exec(url);
    if (!m) return super.parent(url);
    const rest = m[2] ?? "";
    return rest === "" ? "" : m[1] + rest.slice(0, rest.lastIndexOf("/"));
  }

  /**
   * The session requests go through, made on first use (fsspec's
   * `set_session`). `await session.close()` or `fs.close()` releases it; a
   * later request makes a new one.
   *
   * @returns The session.
   */
  setSession(): Promise<HTTPSession> {
    return Promise.resolve(this.#currentSession());
  }

  #currentSession(): HTTPSession {
    if (!this.#session || this.#session.closed) {
      this.#session = new HTTPSession(this.#settings.session);
    }
    return this.#session;
  }

  /** What every request shares, made once per session. */
  #requestSettings: _RequestSettings | undefined;

  #request: _Requester = (url, init, handle) => {
    const session = this.#currentSession();
    if (this.#requestSettings?.session !== session) {
      this.#requestSettings = { ...this.#settings, session };
    }
    return _request(this.#requestSettings, url, init, handle);
  };

  /**
   * The "directory" listing of the page at `path`, asked for as `path/`
   * (and as `path` where that is a 404): its links resolved against the
   * URL the page came from (after redirects) that lie below it on the same host
   * (and scheme, with `sameScheme`), parent and sort links left out. A link
   * ending in `/` is a directory, named without the `/`; sizes are `null`
   * (`_find` with `detail` asks for them). A page that is not HTML lists
   * nothing, and is not read. A page past `maxListingBytes` is an error,
   * and is not read further; links are found in one linear pass.
   *
   * @throws {FileNotFoundError} For a 404.
   * @throws {PermissionError} For a 401 or 403.
   * @throws {HTTPError} For another failing status, or a page past `maxListingBytes`.
   */
  override async _ls<D extends boolean = true>(
    path: string,
    options: LsOptions<D> = {},
  ): Promise<LsResult<D>> {
    const url = this.stripProtocol(path);
    const { signal } = options;
    // a directory is asked for with its slash (servers that do not redirect
    // `/dir` answer 404); a URL that is no directory then gets its own try
    const asDir = /[?#]/.test(url) || url.endsWith("/") ? null : `${url}/`;
    let infos: FileInfo[];
    try {
      infos = await _fetchListing(
        this.#request,
        asDir ?? url,
        this.#settings,
        signal,
      );
    } catch (error) {
      if (asDir === null || !(error instanceof FileNotFoundError)) throw error;
      infos = await _fetchListing(this.#request, url, this.#settings, signal);
    }
    return lsResult(infos, options.detail);
  }

  /**
   * What the server says of a URL, without downloading it: HEAD (with
   * `Accept-Encoding: identity`), and where HEAD is refused or gives no size,
   * a GET of the first byte whose `Content-Range` tells the total. `size` is
   * `null` where unknown; `mimetype`, `ETag`, `Content-MD5`, `Digest`,
   * `Last-Modified`, the final `url` after redirects, and `partial: false`
   * where the server refuses ranges. A URL whose final path ends in `/` and
   * that answers with HTML is a `"directory"`.
   *
   * @throws {FileNotFoundError} For a 404.
   * @throws {PermissionError} For a 401, or a 403 to the GET.
   * @throws {HTTPError} For another failing status.
   */
  override async _info(
    path: string,
    options: IOOptions = {},
  ): Promise<FileInfo> {
    const info = await _fetchInfo(this.#request, path, options.signal);
    return { ...info, name: this.stripProtocol(path) };
  }

  /**
   * The bytes of a URL, or of `[start, end)`: a `Range` request as fsspec's
   * `_process_limits` makes it (negative offsets count from the end). The
   * answer is checked: a 206 must cover the range; a 200 (the server ignores
   * ranges) is sliced as it streams; a 416 past the end is empty.
   * `start === end` asks nothing.
   *
   * @throws {FileNotFoundError} For a 404.
   * @throws {PermissionError} For a 401 or 403.
   * @throws {HTTPError} For another failing status.
   * @throws {RangeError} For a non-integer offset, or a negative one where the size is unknown.
   */
  override async _catFile(
    path: string,
    options: CatFileOptions = {},
  ): Promise<Uint8Array> {
    const url = path;
    const { start, end, signal } = options;
    const action = "read";
    if (start == null && end == null) {
      return await this.#request(
        url,
        { method: "GET", action, signal },
        async (response) => {
          if (!response.ok) await _raiseForStatus(response, action, url);
          return await response.bytes();
        },
      );
    }
    const range = await _resolveRange(
      url,
      start,
      end,
      () => this._size(url, { signal }),
    );
    if (range === null) return new Uint8Array(0);
    const got = await this.#request(
      url,
      {
        method: "GET",
        action,
        headers: { range: _rangeHeader(range) },
        signal,
      },
      async (response) =>
        await _readRange(response, range, url) ??
          await _raiseForStatus(response, action, url),
    );
    if (got instanceof Uint8Array) return got;
    // a 200 no longer than the range, without Content-Range: the size
    // tells whether it is the range or the whole file, or else what the
    // server does with a one-byte range (asked once the answer's
    // connection is free)
    const size = await this._size(url, { signal });
    const habit = size === null
      ? await _rangeHabit(this.#request, url, signal)
      : null;
    return _placeUnlabelled(got, size, habit, url);
  }

  /**
   * Download a URL to a local file, streamed in chunks (bounded memory),
   * into a temporary name renamed when complete: a failed download leaves
   * nothing at `lpath`. A 404 throws before any local file is made.
   * `callback` gets `setSize` (null where unknown) and `relativeUpdate` per chunk.
   *
   * @throws {FileNotFoundError} For a 404.
   */
  override async _getFile(
    rpath: string,
    lpath: string,
    options: TransferFileOptions = {},
  ): Promise<void> {
    const url = rpath;
    const { callback, signal } = options;
    await this.#request(
      url,
      { method: "GET", action: "download", signal, retryBody: false },
      (response) => _saveResponse(response, url, lpath, callback),
    );
  }

  /**
   * Upload a local file, its body streamed from disk: POST unless `method`
   * or the filesystem's `uploadMethod` says PUT. Never retried.
   *
   * @throws {FileNotFoundError} Where the local file is missing, or the server answers 404.
   * @throws {HTTPError} For a failing status.
   */
  override async _putFile(
    lpath: string,
    rpath: string,
    options: HTTPPutFileOptions = {},
  ): Promise<void> {
    const url = rpath;
    const method = options.method ?? this.#settings.uploadMethod;
    if (method !== "POST" && method !== "PUT") {
      throw new TypeError(
        `Cannot upload to "${url}" with method "${method}": use "POST" or "PUT"`,
      );
    }
    const { callback, signal } = options;
    let file: Deno.FsFile;
    try {
      file = await Deno.open(lpath, { read: true });
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        throw new FileNotFoundError(
          `Cannot upload "${lpath}": no such local file`,
          { path: lpath, cause: error },
        );
      }
      throw error;
    }
    try {
      callback?.setSize((await file.stat()).size);
      const body = _fileBody(file, callback);
      await this.#request(
        url,
        { method, action: "upload to", body, signal },
        async (response) => {
          if (!response.ok) await _raiseForStatus(response, "upload to", url);
        },
      );
    } finally {
      file.close();
    }
  }

  /**
   * Write bytes to a URL with PUT (the instance's headers included).
   * @throws {HTTPError} For a failing status.
   */
  override async _pipeFile(
    path: string,
    data: Uint8Array,
    options: IOOptions = {},
  ): Promise<void> {
    await _upload(this.#request, path, "PUT", data, options.signal);
  }

  /**
   * A write file's sink: its bytes gathered, and uploaded whole on commit
   * with the filesystem's `uploadMethod` (POST, or PUT for WebDAV).
   * @ignore
   */
  override [_openSink](
    path: string,
    options: _SinkOptions,
  ): Promise<_WriteSink> {
    if (options.append) {
      return Promise.reject(
        new TypeError(
          `Cannot open "${path}" in mode "ab": HTTPFileSystem cannot append`,
        ),
      );
    }
    const method = this.#settings.uploadMethod;
    return Promise.resolve(
      _bufferSink(
        this,
        path,
        options,
        (data) => _upload(this.#request, path, method, data, options.signal),
      ),
    );
  }

  /**
   * Copy a URL to another, for WebDAV servers: HTTP has no copy of its own,
   * so the bytes are read whole (GET) and written back (PUT, as
   * `_pipeFile`). `_copy` and `_mv` copy through it.
   * @throws {FileNotFoundError} For a 404 of the source.
   * @throws {HTTPError} For a failing status (405 where the server takes no PUT).
   */
  override async _cpFile(
    path1: string,
    path2: string,
    options: IOOptions = {},
  ): Promise<void> {
    const data = await this._catFile(path1, { signal: options.signal });
    await this._pipeFile(path2, data, { signal: options.signal });
  }

  /**
   * Delete a URL with DELETE (for WebDAV servers).
   * @throws {FileNotFoundError} For a 404.
   */
  override async _rmFile(path: string, options: IOOptions = {}): Promise<void> {
    const url = path;
    await this.#request(
      url,
      { method: "DELETE", action: "delete", signal: options.signal },
      async (response) => {
        if (!response.ok) await _raiseForStatus(response, "delete", url);
      },
    );
  }

  /**
   * DELETE a directory URL (with its trailing slash), for WebDAV servers: the
   * last step of a recursive `_rm`, after the files below it have gone.
   */
  override async _rmdir(path: string, options: IOOptions = {}): Promise<void> {
    await this._rmFile(`${path.replace(/\/+$/, "")}/`, options);
  }

  /**
   * Whether a URL answers. Not found is false, and so is a URL that does
   * not parse; other failures (a 500, a 401, a refused connection) are
   * false too, as in fsspec, or thrown with `strict`. An abort is always
   * thrown.
   */
  override async _exists(
    path: string,
    options: HTTPExistsOptions = {},
  ): Promise<boolean> {
    if (!_urlParses(path)) return false;
    try {
      await this._info(path, { signal: options.signal });
      return true;
    } catch (error) {
      if (error instanceof FileNotFoundError) return false;
      if (options.strict || options.signal?.aborted) throw error;
      return false;
    }
  }

  /**
   * Whether a URL is a "directory": `_info` says so (a `/` URL answering
   * HTML), or it is an HTML page whose listing is not empty. Only HTML is
   * ever downloaded to decide: a file is not (fsspec issue #1707). A URL
   * that does not parse is no directory.
   */
  override async _isDir(
    path: string,
    options: IOOptions = {},
  ): Promise<boolean> {
    if (!_urlParses(path)) return false;
    const info = await _infoOrNull(this, path, options);
    if (info?.type === "directory") return true;
    if (info?.mimetype !== "text/html") return false;
    const listing = await this._ls(path, { detail: false, ...options });
    return listing.length > 0;
  }

  /** Whether a URL is a file (`_info` says so); false for a URL that does not parse. */
  override async _isFile(
    path: string,
    options: IOOptions = {},
  ): Promise<boolean> {
    if (!_urlParses(path)) return false;
    return await super._isFile(path, options);
  }

  /**
   * As {@linkcode AsyncFileSystem._find}; with `detail`, files whose
   * listing gave no size are asked for it (HEAD, batched), so `_du`, which
   * finds with detail, counts real sizes.
   */
  override async _find<D extends boolean = false>(
    path: string,
    options: FindOptions<D> = {},
  ): Promise<FindResult<D>> {
    const found = await super._find(path, options);
    if (options.detail) {
      await _fillSizes(this, found as Map<string, FileInfo>, options.signal);
    }
    return found;
  }

  /** As {@linkcode AsyncFileSystem._glob} (`?` is no wildcard); with `detail`, sizes filled as `_find` does. */
  override async _glob<D extends boolean = false>(
    pattern: string,
    options: GlobOptions<D> = {},
  ): Promise<FindResult<D>> {
    const found = await super._glob(pattern, options);
    if (options.detail) {
      await _fillSizes(this, found as Map<string, FileInfo>, options.signal);
    }
    return found;
  }

  /**
   * A random-access file over `Range` requests, with this filesystem's
   * `blockSize` and `cacheType` unless `options` say otherwise. A server that
   * ignores ranges still gives the right bytes (sliced from its 200). Where
   * the server says `Accept-Ranges: none`, the file is read as one stream
   * from the start instead (no Range sent): a forward `seek` reads and
   * discards, a backward one throws `RangeError`; that one GET stays open
   * until the file is read to the end or closed (the `timeout` bounds it).
   */
  override async openAsync<M extends OpenMode = "rb">(
    path: string,
    options: OpenOptions<M> = {},
  ): Promise<AsyncFileFor<M>> {
    if ((options.mode ?? "rb") !== "rb") return super.openAsync(path, options);
    const url = this.stripProtocol(path);
    options = {
      ...options,
      blockSize: options.blockSize ?? this.blockSize,
      cacheType: options.cacheType ?? this.cacheType,
      cacheOptions: options.cacheOptions ?? this.cacheOptions,
    };
    _checkOpenOptions(url, options);
    const info = await this._info(url, { signal: options.signal });
    if (info.type !== "file") {
      throw new FileNotFoundError(`Cannot open "${url}": it is a directory`, {
        path: url,
      });
    }
    if (info.partial === false) {
      const file: AsyncFile = new _StreamFile(
        this,
        url,
        info.size,
        () => _openStream(this.#request, url, options.signal),
        options,
      );
      return file as AsyncFileFor<M>;
    }
    // a size of 0 from a HEAD may be a lie (fsspec streams then): read to the end instead
    const file = new AsyncFile(this, url, info.size || null, options);
    return file as AsyncFileFor<M>;
  }

  /** Release the session (its HTTP client); a later request makes a new one. */
  override async close(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    await session?.close();
  }
}
