/**
 * A hostile HTTP/1.1 server on raw TCP (`Deno.listen`) for the tests of
 * issue 11: each test says what happens on the wire after a request head
 * arrives (drip the body, promise more than it sends, reset, never
 * answer). It listens on 127.0.0.1, port 0, takes at most `maxConnections`
 * connections, and stops on dispose, closing every connection it holds.
 *
 * @module
 */

/** A request head as it came. */
export interface RawRequest {
  /** `GET`, `HEAD`, … */
  method: string;
  /** The target, as sent. */
  target: string;
  /** The headers, names in lower case. */
  headers: Headers;
  /** The connection's number, from 0, in order of acceptance. */
  connection: number;
  /** Aborts when the server stops: a handler that waits gives up then. */
  signal: AbortSignal;
}

/** What a test does with one request: write to the connection, or not. */
export type RawHandler = (
  conn: Deno.TcpConn,
  request: RawRequest,
) => Promise<"keep" | "close">;

/** A running raw server. */
export interface RawServer extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** The port. */
  port: number;
  /** Every request head seen, in order. */
  requests: RawRequest[];
  /** Connections accepted so far. */
  readonly connections: number;
}

const encoder = new TextEncoder();

/** Writes a string (latin-1 head) or bytes, ignoring a peer that has gone. */
export async function send(
  conn: Deno.TcpConn,
  data: string | Uint8Array,
): Promise<boolean> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  try {
    let off = 0;
    while (off < bytes.length) off += await conn.write(bytes.subarray(off));
    return true;
  } catch {
    return false; // the client went away: what a hostile server shrugs at
  }
}

/** A head for a 200 (or `status`) with the given headers. */
export function head(
  status: number,
  headers: Record<string, string | number>,
): string {
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  return `HTTP/1.1 ${status} X\r\n${lines.join("")}\r\n`;
}

/** Reads one request head (and skips a body of `Content-Length`); null at the end. */
async function readHead(
  conn: Deno.TcpConn,
  buffered: { bytes: Uint8Array },
): Promise<Omit<RawRequest, "connection" | "signal"> | null> {
  const chunk = new Uint8Array(16 * 1024);
  for (let reads = 0; reads < 1000; reads++) {
    const text = new TextDecoder("latin1").decode(buffered.bytes);
    const end = text.indexOf("\r\n\r\n");
    if (end !== -1) {
      const [line, ...rest] = text.slice(0, end).split("\r\n");
      const [method, target] = line.split(" ");
      const headers = new Headers();
      for (const h of rest) {
        const i = h.indexOf(":");
        if (i > 0) headers.append(h.slice(0, i).trim(), h.slice(i + 1).trim());
      }
      const length = Number(headers.get("content-length") ?? 0);
      let remaining = buffered.bytes.subarray(end + 4);
      let skip = length;
      while (skip > remaining.length) {
        skip -= remaining.length;
        const n = await conn.read(chunk);
        if (n === null) return null;
        remaining = chunk.slice(0, n);
      }
      buffered.bytes = remaining.slice(skip);
      return { method, target, headers };
    }
    const n = await conn.read(chunk);
    if (n === null) return null;
    const joined = new Uint8Array(buffered.bytes.length + n);
    joined.set(buffered.bytes);
    joined.set(chunk.subarray(0, n), buffered.bytes.length);
    buffered.bytes = joined;
  }
  return null;
}

/**
 * Starts a raw server. `handle` answers each request (or misbehaves); it
 * returns `"keep"` to read the next request on the connection, `"close"`
 * to close it.
 *
 * @param handle What to do with a request.
 * @param maxConnections Connections after this many are closed unread.
 */
export function rawServer(
  handle: RawHandler,
  maxConnections = 5_000,
): RawServer {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const open = new Set<Deno.TcpConn>();
  const tasks = new Set<Promise<void>>();
  const requests: RawRequest[] = [];
  let accepted = 0;
  let stopped = false;
  const stopping = new AbortController();

  async function serveConn(conn: Deno.TcpConn, connection: number) {
    const buffered = { bytes: new Uint8Array(0) };
    try {
      for (let n = 0; n < 10_000 && !stopped; n++) {
        const got = await readHead(conn, buffered);
        if (got === null) break;
        const request = { ...got, connection, signal: stopping.signal };
        requests.push(request);
        if (await handle(conn, request) === "close") break;
      }
    } catch {
      // a connection the client reset or the server closed on dispose
    } finally {
      open.delete(conn);
      try {
        conn.close();
      } catch {
        // closed already
      }
    }
  }

  const accepting = (async () => {
    for (;;) {
      let conn: Deno.TcpConn;
      try {
        conn = await listener.accept();
      } catch {
        return; // the listener was closed
      }
      if (stopped || accepted >= maxConnections) {
        conn.close();
        continue;
      }
      open.add(conn);
      const task = serveConn(conn, accepted++);
      tasks.add(task);
      task.finally(() => tasks.delete(task));
    }
  })();

  const port = listener.addr.port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get connections() {
      return accepted;
    },
    async [Symbol.asyncDispose]() {
      stopped = true;
      stopping.abort();
      listener.close();
      await accepting;
      for (const conn of open) {
        try {
          conn.close();
        } catch {
          // closed already
        }
      }
      await Promise.all(tasks);
    },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts; never rejects. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}

/** Holds a request unanswered until the server stops, then closes its connection. */
export function untilStopped(request: RawRequest): Promise<"close"> {
  return new Promise((resolve) => {
    if (request.signal.aborted) return resolve("close");
    request.signal.addEventListener("abort", () => resolve("close"), {
      once: true,
    });
  });
}

/** A server that reads requests and never answers; `onRequest` is told of each. */
export function silentServer(
  onRequest: (request: RawRequest) => void = () => {},
  maxConnections = 200,
): RawServer {
  return rawServer((_conn, request) => {
    onRequest(request);
    return untilStopped(request);
  }, maxConnections);
}

/** The body {@linkcode bodyServer} answers for a path. */
export function bodyOf(path: string): string {
  return `body of ${path}`;
}

/** A polite server (`Deno.serve`) that answers every request with `bodyOf(path)`, counting them. */
export function bodyServer(): {
  url: string;
  readonly requests: number;
} & AsyncDisposable {
  let requests = 0;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => {
      requests++;
      return new Response(bodyOf(new URL(req.url).pathname));
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    get requests() {
      return requests;
    },
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}
