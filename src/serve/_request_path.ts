/**
 * The path a request asks for, checked segment by segment so that no
 * spelling reaches outside the served root. Internal.
 *
 * @module
 */

/** A request target that names nothing under the root, in any spelling. */
export class _UnsafePathError extends Error {
  override name = "_UnsafePathError";
}

/** What a request path names below the root. */
export interface _RequestPath {
  /** The decoded segments below the root; empty for the root itself. */
  segments: string[];
  /** The path as sent (still percent-encoded), from its first `/`. */
  raw: string;
  /** Whether the path as sent ends in `/` (a directory page is wanted). */
  slash: boolean;
}

/**
 * Segments no filesystem may see: dot segments, separators, NUL and other
 * control characters. For a root that is a URL, also what a URL would read
 * again: a `%XX` escape left after decoding, `?` and `#`.
 */
function unsafe(segment: string, urlRoot: boolean): boolean {
  if (segment === "" || segment === "." || segment === "..") return true;
  // deno-lint-ignore no-control-regex
  if (/[/\\\x00-\x1f\x7f]/.test(segment)) return true;
  return urlRoot && /%[0-9a-fA-F]{2}|[?#]/.test(segment);
}

/**
 * The segments a request URL names, from the URL as the client sent it (not
 * as a URL parser would normalise it: `/a/../b` is refused, not read as
 * `/b`).
 *
 * @param url `request.url`.
 * @param urlRoot Whether the served root is a URL (an HTTP filesystem).
 * @returns The checked path.
 * @throws {_UnsafePathError} For a dot segment in any spelling (`..`,
 * `%2e%2e`), an encoded or literal separator (`%2f`, `\`, `%5c`), an empty
 * segment (`//`), NUL or a control character, a malformed escape, or a
 * target that is not an absolute path.
 */
export function _requestPath(url: string, urlRoot: boolean): _RequestPath {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*/i.exec(url);
  const target = authority ? url.slice(authority[0].length) : url;
  const raw = target.replace(/[?#].*$/s, "");
  if (!raw.startsWith("/")) {
    throw new _UnsafePathError(`Cannot serve "${url}": not an absolute path`);
  }
  const slash = raw.length > 1 && raw.endsWith("/");
  const body = raw.slice(1, slash ? -1 : undefined);
  const segments: string[] = [];
  if (body !== "") {
    for (const part of body.split("/")) {
      let segment: string;
      try {
        segment = decodeURIComponent(part);
      } catch {
        throw new _UnsafePathError(
          `Cannot serve "${url}": a malformed escape`,
        );
      }
      if (unsafe(segment, urlRoot) || unsafe(part, false)) {
        throw new _UnsafePathError(
          `Cannot serve "${url}": it names something outside the root`,
        );
      }
      segments.push(segment);
    }
  }
  return { segments, raw, slash };
}
