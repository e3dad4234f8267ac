import { assertEquals, assertRejects } from "@std/assert";
import { _BlockCache } from "../../src/caching/block_cache.ts";
import { counting, pattern } from "./_counting.ts";

Deno.test("_BlockCache asks block by block and evicts the least recently used", async () => {
  const data = pattern(95);
  const { fetcher, calls } = counting(data);
  const cache = new _BlockCache(10, fetcher, 95, { maxBlocks: 3 });
  const reads: [number, number][] = [
    [5, 15], // blocks 0, 1 asked; kept 0 1
    [12, 18], // 1 held; kept 0 1
    [25, 35], // 2, 3 asked; 0 evicted; kept 1 2 3
    [0, 3], // 0 asked again; 1 evicted; kept 2 3 0
    [15, 16], // 1 asked again; 2 evicted; kept 3 0 1
    [30, 31], // 3 held; kept 0 1 3
    [90, 100], // 9 asked, clamped to the size; 0 evicted; kept 1 3 9
    [1, 2], // 0 asked again
  ];
  for (const [start, end] of reads) {
    assertEquals(await cache.fetch(start, end), data.slice(start, end));
  }
  assertEquals(calls, [
    [0, 10],
    [10, 20],
    [20, 30],
    [30, 40],
    [0, 10],
    [10, 20],
    [90, 95],
    [0, 10],
  ]);
  assertEquals(cache.stats.hits, 2);
  assertEquals(cache.stats.misses, 6);
});

Deno.test("_BlockCache joins a read across three blocks", async () => {
  const data = pattern(95);
  const { fetcher, calls } = counting(data);
  const cache = new _BlockCache(10, fetcher, 95);
  assertEquals(await cache.fetch(5, 25), data.slice(5, 25));
  assertEquals(await cache.fetch(0, 30), data.slice(0, 30));
  assertEquals(calls, [[0, 10], [10, 20], [20, 30]]);
});

Deno.test("_BlockCache keeps no failed block: the next read asks again", async () => {
  const data = pattern(95);
  const { fetcher, calls } = counting(data, { failFirst: true });
  const cache = new _BlockCache(10, fetcher, 95);
  await assertRejects(() => cache.fetch(1, 4), Error, "first call fails");
  assertEquals(await cache.fetch(1, 4), data.slice(1, 4));
  assertEquals(calls, [[0, 10], [0, 10]]);
});

Deno.test("_BlockCache hands out copies: changing a result leaves the cache", async () => {
  const data = pattern(95);
  const cache = new _BlockCache(10, counting(data).fetcher, 95);
  (await cache.fetch(0, 10)).fill(0);
  assertEquals(await cache.fetch(0, 10), data.slice(0, 10));
});
