/**
 * A switchable HTTP/1.1 server written on raw TCP, for the range, size and
 * HEAD cases of issue 12: it answers exactly as its switches say (no runtime
 * adds or drops a header behind its back), can drop a connection, and closes
 * every connection after one answer. The switches model the servers fsspec's
 * own test server models:
 * - `range`: honour `Range` with a 206, answer a 200 carrying only the asked
 *   bytes, or ignore it (a 200 with the whole file);
 * - `contentRange`: send `Content-Range` with a partial answer or not;
 * - `contentLength`: send `Content-Length` or end the body by closing;
 * - `head`: allowed, refused (405), failing (500), dropped, or lying
 *   (`Content-Length: 0`);
 * - `acceptRanges`: `bytes`, `none` or no header;
 * - `gzip`: every file body gzipped whatever was asked (Range ignored, as
 *   nginx's gzip filter does).
 * Directories are the prefixes of file names; `/dir/` lists its entries
 * with relative links, and `/dir` answers 404 unless `redirectDirs` is set.
 *
 * @module
 */

import { type AsyncFileSystem, filesystem, type IOLoop } from "../../mod.ts";

/** How the server answers. */
export interface Switches {
  /** `"206"`: partial content; `"slice"`: a 200 with only the asked bytes; `"ignore"`: a 200 with the whole file. */
  range: "206" | "slice" | "ignore";
  /** Send `Content-Range` on partial answers (206 or slice). */
  contentRange: boolean;
  /** Send `Content-Length` (else the body ends when the connection closes). */
  contentLength: boolean;
  /** HEAD answered (`ok`), refused (405), failing (500), dropped, or saying `Content-Length: 0` (`zero`). */
  head: "ok" | "refused" | "failing" | "dropped" | "zero";
  /** The `Accept-Ranges` header of file answers, or none. */
  acceptRanges: "bytes" | "none" | null;
  /** Gzip every file body, ignoring Range. */
  gzip: boolean;
  /** `/dir` redirects to `/dir/` (true) or is a 404 (false). */
  redirectDirs: boolean;
}

/** The default switches: a well-behaved server. */
export const WELL_BEHAVED: Switches = {
  range: "206",
  contentRange: true,
  contentLength: true,
  head: "ok",
  acceptRanges: "bytes",
  gzip: false,
  redirectDirs: false,
};

/** A request as the server saw it. */
export interface SeenRequest {
  /** The method. */
  method: string;
  /** The path as sent. */
  path: string;
  /** The `Range` header, if any. */
  range: string | null;
}

const encoder = new TextEncoder();

/** The switchable server; `await using server = new SwitchServer(files)`. */
export class SwitchServer implements AsyncDisposable {
  /** Files by path. */
  readonly files: Map<string, Uint8Array>;
  /** What the server answers like; tests change it between requests. */
  switches: Switches = { ...WELL_BEHAVED };
  /** Every request seen. */
  readonly requests: SeenRequest[] = [];
  #listener: Deno.Listener<Deno.TcpConn, Deno.NetAddr>;
  #serving: Promise<void>;
  #conns = new Set<Promise<void>>();

  /**
   * Starts on 127.0.0.1, port 0.
   * @param files Files by path.
   */
  constructor(files: Record<string, Uint8Array>) {
    this.files = new Map(Object.entries(files));
    this.#listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    this.#serving = this.#accept();
  }

  /** `http://127.0.0.1:PORT`. */
  get url(): string {
    return `http://127.0.0.1:${this.#listener.addr.port}`;
  }

