import { assertEquals } from "@std/assert";
import { _NoneCache } from "../../src/caching/none_cache.ts";
import { counting, pattern } from "./_counting.ts";

Deno.test("_NoneCache asks for exactly each read, every time, clamped to the size", async () => {
  const data = pattern(100);
  const { fetcher, calls } = counting(data);
  const cache = new _NoneCache(10, fetcher, 100);
  assertEquals(await cache.fetch(3, 7), data.subarray(3, 7));
  assertEquals(await cache.fetch(3, 7), data.subarray(3, 7));
  assertEquals(await cache.fetch(95, 200), data.subarray(95));
  assertEquals(await cache.fetch(100, 120), new Uint8Array(0));
  assertEquals(calls, [[3, 7], [3, 7], [95, 100]]);
  assertEquals(cache.stats, {
    hits: 0,
    misses: 3,
    requests: 3,
    requestedBytes: 13,
  });
});
