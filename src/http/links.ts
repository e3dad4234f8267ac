/**
 * Listing an HTTP "directory": the links of an HTML page that lie below the
 * page's URL (fsspec's `ls` for HTTP, with its link filters fixed). Internal.
 *
 * @module
 */

import type { FileInfo } from "../types.ts";
import { _mimetypeOf } from "./info.ts";
import { _raiseForStatus, type _Requester } from "./request.ts";
import { HTTPError } from "../errors.ts";
import { _contentLength } from "./range.ts";

/** A bare URL in the text (fsspec's `simple_links`). */
const BARE = /https?:\/\/[-a-zA-Z0-9@:%_+.~#?&/=]+/g;

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/** Options of {@linkcode _listingInfos}. */
export interface _LinkOptions {
  /** Largest page read, in bytes; 0: no cap (see `HTTPFileSystemOptions`). */
  maxListingBytes?: number;
  /** Also take bare `http(s)://…` URLs in the text, not only `href`s. */
  simpleLinks: boolean;
  /** Keep only links with the page's scheme; else `http` and `https` mix. */
  sameScheme: boolean;
}

/** Decodes the character references an attribute value may hold. */
export function _decodeEntities(text: string): string {
  return text.replace(
    /&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi,
    (whole, ref: string) => {
      if (ref[0] === "#") {
        const code = ref[1] === "x" || ref[1] === "X"
          ? parseInt(ref.slice(2), 16)
          : parseInt(ref.slice(1), 10);
        return code > 0 && code <= 0x10ffff
          ? String.fromCodePoint(code)
          : whole;
      }
      return ENTITIES[ref.toLowerCase()] ?? whole;
    },
  );
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** Index of the first character at or after `i` that is not white space. */
function skipSpace(html: string, i: number): number {
  while (i < html.length && isSpace(html.charCodeAt(i))) i++;
  return i;
}

/**
 * The `href` values of a page's `<a>` tags, as written, in page order. One
 * pass that reads each character a bounded number of times: a regular
 * expression over hostile HTML (thousands of `<a ` and no `>`) can
 * backtrack into quadratic time; this cannot.
 */
export function _hrefs(html: string): string[] {
  const out: string[] = [];
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt === -1) break;
    i = lt + 1;
    const c = html.charCodeAt(i);
    const after = html.charCodeAt(i + 1);
    if ((c !== 97 && c !== 65) || !(isSpace(after) || after === 47)) continue;
    i += 1;
    let href: string | undefined;
    // the attributes, up to the tag's end
    while (i < n) {
      i = skipSpace(html, i);
      if (html[i] === "/") {
        i++;
        continue;
      }
      if (i >= n || html[i] === ">") break;
      const nameStart = i++; // a name takes at least one character, "=" included
      while (i < n) {
        const d = html.charCodeAt(i);
        if (isSpace(d) || d === 61 || d === 62 || d === 47) break; // = > /
        i++;
      }
      const name = html.slice(nameStart, i);
      i = skipSpace(html, i);
      if (html[i] !== "=") continue;
      i = skipSpace(html, i + 1);
      let value: string;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close === -1) {
          i = n; // an unclosed quote runs to the end: no value
          break;
        }
        value = html.slice(i + 1, close);
        i = close + 1;
      } else {
        const valueStart = i;
        while (i < n) {
          const d = html.charCodeAt(i);
          if (isSpace(d) || d === 62) break;
          i++;
        }
        value = html.slice(valueStart, i);
      }
      if (href === undefined && name.length === 4 && /^href$/i.test(name)) {
        href = value;
      }
    }
    if (href !== undefined) out.push(href);
  }
  return out;
}

/** Every link of a page, as written (entities decoded), in page order. */
export function _rawLinks(html: string, simpleLinks: boolean): string[] {
  const out: string[] = [];
  for (const href of _hrefs(html)) out.push(_decodeEntities(href).trim());
  if (simpleLinks) {
    for (const m of html.matchAll(BARE)) out.push(_decodeEntities(m[0]));
  }
  return out;
}

/**
 * The URL of the "directory" a page lists: the page's URL without query or
 * fragment, ending in `/`.
 */
