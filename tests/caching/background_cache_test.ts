import { assertEquals } from "@std/assert";
import { _BackgroundCache } from "../../src/caching/background_cache.ts";
import { counting, pattern } from "./_counting.ts";

Deno.test("_BackgroundCache asks for the block after each read unless held", async () => {
  const data = pattern(95);
  const { fetcher, calls } = counting(data);
  const cache = new _BackgroundCache(10, fetcher, 95);
  const reads: [number, number][] = [
    [5, 15], // blocks 0, 1; prefetch 2
    [20, 25], // 2 held; prefetch 3
    [50, 55], // 5; prefetch 6
    [85, 95], // 8; prefetch 9 (the last, short)
    [90, 95], // 9 held; no block 10
  ];
  for (const [start, end] of reads) {
    assertEquals(await cache.fetch(start, end), data.slice(start, end));
  }
  await cache.close();
  assertEquals(calls, [
    [0, 10],
    [10, 20],
    [20, 30],
    [30, 40],
    [50, 60],
    [60, 70],
    [80, 90],
    [90, 95],
  ]);
});

Deno.test("_BackgroundCache: a read of the block being prefetched waits for it", async () => {
  const data = pattern(95);
  const { fetcher, calls, release } = counting(data, { held: true });
  const cache = new _BackgroundCache(10, fetcher, 95);
  const first = cache.fetch(0, 5); // block 0; prefetch 1
  const second = cache.fetch(12, 15); // block 1 in flight; prefetch 2
  assertEquals(calls, [[0, 10], [10, 20], [20, 30]]);
  release();
  assertEquals(await first, data.slice(0, 5));
  assertEquals(await second, data.slice(12, 15));
  await cache.close();
  assertEquals(calls.length, 3);
});