  async #accept(): Promise<void> {
    try {
      for await (const conn of this.#listener) {
        const done = this.#serve(conn).finally(() => this.#conns.delete(done));
        this.#conns.add(done);
      }
    } catch {
      // the listener closed
    }
  }

  async #serve(conn: Deno.TcpConn): Promise<void> {
    try {
      const head = await readHead(conn);
      if (head === null) return;
      const [method, path] = head.line.split(" ");
      const range = head.headers.get("range") ?? null;
      this.requests.push({ method, path, range });
      const answer = await this.#answer(
        method,
        decodeURIComponent(path),
        range,
      );
      if (answer === null) return; // dropped
      const lines = [`HTTP/1.1 ${answer.status} X`, "connection: close"];
      for (const [k, v] of Object.entries(answer.headers)) {
        lines.push(`${k}: ${v}`);
      }
      await writeAll(conn, encoder.encode(lines.join("\r\n") + "\r\n\r\n"));
      if (method !== "HEAD") await writeAll(conn, answer.body);
    } catch {
      // the client went away
    } finally {
      try {
        conn.close();
      } catch {
        // closed already
      }
    }
  }

  async #answer(
    method: string,
    path: string,
    range: string | null,
  ): Promise<
    { status: number; headers: Record<string, string>; body: Uint8Array } | null
  > {
    const s = this.switches;
    const data = this.files.get(path);
    const html = { "content-type": "text/html" };
    if (data === undefined) {
      const dir = path.endsWith("/") ? path : path + "/";
      const entries = new Set<string>();
      for (const name of this.files.keys()) {
        if (!name.startsWith(dir)) continue;
        const rest = name.slice(dir.length);
        entries.add(
          rest.includes("/") ? rest.slice(0, rest.indexOf("/") + 1) : rest,
        );
      }
      if (entries.size === 0) return this.#plain(404, "not found");
      if (!path.endsWith("/")) {
        return s.redirectDirs
          ? {
            status: 301,
            headers: { location: dir, "content-length": "0" },
            body: new Uint8Array(0),
          }
          : this.#plain(404, "not found");
      }
      const links = [...entries].sort().map((e) => `<a href="${e}">${e}</a>`);
      const body = encoder.encode(
        `<html><body><a href="../">../</a>\n${links.join("\n")}</body></html>`,
      );
      return {
        status: 200,
        headers: { ...html, "content-length": String(body.length) },
        body,
      };
    }
    const headers: Record<string, string> = {
      "content-type": "application/octet-stream",
    };
    if (s.acceptRanges) headers["accept-ranges"] = s.acceptRanges;
    if (method === "HEAD") {
      if (s.head === "dropped") return null;
      if (s.head === "refused") return this.#plain(405, "no HEAD");
      if (s.head === "failing") return this.#plain(500, "HEAD broke");
      if (s.head === "zero") {
        return {
          status: 200,
          headers: { ...headers, "content-length": "0" },
          body: new Uint8Array(0),
        };
      }
    }
    let body = data;
    let status = 200;
    const m = range && !s.gzip && s.range !== "ignore"
      ? /^bytes=(\d*)-(\d*)$/.exec(range)
      : null;
    if (m) {
      const n = data.length;
      const first = m[1] === "" ? Math.max(0, n - Number(m[2])) : Number(m[1]);
      const last = m[1] === "" || m[2] === ""
        ? n - 1
        : Math.min(Number(m[2]), n - 1);
      if (first >= n) {
        return {
          status: 416,
          headers: { "content-range": `bytes */${n}`, "content-length": "0" },
          body: new Uint8Array(0),
        };
      }
      body = data.subarray(first, last + 1);
      status = s.range === "206" ? 206 : 200;
      if (s.contentRange) {
        headers["content-range"] = `bytes ${first}-${last}/${n}`;
      }
    }
    if (s.gzip) {
      body = await gzip(body);
      headers["content-encoding"] = "gzip";
    }
    if (s.contentLength) headers["content-length"] = String(body.length);
    return { status, headers, body };
  }

  #plain(status: number, text: string) {
    const body = encoder.encode(text);
    return { status, headers: { "content-length": String(body.length) }, body };
  }

  /** Stops listening and waits for open connections to end. */
  async close(): Promise<void> {
    this.#listener.close();
    await this.#serving;
    await Promise.all([...this.#conns]);
  }

  /** `await using` closes it. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** Reads a request's line and headers (at most 64 KiB); null where the client sent none. */
async function readHead(
  conn: Deno.TcpConn,
): Promise<{ line: string; headers: Headers } | null> {
  const buf = new Uint8Array(65536);
  let used = 0;
  while (used < buf.length) {
    const n = await conn.read(buf.subarray(used));
    if (n === null) return null;
    used += n;
    const text = new TextDecoder().decode(buf.subarray(0, used));
    const end = text.indexOf("\r\n\r\n");
    if (end === -1) continue;
    const [line, ...rest] = text.slice(0, end).split("\r\n");
    const headers = new Headers();
    for (const h of rest) {
      const i = h.indexOf(":");
      if (i > 0) headers.append(h.slice(0, i).trim(), h.slice(i + 1).trim());
    }
    return { line, headers };
  }
  return null;
}

async function writeAll(conn: Deno.TcpConn, data: Uint8Array): Promise<void> {
  let at = 0;
  while (at < data.length) at += await conn.write(data.subarray(at));
}

async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new CompressionStream("gzip"));
  return await new Response(stream).bytes();
}

