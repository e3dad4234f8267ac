/**
 * A loopback proxy that holds each request for a fixed delay before it
 * forwards it (method and `Range` only) to an upstream server: latency for
 * `catRanges` on a machine where everything is 127.0.0.1. It runs in its
 * own process, so that its work does not share the measured event loop.
 *
 * As a script: `deno run --allow-net=127.0.0.1 bench/_delay_proxy.ts
 * <upstream> <ms>` prints the port it listens on, then serves until killed.
 *
 * @module
 */

import { TextLineStream } from "@std/streams";

/** A running proxy; disposing it stops the process. */
export interface DelayProxy extends AsyncDisposable {
  /** Its base URL, `http://127.0.0.1:<port>`. */
  url: string;
}

/** Starts the proxy in front of `upstream`, delaying each request `ms`. */
export async function startDelayProxy(
  upstream: string,
  ms: number,
): Promise<DelayProxy> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net=127.0.0.1",
      new URL(import.meta.url).pathname,
      upstream,
      String(ms),
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new TextLineStream())
    .getReader();
  const { value } = await lines.read();
  await lines.cancel();
  if (!value) {
    await child.status;
    throw new Error(`Cannot start the delay proxy in front of "${upstream}"`);
  }
  return {
    url: `http://127.0.0.1:${Number(value)}`,
    async [Symbol.asyncDispose]() {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

/** Serves the proxy: each request waits `ms`, then goes upstream. */
function serve(upstream: string, ms: number): void {
  Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: ({ port }) => console.log(port),
  }, async (request) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const url = new URL(request.url);
    const range = request.headers.get("range");
    const answer = await fetch(`${upstream}${url.pathname}${url.search}`, {
      method: request.method,
      headers: range ? { range } : {},
    });
    return new Response(answer.body, {
      status: answer.status,
      headers: answer.headers,
    });
  });
}

if (import.meta.main) serve(Deno.args[0], Number(Deno.args[1]));
