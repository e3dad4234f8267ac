import {
  assertEquals,
  assertInstanceOf,
  assertRejects,
  assertStrictEquals,
  assertThrows,
} from "@std/assert";
import {
  AsyncFile,
  type CacheType,
  filesystem,
  HTTPFileSystem,
  IOLoop,
  MemoryFileSystem,
} from "../mod.ts";
import { CACHE_NAMES as CACHES } from "./caching/_counting.ts";

function pattern(size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 13 + 5) % 256);
}

async function memoryFile(data: Uint8Array): Promise<MemoryFileSystem> {
  const fs = new MemoryFileSystem({
    asynchronous: true,
    store: crypto.randomUUID(),
  });
  await fs._pipeFile("/f", data);
  return fs;
}

Deno.test("AsyncFile.read() gives the file's bytes through every cache", async () => {
  const data = pattern(1000);
  const fs = await memoryFile(data);
  const reads: [number, number][] = [[0, 7], [500, 90], [990, 50], [3, 400], [
    0,
    -1,
  ]];
  for (const cacheType of CACHES) {
    await using f = await fs.openAsync("/f", {
      cacheType,
      blockSize: 64,
      cacheOptions: cacheType === "parts"
        ? { parts: [{ start: 100, data: data.slice(100, 300) }] }
        : {},
    });
    for (const [at, length] of reads) {
      f.seek(at);
      const end = length < 0 ? 1000 : Math.min(1000, at + length);
      assertEquals(await f.read(length), data.slice(at, end), cacheType);
      assertEquals(f.tell(), end);
    }
  }
});

Deno.test("AsyncFile.slice() counts as ArrayBuffer.slice does and leaves the position", async () => {
  const data = pattern(100);
  await using f = await (await memoryFile(data)).openAsync("/f", {
    cacheType: "blockcache",
    blockSize: 16,
  });
  f.seek(7);
  const cases: [number, number | undefined][] = [
    [10, 20],
    [90, undefined],
    [-10, -2],
    [-500, 5],
    [95, 500],
    [50, 40],
    [100, 120],
  ];
  const whole = data.buffer.slice(0) as ArrayBuffer;
  for (const [start, end] of cases) {
    const got = await f.slice(start, end);
    assertInstanceOf(got, ArrayBuffer);
    assertEquals(
      new Uint8Array(got),
      new Uint8Array(whole.slice(start, end)),
      `${start}, ${end}`,
    );
  }
  assertEquals(f.byteLength, 100);
  assertEquals(f.tell(), 7);
  await f.close();
  await assertRejects(() => f.slice(0, 1), TypeError, "the file is closed");
});

Deno.test("AsyncFile.byteLength throws where the size is unknown", async () => {
  const fs = await memoryFile(pattern(9));
  await using f = new AsyncFile(fs, "/f", null);
  assertStrictEquals(f.size, null);
  assertThrows(() => f.byteLength, TypeError, "its size is unknown");
  await assertRejects(() => f.slice(0, 1), TypeError, "its size is unknown");
  assertEquals(await f.read(), pattern(9));
});

Deno.test("HTTPFileSystem files use the filesystem's cacheType, blockSize and cacheOptions unless the call says", async () => {
  const data = pattern(100);
  const ranges: string[] = [];
  const server: typeof fetch = (_input, init) => {
    const headers = new Headers(init?.headers);
    if (init?.method === "HEAD") {
      return Promise.resolve(
        new Response(null, { headers: { "content-length": "100" } }),
      );
    }
    const range = headers.get("range")!;
    ranges.push(range);
    const [, a, b] = /bytes=(\d+)-(\d+)/.exec(range)!;
    return Promise.resolve(
      new Response(data.slice(+a, +b + 1), {
        status: 206,
        headers: { "content-range": `bytes ${a}-${b}/100` },
      }),
    );
  };
  await using fs = new HTTPFileSystem({
    asynchronous: true,
    fetch: server,
    blockSize: 10,
    cacheType: "blockcache",
    cacheOptions: { maxBlocks: 1 },
  });
  {
    await using f = await fs.openAsync("http://h.invalid/f");
    for (const at of [3, 15, 4]) {
      f.seek(at);
      assertEquals(await f.read(2), data.slice(at, at + 2));
    }
  }
  // one block kept: block 0 was evicted by block 1, so it is asked again
  assertEquals(ranges, ["bytes=0-9", "bytes=10-19", "bytes=0-9"]);
  ranges.length = 0;
  {
    await using f = await fs.openAsync("http://h.invalid/f", {
      cacheType: "bytes",
    });
    assertEquals(await f.read(2), data.slice(0, 2));
    assertEquals(await f.read(2), data.slice(2, 4));
  }
  assertEquals(ranges, ["bytes=0-11"]);
});

Deno.test("AsyncFileSystem.open() takes cacheType and cacheOptions across to the Worker", async () => {
  await using loop = new IOLoop();
  const fs = await filesystem("memory", {
    loop,
    skipInstanceCache: true,
    store: crypto.randomUUID(),
  });
  const data = pattern(50);
  fs.pipeFile("/f", data);
  using f = fs.open("/f", {
    cacheType: "parts",
    cacheOptions: { parts: [{ start: 10, data: new Uint8Array(5) }] },
  });
  // the known part says zeros: the cache served it, not the file
  f.seek(8);
  assertEquals(
    f.read(9),
    Uint8Array.of(...data.slice(8, 10), 0, 0, 0, 0, 0, ...data.slice(15, 17)),
  );
  assertThrows(
    () => fs.open("/f", { cacheType: "mmap" as CacheType }),
    TypeError,
    'cache type "mmap": use one of',
  );
});
