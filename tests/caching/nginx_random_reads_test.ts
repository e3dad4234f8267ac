/**
 * The caches against nginx: 1,000 random 4 KiB reads (seeded) of a 100 MiB
 * file, through `blockcache`, `background`, `readahead`, `first` and `all`.
 * Each read must give the file's bytes, and the server must see exactly the
 * requests the cache's rule predicts from the offsets (counted by a proxy in
 * front of nginx). The file lives in a temporary directory, removed after.
 */

import { assertEquals } from "@std/assert";
import { HTTPFileSystem } from "../../mod.ts";
import type { CacheOptions, CacheType } from "../../mod.ts";
import { requireBinary, startNginx } from "../http/servers.ts";
import { seededRandom, startCountingProxy } from "./_proxy.ts";

const SIZE = 100 * 2 ** 20;
const READ = 4096;
const READS = 1000;
const KiB = 1024;

/** The file: seeded random bytes, so that a misplaced read cannot match. */
function content(): Uint8Array {
  const words = new Uint32Array(SIZE / 4);
  let x = 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return new Uint8Array(words.buffer);
}

/** The offsets read, from a seeded PRNG: the same every run. */
const random = seededRandom(20261204);
const OFFSETS = Array.from(
  { length: READS },
  () => Math.floor(random() * (SIZE - READ + 1)),
);

/** The blocks of bs bytes that read [o, o + READ) touches. */
function blocks(o: number, bs: number): number[] {
  const out = [];
  for (let b = Math.floor(o / bs); b <= Math.floor((o + READ - 1) / bs); b++) {
    out.push(b);
  }
  return out;
}

interface Case {
  cacheType: CacheType;
  blockSize: number;
  cacheOptions?: CacheOptions;
  /** The GET requests the server must see, derived from OFFSETS. */
  expected: () => number;
  formula: string;
}

const CASES: Case[] = [
  {
    cacheType: "blockcache",
    blockSize: 64 * KiB,
    cacheOptions: { maxBlocks: 2048 }, // > the 1,600 blocks: nothing evicted
    formula: "|∪ blocks(o)|: one request per distinct block touched",
    expected: () => new Set(OFFSETS.flatMap((o) => blocks(o, 64 * KiB))).size,
  },
  {
    cacheType: "background",
    blockSize: 64 * KiB,
    cacheOptions: { maxBlocks: 2048 },
    formula:
      "|∪ (blocks(o) ∪ {last(o) + 1 if inside the file})|: touched blocks and the block after each read",
    expected: () => {
      const bs = 64 * KiB;
      const all = new Set<number>();
      for (const o of OFFSETS) {
        const touched = blocks(o, bs);
        for (const b of touched) all.add(b);
        const next = touched.at(-1)! + 1;
        if (next * bs < SIZE) all.add(next);
      }
      return all.size;
    },
  },
  {
    cacheType: "readahead",
    blockSize: 64 * KiB,
    formula:
      "reads not inside the window [ws, we) kept from the last request; a miss makes it [o, o + 4 KiB + bs), a read starting inside makes it [we, o + 4 KiB + bs)",
    expected: () => {
      const bs = 64 * KiB;
      let [ws, we, requests] = [0, 0, 0];
      for (const o of OFFSETS) {
        const end = o + READ;
        if (o >= ws && end <= we) continue;
        requests++;
        ws = o >= ws && o < we ? we : o;
        we = Math.min(SIZE, end + bs);
      }
      return requests;
    },
  },
  {
    cacheType: "first",
    blockSize: 2 ** 20,
    formula:
      "[some read starts before bs] + |{o : o + 4 KiB > bs}|: the first block once, then each read past it",
    expected: () =>
      (OFFSETS.some((o) => o < 2 ** 20) ? 1 : 0) +
      OFFSETS.filter((o) => o + READ > 2 ** 20).length,
  },
  {
    cacheType: "all",
    blockSize: 64 * KiB,
    formula: "1: the whole file on the first read",
    expected: () => 1,
  },
];

Deno.test("The caches give exact bytes of 1,000 random reads of 100 MiB from nginx, with the requests their rules predict", async (t) => {
  const bin = requireBinary("nginx", { fallbacks: ["/usr/sbin/nginx"] });
  if (!bin) return;
  const dir = await Deno.makeTempDir({ prefix: "fsspec_caches_" });
  try {
    await using nginx = await startNginx(bin, dir);
    const data = content();
    await Deno.writeFile(`${nginx.root}/big.bin`, data);
    await using proxy = startCountingProxy(nginx.url);
    await using fs = new HTTPFileSystem({ asynchronous: true });
    const url = `${proxy.url}/big.bin`;
    for (const c of CASES) {
      await t.step(`${c.cacheType}: ${c.formula}`, async () => {
        proxy.reset();
        const wrong: number[] = [];
        {
          await using f = await fs.openAsync(url, {
            cacheType: c.cacheType,
            blockSize: c.blockSize,
            cacheOptions: c.cacheOptions,
          });
          for (const o of OFFSETS) {
            f.seek(o);
            const got = await f.read(READ);
            if (!sameBytes(got, data.subarray(o, o + READ))) wrong.push(o);
          }
        }
        assertEquals(wrong, [], "reads that gave other bytes");
        const gets = proxy.seen.filter((r) => r.method === "GET");
        assertEquals(gets.length, c.expected());
        assertEquals(new Set(gets.map((r) => r.range)).size, gets.length);
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