export function _directoryUrl(pageUrl: string): URL {
  const dir = new URL(pageUrl);
  dir.search = "";
  dir.hash = "";
  if (!dir.pathname.endsWith("/")) dir.pathname += "/";
  return dir;
}

/**
 * The entries a listing page shows: its links resolved against the page (as
 * a browser does), kept where they lie below the listed directory on the
 * same host (and scheme, with `sameScheme`), the directory itself (parent
 * links, autoindex sort links such as `?C=N;O=D`) left out. A link ending in
 * `/` is a directory; names lose that `/`. Sizes are unknown (`null`): a
 * listing page does not say them in any standard way.
 *
 * @param html The page.
 * @param pageUrl The URL the page came from, after redirects.
 * @param options Which links count.
 * @returns The entries, sorted by name, without duplicates.
 */
export function _listingInfos(
  html: string,
  pageUrl: string,
  options: _LinkOptions,
): FileInfo[] {
  const dir = _directoryUrl(pageUrl);
  const found = new Map<string, FileInfo>();
  for (const raw of _rawLinks(html, options.simpleLinks)) {
    if (raw === "" || raw.startsWith("#")) continue;
    let link: URL;
    try {
      link = new URL(raw, pageUrl);
    } catch {
      continue; // not a URL at all: page text, not a link
    }
    if (link.protocol !== "http:" && link.protocol !== "https:") continue;
    if (options.sameScheme && link.protocol !== dir.protocol) continue;
    if (link.host !== dir.host) continue;
    if (
      !link.pathname.startsWith(dir.pathname) ||
      link.pathname === dir.pathname
    ) {
      continue; // parents, siblings, and the directory itself (sort links)
    }
    link.hash = "";
    const isDir = link.pathname.endsWith("/") && link.search === "";
    const path = link.pathname.replace(/\/+$/, "");
    const name = `${link.protocol}//${link.host}${path}${link.search}`;
    const previous = found.get(name);
    if (!previous || (isDir && previous.type !== "directory")) {
      found.set(name, { name, size: null, type: isDir ? "directory" : "file" });
    }
  }
  return [...found.values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
}

/**
 * The text of a listing page, read up to `cap` bytes (0: no cap): a longer
 * page (by its `Content-Length`, or once that many bytes came) is an error,
 * and the rest of it is not read.
 */
async function readPage(
  response: Response,
  cap: number,
  url: string,
): Promise<string> {
  if (cap === 0 || !response.body) return await response.text();
  const tooLarge = async () => {
    await response.body?.cancel().catch(() => {});
    return new HTTPError(
      `Cannot list "${url}": the page is larger than maxListingBytes (${cap} bytes)`,
      { status: response.status, url },
    );
  };
  if ((_contentLength(response) ?? 0) > cap) throw await tooLarge();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let length = 0;
  for await (const chunk of response.body) {
    length += chunk.length;
    if (length > cap) throw await tooLarge();
    parts.push(decoder.decode(chunk, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join("");
}

/**
 * The entries of the page at `url` (see {@linkcode _listingInfos}), its
 * links resolved against the URL it came from (after redirects). A page
 * that is not HTML lists nothing, and is not read.
 *
 * @param request Sends requests (with the filesystem's headers, retries, timeout).
 * @param url The page's URL.
 * @param options Which links count.
 * @param signal Aborts.
 * @returns The entries.
 * @throws {FileNotFoundError | PermissionError | HTTPError} For a failing status or connection.
 * @throws {HTTPError} With the answer's status, for a page past `maxListingBytes`.
 */
export function _fetchListing(
  request: _Requester,
  url: string,
  options: _LinkOptions,
  signal: AbortSignal | undefined,
): Promise<FileInfo[]> {
  return request(
    url,
    { method: "GET", action: "list", signal },
    async (response) => {
      if (!response.ok) await _raiseForStatus(response, "list", url);
      const type = _mimetypeOf(response);
      if (
        type !== null && type !== "text/html" &&
        type !== "application/xhtml+xml"
      ) {
        await response.body?.cancel();
        return [];
      }
      const html = await readPage(response, options.maxListingBytes ?? 0, url);
      return _listingInfos(html, response.url || url, {
        simpleLinks: options.simpleLinks,
        sameScheme: options.sameScheme,
      });
    },
  );
}
