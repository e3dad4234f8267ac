/**
 * A local HTTP server for the HTTPFileSystem tests, as fsspec's conftest
 * server: files in a map, directory listings generated like nginx's
 * autoindex, and behaviour each test switches (with or without length, HEAD
 * refused, Range ignored, gzip, redirects, fixed statuses, slow answers,
 * connections dropped mid-body, 429 with Retry-After). It records every
 * request it sees.
 *
 * @module
 */

import { HTTPFileSystem, type HTTPFileSystemOptions } from "../../mod.ts";

/** How the server answers; each test sets what it needs. */
export interface Behaviour {
  /** Send `Content-Length` (true) or stream the body chunked without one (false). */
  length: boolean;
  /** HEAD answers normally (`"ok"`), with 405 (`"refused"`) or with 403 (`"forbidden"`). */
  head: "ok" | "refused" | "forbidden";
  /** Honour `Range` with 206 (true) or answer 200 with the whole body (false). */
  range: boolean;
  /**
   * Gzip every file body whatever the client accepts (`Content-Length` is
   * then the compressed size), ignoring Range as nginx's gzip filter does.
   */
  gzip: boolean;
  /** The `Accept-Ranges` header, or none. */
  acceptRanges: "bytes" | "none" | null;
  /** Extra headers on every file answer (ETag, Last-Modified, …). */
  headers: Record<string, string>;
}

/** A request as the server saw it. */
export interface SeenRequest {
  method: string;
  /** Path and query, as sent (not decoded). */
  target: string;
  headers: Headers;
  /** The body of a PUT or POST. */
  body?: Uint8Array;
}

/** Answers with `status` the first `count` times, with `Retry-After` where given. */
export interface Flaky {
  count: number;
  status: number;
  retryAfter?: string;
}

const DEFAULTS: Behaviour = {
  length: true,
  head: "ok",
  range: true,
  gzip: false,
  acceptRanges: "bytes",
  headers: {},
};

/** The test server. `await using server = startServer()`. */
export class TestServer implements AsyncDisposable {
  /** Files by path (`/dir/name`); directories are the prefixes that end in `/`. */
  readonly files: Map<string, Uint8Array> = new Map();
  /** Content types by path; files default to `application/octet-stream`. */
  readonly types: Map<string, string> = new Map();
  /** Paths that redirect (302) to another path or URL. */
  readonly redirects: Map<string, string> = new Map();
  /** Paths that always answer with a status. */
  readonly statuses: Map<string, number> = new Map();
  /** Paths whose answers fail a few times first. */
  readonly flaky: Map<string, Flaky> = new Map();
  /** Paths whose answer never comes (until the client gives up). */
  readonly slow: Set<string> = new Set();
  /** Paths whose body stops halfway and the connection drops. */
  readonly dropped: Set<string> = new Set();
  /** Everything the server saw. */
  readonly requests: SeenRequest[] = [];
  /** The behaviour; tests change it. */
  behaviour: Behaviour = { ...DEFAULTS, headers: {} };
  #server: Deno.HttpServer<Deno.NetAddr>;
  #closing = Promise.withResolvers<void>();

