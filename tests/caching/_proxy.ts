/**
 * A loopback proxy in front of a real server (nginx) that counts the
 * requests it forwards, so that a test can assert what the server saw.
 *
 * @module
 */

/** A started counting proxy; `await using` stops it. */
export interface CountingProxy extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Every request forwarded: method, path, Range header (or null). */
  readonly seen: { method: string; path: string; range: string | null }[];
  /** Forget what was seen. */
  reset(): void;
}

/**
 * Starts a proxy on a free loopback port that forwards each request's
 * method, path and `Range` header to `upstream` and streams the answer back.
 * @param upstream The server's base URL, without a trailing slash.
 */
export function startCountingProxy(upstream: string): CountingProxy {
  const seen: CountingProxy["seen"] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => {
      const { pathname } = new URL(req.url);
      const range = req.headers.get("range");
      seen.push({ method: req.method, path: pathname, range });
      const answer = await fetch(upstream + pathname, {
        method: req.method,
        headers: range ? { range } : {},
      });
      return new Response(answer.body, {
        status: answer.status,
        headers: answer.headers,
      });
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    seen,
    reset: () => void seen.splice(0),
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

/** mulberry32: a small seeded PRNG giving floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
