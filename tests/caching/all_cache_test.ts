import { assertEquals } from "@std/assert";
import { _AllCache } from "../../src/caching/all_cache.ts";
import { counting, pattern } from "./_counting.ts";

Deno.test("_AllCache asks for the whole file once and serves every read from it", async () => {
  const data = pattern(95);
  const { fetcher, calls } = counting(data);
  const cache = new _AllCache(10, fetcher, 95);
  for (const [start, end] of [[3, 7], [50, 60], [90, 100], [0, 95]]) {
    assertEquals(await cache.fetch(start, end), data.slice(start, end));
  }
  assertEquals(calls, [[0, 95]]);
  assertEquals(cache.stats.hits, 3);
});