  constructor() {
    this.#server = Deno.serve({
      hostname: "127.0.0.1",
      port: 0,
      onListen() {},
      onError: () => new Response("server error", { status: 500 }),
    }, (request) => this.#handle(request));
  }

  /** `http://127.0.0.1:PORT`. */
  get url(): string {
    return `http://127.0.0.1:${this.#server.addr.port}`;
  }

  /** The requests seen for a path (and query), optionally of one method. */
  seen(target: string, method?: string): SeenRequest[] {
    return this.requests.filter((r) =>
      r.target === target && (!method || r.method === method)
    );
  }

  async #handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const target = request.url.slice(url.origin.length);
    const path = url.pathname;
    const seen: SeenRequest = {
      method: request.method,
      target,
      headers: request.headers,
    };
    this.requests.push(seen);
    const flaky = this.flaky.get(path);
    if (flaky && flaky.count > 0) {
      flaky.count--;
      const headers: Record<string, string> = {};
      if (flaky.retryAfter !== undefined) {
        headers["retry-after"] = flaky.retryAfter;
      }
      return new Response("try later", { status: flaky.status, headers });
    }
    if (request.method === "PUT" || request.method === "POST") {
      seen.body = await request.bytes();
      this.files.set(decodeURIComponent(path), seen.body);
      return new Response(null, { status: 201 });
    }
    if (request.method === "DELETE") {
      return this.files.delete(decodeURIComponent(path))
        ? new Response(null, { status: 204 })
        : new Response("no such file", { status: 404 });
    }
    if (path.startsWith("/echo/")) {
      return Response.json({
        target,
        headers: Object.fromEntries(request.headers),
      });
    }
    const status = this.statuses.get(path);
    if (status !== undefined) {
      return new Response(`status ${status}`, { status });
    }
    const location = this.redirects.get(path);
    if (location !== undefined) {
      return new Response(null, { status: 302, headers: { location } });
    }
    if (this.slow.has(path)) {
      await this.#closing.promise; // the client gives up first
      return new Response("too late");
    }
    const name = decodeURIComponent(path);
    const data = this.files.get(name);
    if (data === undefined) {
      if (this.#isDir(name.endsWith("/") ? name : name + "/")) {
        if (!name.endsWith("/")) {
          return new Response(null, {
            status: 301,
            headers: { location: path + "/" },
          });
        }
        return this.#listing(request, name);
      }
      return new Response("not found", { status: 404 });
    }
    return await this.#file(request, path, data);
  }

  #isDir(dir: string): boolean {
    if (dir === "/") return true;
    for (const name of this.files.keys()) {
      if (name.startsWith(dir)) return true;
    }
    return false;
  }

  /** An nginx-style autoindex page: a parent link, relative links, `/` on directories. */
  #listing(request: Request, dir: string): Response {
    const entries = new Set<string>();
    for (const name of this.files.keys()) {
      if (!name.startsWith(dir)) continue;
      const rest = name.slice(dir.length);
      const slash = rest.indexOf("/");
      entries.add(slash === -1 ? rest : rest.slice(0, slash + 1));
    }
    const links = [...entries].sort().map((e) =>
      `<a href="${encodeURI(e).replaceAll("&", "&amp;")}">${e}</a>`
    );
    const html = `<html><head><title>Index of ${dir}</title></head><body>
<h1>Index of ${dir}</h1><a href="?C=N;O=D">Name</a><hr><pre>
<a href="../">../</a>
${links.join("\n")}
</pre><hr></body></html>`;
    const body = request.method === "HEAD" ? null : html;
    return new Response(body, {
      headers: { "content-type": "text/html; charset=utf-8" },
    });
  }

  async #file(
    request: Request,
    path: string,
    whole: Uint8Array,
  ): Promise<Response> {
    const b = this.behaviour;
    const headers: Record<string, string> = {
      "content-type": this.types.get(path) ?? "application/octet-stream",
      ...b.headers,
    };
    if (b.acceptRanges) headers["accept-ranges"] = b.acceptRanges;
    if (request.method === "HEAD") {
      if (b.head === "refused") return new Response(null, { status: 405 });
      if (b.head === "forbidden") return new Response(null, { status: 403 });
    }
    let data = whole;
    let status = 200;
    const range = request.headers.get("range");
    if (range && b.range && !b.gzip) {
      const m = /^bytes=(\d*)-(\d*)$/.exec(range);
      if (m) {
        const n = whole.length;
        let start = m[1] === "" ? n - Number(m[2]) : Number(m[1]);
        let end = m[1] === "" || m[2] === "" ? n - 1 : Number(m[2]);
        start = Math.max(0, start);
        end = Math.min(end, n - 1);
        if (start >= n) {
          return new Response(null, {
            status: 416,
            headers: { "content-range": `bytes */${n}` },
          });
        }
        status = 206;
        data = whole.subarray(start, end + 1);
        headers["content-range"] = `bytes ${start}-${end}/${n}`;
      }
    }
    if (b.gzip) {
      data = await gzip(data);
      headers["content-encoding"] = "gzip";
    }
    if (request.method === "HEAD") {
      if (b.length) {
        headers["content-length"] = String(data.length);
        return new Response(null, { status, headers });
      }
      // a null body would get "content-length: 0"; an empty stream gets none
      return new Response(new ReadableStream({ start: (c) => c.close() }), {
        status,
        headers,
      });
    }
    if (this.dropped.has(path)) {
      headers["content-length"] = String(data.length);
      const half = data.subarray(0, data.length >> 1);
      return new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(half);
          },
          pull(controller) {
            controller.error(new Error("connection dropped on purpose"));
          },
        }),
        { status, headers },
      );
    }
    if (!b.length) {
      const body = data;
      return new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(body);
            controller.close();
          },
        }),
        { status, headers },
      );
    }
    return new Response(data as Uint8Array<ArrayBuffer>, { status, headers });
  }

  /** Stop the server, ending slow answers. */
  async close(): Promise<void> {
    this.#closing.resolve();
    await this.#server.shutdown();
  }

  /** `await using` closes it. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new CompressionStream("gzip"));
  return await new Response(stream).bytes();
}

/** Starts a test server on 127.0.0.1 and a free port. */
export function startServer(): TestServer {
  return new TestServer();
}

/** Bytes of a given length with a recognisable pattern. */
export function pattern(length: number, seed = 0): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 7 + seed) & 0xff;
  return out;
}

/** A text decoded from UTF-8. */
export function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** An `HTTPFileSystem` for async code. */
export function httpFs(options: HTTPFileSystemOptions = {}): HTTPFileSystem {
  return new HTTPFileSystem({ asynchronous: true, ...options });
}

/** A server with a small tree: /index/realfile, /index/otherfile, /simple/file, /simple/dir/file. */
export function treeServer(): TestServer {
  const server = startServer();
  const data = pattern(1000);
  server.files.set("/index/realfile", data);
  server.files.set("/index/otherfile", data);
  server.files.set("/simple/file", pattern(10, 1));
  server.files.set("/simple/dir/file", pattern(20, 2));
  return server;
}

/** A port nothing listens on: bound, then released. */
export function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}
