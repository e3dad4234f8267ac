import { assertEquals } from "@std/assert";
import { _PartsCache } from "../../src/caching/parts_cache.ts";
import { counting, pattern } from "./_counting.ts";

Deno.test("_PartsCache serves known parts, merged, and asks for exactly the gaps", async () => {
  const data = pattern(100);
  const { fetcher, calls } = counting(data);
  const cache = new _PartsCache(10, fetcher, 100, {
    parts: [
      { start: 40, data: data.slice(40, 50) },
      { start: 10, data: data.slice(10, 20) },
      { start: 20, data: data.slice(20, 25) },
      { start: 18, data: data.slice(18, 22) },
    ],
  });
  assertEquals(cache.parts.map((p) => [p.start, p.data.length]), [
    [10, 15],
    [40, 10],
  ]);
  const reads: [number, number][] = [
    [12, 18], // known
    [10, 25], // known across the merged parts
    [5, 45], // gaps [5, 10) and [25, 40)
    [60, 70], // unknown
  ];
  for (const [start, end] of reads) {
    assertEquals(await cache.fetch(start, end), data.slice(start, end));
  }
  assertEquals(calls, [[5, 10], [25, 40], [60, 70]]);
  assertEquals(cache.stats.hits, 2);
});
