import { assertEquals } from "@std/assert";
import { _FirstCache } from "../../src/caching/first_cache.ts";
import { counting, pattern } from "./_counting.ts";

Deno.test("_FirstCache keeps the first block and asks for the rest as read", async () => {
  const data = pattern(95);
  const { fetcher, calls } = counting(data);
  const cache = new _FirstCache(10, fetcher, 95);
  const reads: [number, number][] = [
    [3, 7], // the first block: [0, 10)
    [0, 10], // held
    [5, 15], // held, and the part past it: [10, 15)
    [50, 60], // as read
    [90, 100], // as read, clamped
  ];
  for (const [start, end] of reads) {
    assertEquals(await cache.fetch(start, end), data.slice(start, end));
  }
  assertEquals(calls, [[0, 10], [10, 15], [50, 60], [90, 95]]);
});

Deno.test("_FirstCache of a file smaller than a block asks for the file once", async () => {
  const data = pattern(6);
  const { fetcher, calls } = counting(data);
  const cache = new _FirstCache(10, fetcher, 6);
  assertEquals(await cache.fetch(1, 3), data.slice(1, 3));
  assertEquals(await cache.fetch(0, 10), data);
  assertEquals(calls, [[0, 6]]);
});
