import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { _caches, _checkCache } from "../../src/caching/caches.ts";
import { HTTPFileSystem } from "../../src/http/http_file_system.ts";
import { MemoryFileSystem } from "../../src/memory/memory_file_system.ts";
import { CACHE_NAMES as NAMES, counting, pattern } from "./_counting.ts";

Deno.test("_caches holds fsspec's eight cache names, each a class of that name", () => {
  assertEquals(Object.keys(_caches), NAMES);
  for (const [name, cls] of Object.entries(_caches)) {
    assertEquals((cls as unknown as { cacheName: string }).cacheName, name);
  }
});

Deno.test("_checkCache() names the valid caches for an unknown one, and checks the options", () => {
  const e = assertThrows(() => _checkCache("/f", "mmap"), TypeError);
  assertEquals(
    e.message,
    `Cannot open "/f" with cache type "mmap": use one of ${
      NAMES.map((n) => `"${n}"`).join(", ")
    }`,
  );
  assertThrows(
    () => _checkCache("/f", "toString"),
    TypeError,
    'cache type "toString"',
  );
  assertThrows(
    () => _checkCache("/f", "blockcache", { maxblocks: 3 } as never),
    TypeError,
    'cache option "maxblocks"',
  );
  assertThrows(
    () => _checkCache("/f", "blockcache", { maxBlocks: 0 }),
    RangeError,
    "maxBlocks 0",
  );
  assertThrows(
    () =>
      _checkCache("/f", "parts", {
        parts: [{ start: -1, data: new Uint8Array(1) }],
      }),
    RangeError,
  );
  assertThrows(
    () =>
      _checkCache("/f", "parts", { parts: [{ start: 0, data: [1] as never }] }),
    TypeError,
  );
});

Deno.test("openAsync() rejects an unknown cache type before any request", async () => {
  let requests = 0;
  await using fs = new HTTPFileSystem({
    asynchronous: true,
    fetch: () => {
      requests++;
      return Promise.resolve(new Response("x"));
    },
  });
  await assertRejects(
    () => fs.openAsync("http://h.invalid/f", { cacheType: "mmap" as never }),
    TypeError,
    'use one of "none", "bytes"',
  );
  await assertRejects(
    () =>
      fs.openAsync("http://h.invalid/f", {
        blockSize: 0,
        cacheType: "blockcache",
      }),
    RangeError,
  );
  assertEquals(requests, 0);
  const mem = new MemoryFileSystem({
    asynchronous: true,
    store: "caches-test",
  });
  await assertRejects(
    () => mem.openAsync("/missing", { cacheType: "lru" as never }),
    TypeError,
    'cache type "lru"',
  );
});

Deno.test("Every cache shares one request among concurrent reads that need the same missing bytes", async () => {
  const data = pattern(100);
  for (const name of NAMES) {
    const asked = async (concurrent: number) => {
      const { fetcher, calls, release } = counting(data, { held: true });
      const cache = new _caches[name as keyof typeof _caches](
        10,
        fetcher,
        100,
        { parts: [{ start: 0, data: data.slice(0, 5) }] },
      );
      const reads = Array.from(
        { length: concurrent },
        () => cache.fetch(22, 28),
      );
      release();
      for (const r of reads) assertEquals(await r, data.slice(22, 28), name);
      await cache.close();
      return calls.length;
    };
    const one = await asked(1);
    assertEquals(await asked(3), name === "none" ? 3 * one : one, name);
  }
});