/** Every combination of the file switches (redirectDirs left false). */
export function* allSwitches(): Generator<Switches> {
  for (const range of ["206", "slice", "ignore"] as const) {
    for (const contentRange of [true, false]) {
      if (range === "ignore" && !contentRange) continue; // no partial answers to label
      for (const contentLength of [true, false]) {
        for (
          const head of ["ok", "refused", "failing", "dropped", "zero"] as const
        ) {
          for (const acceptRanges of ["bytes", "none", null] as const) {
            for (const gzip of [false, true]) {
              if (gzip && range !== "206") continue; // gzip ignores Range: one server
              yield {
                range,
                contentRange,
                contentLength,
                head,
                acceptRanges,
                gzip,
                redirectDirs: false,
              };
            }
          }
        }
      }
    }
  }
}

/** A short label of a combination, for messages. */
export function label(s: Switches): string {
  return `range=${s.range} contentRange=${s.contentRange} contentLength=${s.contentLength} head=${s.head} acceptRanges=${s.acceptRanges} gzip=${s.gzip}`;
}

/** A {@linkcode SwitchServer} on another thread (for the blocking face). */
export interface RemoteSwitchServer extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Sets the switches. */
  set(switches: Switches): Promise<void>;
  /** The requests seen since the last call. */
  takeRequests(): Promise<SeenRequest[]>;
}

/**
 * Starts a {@linkcode SwitchServer} in a Worker.
 * @param files Files by path.
 * @returns The server; `await using` stops it and the Worker.
 */
export async function startRemoteSwitchServer(
  files: Record<string, Uint8Array>,
): Promise<RemoteSwitchServer> {
  const worker = new Worker(
    new URL("./switch_server_worker.ts", import.meta.url),
    { type: "module" },
  );
  const ask = <T>(msg: unknown): Promise<T> => {
    const { promise, resolve, reject } = Promise.withResolvers<T>();
    worker.onmessage = (e) => resolve(e.data as T);
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(`switch server worker failed: ${e.message}`));
    };
    worker.postMessage(msg);
    return promise;
  };
  const { url } = await ask<{ url: string }>({ files });
  return {
    url,
    set: (switches) => ask<void>({ switches }),
    takeRequests: async () =>
      (await ask<{ requests: SeenRequest[] }>({ requests: true })).requests,
    async [Symbol.asyncDispose]() {
      await ask({ close: true });
      worker.terminate();
    },
  };
}

/**
 * A blocking `HTTPFileSystem` on `loop`, without retries or the instance cache.
 * @param loop The IO loop (the test disposes of it).
 * @returns The filesystem.
 */
export async function blockingHttp(loop: IOLoop): Promise<AsyncFileSystem> {
  return await filesystem("http", {
    asynchronous: false,
    loop,
    retries: 0,
    skipInstanceCache: true,
  });
}
