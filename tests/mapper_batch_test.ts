/**
 * The mapper's batch reads keep the batch size: a test server holds each
 * request until `batchSize` are in flight (or the last has come), counts
 * the most it saw at once, and answers every key with its own name.
 */

import { assertEquals } from "@std/assert";
import { HTTPFileSystem } from "../mod.ts";

const KEYS = 10_000;

/** A server that counts concurrent requests; every 1000th key is missing. */
function countingServer(batchSize: number) {
  let inFlight = 0;
  let seen = 0;
  let held: (() => void)[] = [];
  const stats = { max: 0, requests: 0, stalled: false };
  const releaseAll = () => {
    for (const release of held) release();
    held = [];
  };
  // a client that never fills the window would leave requests held: bound it
  const guard = setTimeout(() => {
    stats.stalled = true;
    releaseAll();
  }, 60_000);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request) => {
      stats.requests = ++seen;
      stats.max = Math.max(stats.max, ++inFlight);
      if (inFlight >= batchSize || seen === KEYS || stats.stalled) releaseAll();
      else await new Promise<void>((resolve) => held.push(resolve));
      inFlight--;
      const key = new URL(request.url).pathname.slice("/root/".length);
      return Number(key.slice(1)) % 1000 === 0
        ? new Response("missing", { status: 404 })
        : new Response(key);
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    stats,
    async [Symbol.asyncDispose]() {
      clearTimeout(guard);
      releaseAll();
      await server.shutdown();
    },
  };
}

async function readAll(batchSize: number, options: {
  instance?: number;
  call?: number;
}): Promise<{ max: number; requests: number; stalled: boolean }> {
  await using server = countingServer(batchSize);
  await using fs = new HTTPFileSystem({
    asynchronous: true,
    batchSize: options.instance,
    retries: 0,
  });
  const keys = Array.from({ length: KEYS }, (_, i) => `/k${i}`);
  const out = await fs.getMapper(`${server.url}/root`).getMany(
    keys,
    options.call === undefined ? {} : { batchSize: options.call },
  );
  const present = keys.filter((_, i) => i % 1000 !== 0);
  assertEquals([...out.keys()], present, "missing keys left out, order kept");
  const decoder = new TextDecoder();
  assertEquals(
    [...out].filter(([k, v]) => decoder.decode(v) !== k.slice(1)),
    [],
    "each key's own bytes",
  );
  return { ...server.stats };
}

Deno.test("FSMap.getMany() of 10,000 keys keeps at most the instance's batchSize requests in flight", async () => {
  const stats = await readAll(32, { instance: 32 });
  assertEquals(stats, { max: 32, requests: KEYS, stalled: false });
});

Deno.test("FSMap.getMany() of 10,000 keys keeps at most the call's batchSize requests in flight", async () => {
  const stats = await readAll(8, { instance: 64, call: 8 });
  assertEquals(stats, { max: 8, requests: KEYS, stalled: false });
});
