import { assertEquals } from "@std/assert";
import { _BytesCache } from "../../src/caching/bytes_cache.ts";
import { counting, pattern } from "./_counting.ts";

Deno.test("_BytesCache reads a block ahead, extends forwards and backwards, trims, and replaces", async () => {
  const data = pattern(100);
  const { fetcher, calls } = counting(data);
  const cache = new _BytesCache(10, fetcher, 100);
  const reads: [number, number][] = [
    [0, 5], // miss: [0, 15)
    [5, 12], // hit
    [12, 20], // starts inside, ends < a block past: [15, 30); trimmed to [10, 30)
    [10, 30], // hit
    [0, 5], // under a block before the trimmed buffer: [0, 10) joins it
    [40, 45], // elsewhere: [40, 55)
    [35, 42], // ends inside, starts < a block before: [35, 40)
    [90, 100], // [90, 100): the read-ahead stops at the size
    [95, 200], // hit, clamped
  ];
  for (const [start, end] of reads) {
    assertEquals(await cache.fetch(start, end), data.slice(start, end));
  }
  assertEquals(calls, [[0, 15], [15, 30], [0, 10], [40, 55], [35, 40], [
    90,
    100,
  ]]);
  assertEquals(cache.stats.hits, 3);
  assertEquals(cache.stats.misses, 6);
});

Deno.test("_BytesCache with trim false keeps the whole buffer", async () => {
  const data = pattern(100);
  const { fetcher, calls } = counting(data);
  const cache = new _BytesCache(10, fetcher, 100, { trim: false });
  for (const [start, end] of [[0, 5], [12, 20], [0, 5], [1, 29]]) {
    assertEquals(await cache.fetch(start, end), data.slice(start, end));
  }
  assertEquals(calls, [[0, 15], [15, 30]]);
});

Deno.test("_BytesCache with block size 0 asks for exactly each miss", async () => {
  const data = pattern(100);
  const { fetcher, calls } = counting(data);
  const cache = new _BytesCache(0, fetcher, 100);
  assertEquals(await cache.fetch(3, 9), data.slice(3, 9));
  assertEquals(await cache.fetch(4, 6), data.slice(4, 6));
  assertEquals(await cache.fetch(50, 52), data.slice(50, 52));
  assertEquals(calls, [[3, 9], [50, 52]]);
});
