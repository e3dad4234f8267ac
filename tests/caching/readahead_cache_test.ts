import { assertEquals } from "@std/assert";
import { _ReadAheadCache } from "../../src/caching/readahead_cache.ts";
import { counting, pattern } from "./_counting.ts";

Deno.test("_ReadAheadCache keeps the last request, a block past the read", async () => {
  const data = pattern(100);
  const { fetcher, calls } = counting(data);
  const cache = new _ReadAheadCache(10, fetcher, 100);
  const reads: [number, number][] = [
    [0, 5], // miss: [0, 15)
    [5, 15], // hit
    [12, 20], // starts inside: the rest, [15, 30), replaces it
    [12, 14], // before the kept request: [12, 24)
    [50, 60], // miss: [50, 70)
    [95, 100], // [95, 100): stops at the size
  ];
  for (const [start, end] of reads) {
    assertEquals(await cache.fetch(start, end), data.slice(start, end));
  }
  assertEquals(calls, [[0, 15], [15, 30], [12, 24], [50, 70], [95, 100]]);
  assertEquals(cache.stats.hits, 1);
});
