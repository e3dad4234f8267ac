/**
 * One HTTP request of an `HTTPFileSystem`: the URL quoted (or not), the
 * per-request timeout, retries with jittered exponential backoff that honour
 * `Retry-After`, statuses mapped onto the filesystem errors, and every body
 * read or cancelled. Internal.
 *
 * @module
 */

import { delay } from "@std/async/delay";
import { STATUS_CODE } from "@std/http/status";
import {
  FileNotFoundError,
  FSTimeoutError,
  HTTPError,
  PermissionError,
} from "../errors.ts";
import type { HTTPSession } from "./session.ts";
import { _fetchFollowing } from "./redirect.ts";

/** Statuses worth another try: the server asks to wait, or a gateway failed. */
const RETRY_STATUSES: ReadonlySet<number> = new Set([
  STATUS_CODE.TooManyRequests,
  STATUS_CODE.BadGateway,
  STATUS_CODE.ServiceUnavailable,
  STATUS_CODE.GatewayTimeout,
]);
/** First backoff, in milliseconds; it doubles per attempt. */
const BACKOFF_BASE_MS = 100;
/** Longest backoff, in milliseconds. */
const BACKOFF_MAX_MS = 10_000;
/** A `Retry-After` longer than this (ms) is not waited for: the error is thrown. */
const RETRY_AFTER_MAX_MS = 60_000;
/** The signal of a request that nothing aborts. */
const NEVER: AbortSignal = new AbortController().signal;

/** What every request of a filesystem shares. */
export interface _RequestSettings {
  /** The session to fetch through. */
  session: HTTPSession;
  /** Headers sent with every request. */
  headers: Record<string, string>;
  /** Seconds per attempt; 0 or undefined: none. */
  timeout: number | undefined;
  /** Further attempts for GET and HEAD. */
  retries: number;
  /** URLs are sent as given (true) or quoted where needed (false). */
  encoded: boolean;
}

/** One request. */
export interface _RequestInit {
  /** The HTTP method. */
  method: "GET" | "HEAD" | "PUT" | "POST" | "DELETE";
  /** What the request is for, as in `Cannot <action> "<url>"`. */
  action: string;
  /** Headers on top of the filesystem's. */
  headers?: Record<string, string>;
  /** The body. */
  body?: BodyInit;
  /** Aborts the request and any wait. */
  signal?: AbortSignal;
  /**
   * Retry failures while the body is read too, not only before the answer
   * came (the handler must then be safe to run again).
   * @default {true}
   */
  retryBody?: boolean;
}

/** Sends one request and hands the answer to a handler (`HTTPFileSystem`'s request). */
export type _Requester = <T>(
  url: string,
  init: _RequestInit,
  handle: (response: Response, signal: AbortSignal) => Promise<T>,
) => Promise<T>;

/**
 * The URL to fetch. With `encoded` false, characters that need it are
 * quoted (a `%` that starts no escape included); with `encoded` true the URL
 * must already be quoted, as fsspec's (yarl's) `encoded=True`.
 *
 * @throws {TypeError} For a URL that does not parse, or that needs quoting while `encoded` is true.
 */
export function _encodeUrl(url: string, encoded: boolean): string {
  if (encoded && /[^\x21-\x7e]|%(?![0-9a-fA-F]{2})/.test(url)) {
    throw new TypeError(
      `Cannot request "${url}": it has characters that need quoting, and encoded is true`,
    );
  }
  const text = encoded ? url : url.replace(/%(?![0-9a-fA-F]{2})/g, "%25");
  try {
    return new URL(text).href;
  } catch (cause) {
    throw new TypeError(`Cannot request "${url}": not a valid URL`, { cause });
  }
}

/** Whether a URL parses (`%` not starting an escape allowed, as requests quote it). */
export function _urlParses(url: string): boolean {
  try {
    _encodeUrl(url, false);
    return true;
  } catch {
    return false;
  }
}

/**
 * The error for a status: 404 and 410 are `FileNotFoundError`, 401 and 403
 * `PermissionError`, anything else `HTTPError`.
 */
export function _statusError(
  status: number,
  statusText: string,
  action: string,
  url: string,
): Error {
  const message = `Cannot ${action} "${url}": server answered ${status}${
    statusText ? ` ${statusText}` : ""
  }`;
  if (status === STATUS_CODE.NotFound || status === STATUS_CODE.Gone) {
    return new FileNotFoundError(message, { path: url });
  }
  if (status === STATUS_CODE.Unauthorized || status === STATUS_CODE.Forbidden) {
    return new PermissionError(message, { path: url, status });
  }
  return new HTTPError(message, { status, url });
}

/**
 * Throws the error for a response's status, once its body is cancelled.
 *
 * @throws {FileNotFoundError | PermissionError | HTTPError} Always.
 */
export async function _raiseForStatus(
  response: Response,
  action: string,
  url: string,
): Promise<never> {
  await response.body?.cancel().catch(() => {});
  throw _statusError(response.status, response.statusText, action, url);
}

