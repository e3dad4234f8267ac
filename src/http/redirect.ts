/**
 * Following redirects by hand, for `HTTPFileSystem`'s requests: at most
 * {@linkcode _MAX_REDIRECTS} hops, then a clear error (not a network
 * failure to retry); and the filesystem's own headers and any credentials
 * are dropped once a hop leaves the origin the request was sent to. fetch's
 * `redirect: "follow"` strips only `Authorization` (Deno) and reports a loop
 * as a `TypeError` that looks like a dropped connection. Internal.
 *
 * @module
 */

import { HTTPError } from "../errors.ts";
import type { HTTPSession } from "./session.ts";

/** Hops followed before a request fails (fetch's own limit). */
export const _MAX_REDIRECTS = 20;

/** Statuses that redirect, where a `Location` says where to. */
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Headers that carry credentials, whoever set them. */
const CREDENTIALS: readonly string[] = [
  "authorization",
  "proxy-authorization",
  "cookie",
];

/** A request to send, and whose headers are the user's. */
export interface _Hop {
  method: string;
  /** Every header of the request. */
  headers: Record<string, string>;
  /** The headers the user set (the filesystem's): dropped across origins. */
  userHeaders: Readonly<Record<string, string>>;
  body?: BodyInit;
  signal: AbortSignal;
  /** What the request is for, as in `Cannot <action> "<url>"`. */
  action: string;
}

function withoutForeign(
  headers: Record<string, string>,
  userHeaders: Readonly<Record<string, string>>,
): Record<string, string> {
  const drop = new Set([
    ...CREDENTIALS,
    ...Object.keys(userHeaders).map((h) => h.toLowerCase()),
  ]);
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !drop.has(name.toLowerCase())),
  );
}

/**
 * Fetches `url` through `session`, following redirects: 303 (and 301/302
 * after a POST) continue as GET without the body; 307 and 308 repeat the
 * method and body, which a streamed body cannot (an error then). The
 * answer's `url` is where the last hop went.
 *
 * @param session The session (each hop takes its own per-host slot).
 * @param url The URL, encoded.
 * @param hop The request.
 * @param shownUrl The URL as the caller named it, for messages.
 * @returns The final answer and the function that frees its slot.
 * @throws {HTTPError} With the redirect's status, past {@linkcode _MAX_REDIRECTS} hops, to a scheme other than http(s), or for a streamed body asked to go again.
 * @throws {TypeError} Where fetch fails.
 */
export async function _fetchFollowing(
  session: HTTPSession,
  url: string,
  hop: _Hop,
  shownUrl: string,
): Promise<{ response: Response; release: () => void }> {
  let current = url;
  let { method, headers, body } = hop;
  for (let hops = 0;; hops++) {
    const answer = await session.fetch(current, {
      method,
      headers,
      body,
      signal: hop.signal,
      redirect: "manual",
    });
    const { response, release } = answer;
    // the status first: a header lookup costs more than the set, per request
    if (!REDIRECTS.has(response.status)) return answer;
    const location = response.headers.get("location");
    if (location === null) return answer;
    await response.body?.cancel().catch(() => {});
    release();
    const fail = (state: string) =>
      new HTTPError(`Cannot ${hop.action} "${shownUrl}": ${state}`, {
        status: response.status,
        url: shownUrl,
      });
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw fail(`the server redirected to "${location}", not a URL`);
    }
    if (hops + 1 > _MAX_REDIRECTS) {
      throw fail(
        `more than ${_MAX_REDIRECTS} redirects (the last to "${next.href}")`,
      );
    }
    if (next.protocol !== "http:" && next.protocol !== "https:") {
      throw fail(`the server redirected to "${next.href}", not http(s)`);
    }
    if (
      response.status === 303 ||
      (method === "POST" &&
        (response.status === 301 || response.status === 302))
    ) {
      if (method !== "HEAD") method = "GET";
      body = undefined;
    } else if (body instanceof ReadableStream) {
      throw fail(
        `the server redirected to "${next.href}", and a streamed body cannot be sent again`,
      );
    }
    if (next.origin !== new URL(current).origin) {
      headers = withoutForeign(headers, hop.userHeaders);
    }
    current = next.href;
  }
}
