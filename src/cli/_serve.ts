/**
 * `cli serve`: {@linkcode serveFileSystem} on `Deno.serve` until SIGINT or
 * SIGTERM. Internal.
 *
 * @module
 */

import type { AsyncFileSystem } from "../async_file_system.ts";
import { serveFileSystem } from "../serve/serve_file_system.ts";

/** Options of {@linkcode _serveCommand}. */
export interface _ServeCommandOptions {
  /** The address to listen on. */
  hostname: string;
  /** The port; 0 for any free one. */
  port: number;
  /** Accept PUT and DELETE. */
  writable: boolean;
  /** Told the URL the server listens on, once it does. */
  listening: (url: string) => Promise<void>;
}

/**
 * Serves `root` of `fs` until the process gets SIGINT or SIGTERM, then
 * stops taking connections, finishes the answers in flight and returns.
 * A 5xx answer's error is printed to stderr (its first line).
 *
 * @param fs The filesystem.
 * @param root The path served at `/`.
 * @param options Where to listen, and whether writes are accepted.
 */
export async function _serveCommand(
  fs: AsyncFileSystem,
  root: string,
  options: _ServeCommandOptions,
): Promise<void> {
  const stop = new AbortController();
  const signals = ["SIGINT", "SIGTERM"] as const;
  const onSignal = () => stop.abort();
  for (const s of signals) Deno.addSignalListener(s, onSignal);
  try {
    const server = Deno.serve(
      {
        hostname: options.hostname,
        port: options.port,
        signal: stop.signal,
        onListen() {},
      },
      serveFileSystem(fs, {
        root,
        writable: options.writable,
        onError: (error, request) =>
          console.error(
            `Cannot serve "${request.url}": ${
              String((error as Error)?.message ?? error).split("\n")[0]
            }`,
          ),
      }),
    );
    const { hostname, port } = server.addr;
    await options.listening(`http://${hostname}:${port}/`);
    await server.finished;
  } finally {
    for (const s of signals) Deno.removeSignalListener(s, onSignal);
  }
}