/** Milliseconds a `Retry-After` header asks for (seconds or a date); null without one. */
export function _retryAfterMs(
  value: string | null,
  now = Date.now(),
): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Exponential backoff with jitter: between half and all of `base * 2^attempt`, capped.
 * Ours, as is the loop in `_request`: @std/async's `retry` retries only
 * thrown errors, cannot wait what a `Retry-After` header asks, and gives
 * the attempt no signal of its own to abort on timeout.
 */
export function _backoffMs(attempt: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return ceiling / 2 + Math.random() * ceiling / 2;
}

/** A network failure of fetch or of reading a body (a reset, a refused connection). */
function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError;
}

/**
 * The error for a connection failure (refused, DNS, TLS, reset): an
 * `HTTPError` with `status` 0 whose message names the cause fetch gives
 * (fetch's own message is only "fetch failed").
 */
export function _networkError(
  error: unknown,
  action: string,
  url: string,
): HTTPError {
  const inner = (error as Error).cause;
  const detail = inner instanceof Error
    ? inner.message
    : (error as Error).message;
  return new HTTPError(
    `Cannot ${action} "${url}": the connection failed (${detail})`,
    { status: 0, url, cause: error },
  );
}

/**
 * Sends a request and hands the answer to `handle`, whatever its status:
 * the handler reads what it needs and maps statuses to errors (see
 * {@linkcode _raiseForStatus}); a body it leaves is cancelled afterwards.
 *
 * GET and HEAD are tried again, up to `retries` times, on 429, 502, 503, 504
 * and network failures, after a jittered exponential backoff, or after what
 * `Retry-After` asks where that is longer (and at most a minute: a longer
 * wait throws the error at once). Other methods are never retried.
 * Redirects are followed up to a limit (see `_fetchFollowing`); the
 * filesystem's headers and credentials do not follow one to another origin.
 *
 * @param settings The filesystem's session, headers, timeout and retries.
 * @param url The URL as the caller named it.
 * @param init Method, action, headers, body, signal.
 * @param handle Reads the answer; gets a signal that aborts on timeout.
 * @returns What `handle` returns.
 * @throws {FSTimeoutError} Where an attempt took longer than the timeout.
 * @throws {HTTPError} With a 3xx `status` for too many redirects (never retried).
 * @throws {HTTPError} With `status` 0 for a connection failure (refused, DNS, TLS, reset), the fetch error as `cause`.
 * @throws {TypeError} For a malformed URL, or a closed session.
 */
export async function _request<T>(
  settings: _RequestSettings,
  url: string,
  init: _RequestInit,
  handle: (response: Response, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const target = _encodeUrl(url, settings.encoded);
  const { signal: callerSignal, retryBody = true } = init;
  const retries = init.method === "GET" || init.method === "HEAD"
    ? settings.retries
    : 0;
  const headers = init.headers
    ? { ...settings.headers, ...init.headers }
    : settings.headers;
  for (let attempt = 0;; attempt++) {
    callerSignal?.throwIfAborted();
    // The timeout aborts this attempt's fetch and body, not only the wait:
    // @std/async's deadline() would reject but leave the request running.
    // No controller (and no listener on the caller's signal, which a batch
    // shares among all its requests) where there is no timeout.
    const controller = settings.timeout ? new AbortController() : undefined;
    const signal = !controller
      ? callerSignal ?? NEVER
      : callerSignal
      ? AbortSignal.any([callerSignal, controller.signal])
      : controller.signal;
    let timedOut = false;
    const timer = settings.timeout
      ? setTimeout(() => {
        timedOut = true;
        controller!.abort(
          new FSTimeoutError(
            `Cannot ${init.action} "${url}": no answer within ${settings.timeout} s`,
            { timeout: settings.timeout },
          ),
        );
      }, settings.timeout * 1000)
      : undefined;
    let backoff: number | null = null;
    let answered = false;
    try {
      const { response, release } = await _fetchFollowing(
        settings.session,
        target,
        {
          method: init.method,
          headers,
          userHeaders: settings.headers,
          body: init.body,
          signal,
          action: init.action,
        },
        url,
      );
      answered = true;
      try {
        if (attempt < retries && RETRY_STATUSES.has(response.status)) {
          const asked = _retryAfterMs(response.headers.get("retry-after"));
          if (asked === null || asked <= RETRY_AFTER_MAX_MS) {
            backoff = Math.max(asked ?? 0, _backoffMs(attempt));
            await response.body?.cancel();
            continue;
          }
        }
        return await handle(response, signal);
      } finally {
        if (response.body && !response.bodyUsed) {
          await response.body.cancel().catch(() => {});
        }
        release();
      }
    } catch (error) {
      if (timedOut) {
        throw error instanceof FSTimeoutError ? error : new FSTimeoutError(
          `Cannot ${init.action} "${url}": no answer within ${settings.timeout} s`,
          { timeout: settings.timeout, cause: error },
        );
      }
      if (callerSignal?.aborted) throw callerSignal.reason;
      if (!isNetworkError(error) || settings.session.closed) throw error;
      if (attempt < retries && (!answered || retryBody)) {
        backoff = _backoffMs(attempt);
        continue;
      }
      throw _networkError(error, init.action, url);
    } finally {
      clearTimeout(timer);
      if (backoff !== null) await delay(backoff, { signal: callerSignal });
    }
  }
}
