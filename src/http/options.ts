/**
 * The options of `HTTPFileSystem` and of its methods that take more than
 * the common ones.
 *
 * @module
 */

import type { FileSystemOptions } from "../async_file_system.ts";
import type { CacheOptions, CacheType } from "../caching/cache_options.ts";
import type { IOOptions, TransferFileOptions } from "../types.ts";
import { HTTPSession, type HTTPSessionOptions } from "./session.ts";

/** Options of `HTTPFileSystem`. */
export interface HTTPFileSystemOptions extends FileSystemOptions {
  /**
   * Listings take bare `http(s)://…` URLs in the page text too, not only
   * `href` links.
   * @default {true}
   */
  simpleLinks?: boolean;
  /**
   * Listings keep only links with the listed URL's scheme; false lets
   * `http` and `https` links mix.
   * @default {true}
   */
  sameScheme?: boolean;
  /**
   * Bytes read ahead per request by files from `openAsync`.
   * @default {5242880}
   */
  blockSize?: number;
  /**
   * The cache of files from `openAsync`, by fsspec's name (see
   * {@linkcode CacheType}).
   * @default {"bytes"}
   */
  cacheType?: CacheType;
  /**
   * Options of the file cache (fsspec's `cache_options`).
   * @default {undefined}
   */
  cacheOptions?: CacheOptions;
  /**
   * Headers sent with every request, uploads included.
   * @default {{}}
   */
  headers?: Record<string, string>;
  /**
   * URLs are already quoted and sent as given (true), or characters that
   * need it are quoted (false).
   * @default {false}
   */
  encoded?: boolean;
  /**
   * Options for `Deno.createHttpClient` (pool size, idle timeout, HTTP/1 or
   * HTTP/2, proxy, CA certificates): the filesystem gets its own client.
   * @default {undefined}
   */
  client?: Deno.CreateHttpClientOptions;
  /**
   * A replacement for `fetch`. Asynchronous mode only: a function cannot be
   * sent to the IO Worker.
   * @default {undefined}
   */
  fetch?: typeof fetch;
  /**
   * Seconds each request (each attempt) may take, body included; then
   * `FSTimeoutError`. 0: none.
   * @default {0}
   */
  timeout?: number;
  /**
   * Further attempts of a GET or HEAD after 429, 502, 503, 504 or a network
   * failure. Other methods are never retried.
   * @default {3}
   */
  retries?: number;
  /**
   * At most this many requests in flight per host; -1: no cap. The default
   * is 100, or a quarter of the open-file soft limit where that is lower
   * and can be read (as `batchDefaults` follows it).
   * @default {100}
   */
  limitPerHost?: number;
  /**
   * The method `_putFile` (and so `_put`) uploads with, unless told.
   * @default {"POST"}
   */
  uploadMethod?: "POST" | "PUT";
  /**
   * Largest listing page `_ls` reads, in bytes; a larger page is an
   * `HTTPError` (and is not read further), so a hostile or huge index cannot
   * exhaust memory. 0: no cap.
   * @default {16777216}
   */
  maxListingBytes?: number;
}

/** Options of `HTTPFileSystem._exists`. */
export interface HTTPExistsOptions extends IOOptions {
  /**
   * Throw failures other than not-found (a 500, 401, a refused connection)
   * instead of answering false.
   * @default {false}
   */
  strict?: boolean;
}

/** Options of `HTTPFileSystem._putFile`. */
export interface HTTPPutFileOptions extends TransferFileOptions {
  /**
   * `"POST"` or `"PUT"`. Unset: the filesystem's `uploadMethod`.
   * @default {undefined}
   */
  method?: "POST" | "PUT";
}

/** The options of an `HTTPFileSystem` checked, with their defaults. */
export interface _Settings {
  simpleLinks: boolean;
  sameScheme: boolean;
  blockSize: number;
  cacheType: CacheType;
  encoded: boolean;
  headers: Record<string, string>;
  timeout: number;
  retries: number;
  uploadMethod: "POST" | "PUT";
  maxListingBytes: number;
  session: HTTPSessionOptions;
}

function nonNegative(name: string, value: number, integer: boolean): number {
  if (
    typeof value !== "number" || !(value >= 0) || value === Infinity ||
    (integer && !Number.isInteger(value))
  ) {
    throw new RangeError(
      `Cannot use ${name} ${value}: it must be a non-negative ${
        integer ? "integer" : "number"
      }`,
    );
  }
  return value;
}

/**
 * Checks the options and fills in the defaults.
 *
 * @throws {TypeError} For `fetch` without `asynchronous`, a `fetch` that is no function, or a bad `uploadMethod`.
 * @throws {RangeError} For a negative or non-integer number.
 */
export function _settingsOf(
  options: HTTPFileSystemOptions,
  asynchronous: boolean,
): _Settings {
  if (options.fetch !== undefined) {
    if (typeof options.fetch !== "function") {
      throw new TypeError(
        `Cannot use option fetch ${options.fetch}: it must be a function`,
      );
    }
    if (!asynchronous) {
      throw new TypeError(
        "Cannot use option fetch: a function cannot reach the IO Worker; pass asynchronous: true",
      );
    }
  }
  const uploadMethod = options.uploadMethod ?? "POST";
  if (uploadMethod !== "POST" && uploadMethod !== "PUT") {
    throw new TypeError(
      `Cannot use uploadMethod "${uploadMethod}": use "POST" or "PUT"`,
    );
  }
  const session: HTTPSessionOptions = {
    client: options.client,
    fetch: options.fetch,
    limitPerHost: options.limitPerHost,
  };
  new HTTPSession({ limitPerHost: session.limitPerHost }); // checks it; holds nothing
  return {
    simpleLinks: options.simpleLinks ?? true,
    sameScheme: options.sameScheme ?? true,
    blockSize: nonNegative("blockSize", options.blockSize ?? 5 * 2 ** 20, true),
    cacheType: options.cacheType ?? "bytes",
    encoded: options.encoded ?? false,
    headers: { ...options.headers },
    timeout: nonNegative("timeout", options.timeout ?? 0, false),
    retries: nonNegative("retries", options.retries ?? 3, true),
    uploadMethod,
    maxListingBytes: nonNegative(
      "maxListingBytes",
      options.maxListingBytes ?? 16 * 2 ** 20,
      true,
    ),
    session,
  };
}
