/**
 * Helpers for the serveFileSystem tests: a served filesystem on a loopback
 * port that stops on dispose, and a raw HTTP/1.1 request for the paths a
 * fetch would normalise before sending.
 *
 * @module
 */

import {
  type AsyncFileSystem,
  serveFileSystem,
  type ServeFileSystemOptions,
} from "../../mod.ts";

/** A running server of a filesystem. */
export interface Served extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** The port. */
  port: number;
}

/** Serves `fs` on 127.0.0.1, a free port, until disposed. */
export function serve(
  fs: AsyncFileSystem,
  options: ServeFileSystemOptions = {},
): Served {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    serveFileSystem(fs, options),
  );
  const port = server.addr.port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

/** A raw answer: the status line's code, the headers, the body as text. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * Sends one request exactly as written (the target is not normalised, as
 * fetch would) on a new connection, and reads the answer to its end.
 */
export async function rawRequest(
  port: number,
  method: string,
  target: string,
  body = "",
): Promise<RawAnswer> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    const head = `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
      `Connection: close\r\nContent-Length: ${body.length}\r\n\r\n`;
    const bytes = new TextEncoder().encode(head + body);
    for (let done = 0; done < bytes.length;) {
      done += await conn.write(bytes.subarray(done));
    }
    const text = new TextDecoder().decode(
      await new Response(conn.readable).arrayBuffer(),
    );
    const split = text.indexOf("\r\n\r\n");
    const lines = text.slice(0, split).split("\r\n");
    const headers = new Headers();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    return {
      status: Number(lines[0].split(" ")[1]),
      headers,
      body: text.slice(split + 4),
    };
  } finally {
    try {
      conn.close();
    } catch {
      // closed by reading its readable to the end
    }
  }
}
