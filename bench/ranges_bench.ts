/**
 * Reads of byte ranges against one request per read, on a local server
 * (`Deno.serve` on 127.0.0.1, started here) that adds 1 ms to every request:
 * the file caches (`cacheType`) for random and for sequential 4 KiB reads,
 * and `_catRanges` merging nearby ranges (`maxGap`). Each name ends with the
 * requests one iteration costs, counted by the server.
 */
import { delay } from "@std/async";
import { type CacheType, HTTPFileSystem, type OpenOptions } from "../mod.ts";
import { seededRandom } from "../tests/caching/_proxy.ts";

const SIZE = 16 * 2 ** 20;
const READ = 4096;
const RANDOM_READS = 200;
const SEQUENTIAL_READS = 512; // the first 2 MiB
const BLOCK = 256 * 1024;

const data = new Uint8Array(SIZE).map((_, i) => (i * 31) & 0xff);
let requests = 0;
const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: () => {} },
  async (req) => {
    requests++;
    await delay(1);
    const headers = {
      "accept-ranges": "bytes",
      "content-type": "application/octet-stream",
    };
    if (req.method === "HEAD") {
      return new Response(null, {
        headers: { ...headers, "content-length": `${SIZE}` },
      });
    }
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.get("range") ?? "");
    if (!m) return new Response(data, { headers });
    const start = +m[1];
    const end = Math.min(SIZE, m[2] === "" ? SIZE : +m[2] + 1);
    return new Response(data.slice(start, end), {
      status: 206,
      headers: {
        ...headers,
        "content-range": `bytes ${start}-${end - 1}/${SIZE}`,
      },
    });
  },
);
// benches have no teardown hook: stop the server when the bench ends
globalThis.addEventListener("unload", () => void server.shutdown());
const url = `http://127.0.0.1:${server.addr.port}/data.bin`;
const fs = new HTTPFileSystem({ asynchronous: true });

const random = seededRandom(7);
const RANDOM = Array.from(
  { length: RANDOM_READS },
  () => Math.floor(random() * (SIZE - READ)),
);
const SEQUENTIAL = Array.from({ length: SEQUENTIAL_READS }, (_, i) => i * READ);

async function readAll(
  offsets: readonly number[],
  options: OpenOptions,
): Promise<void> {
  await using f = await fs.openAsync(url, options);
  for (const o of offsets) {
    f.seek(o);
    await f.read(READ);
  }
}

/** Runs `fn` once and says the requests it cost, for the bench's name. */
async function cost(fn: () => Promise<unknown>): Promise<string> {
  const before = requests;
  await fn();
  const n = requests - before;
  return `${n} request${n === 1 ? "" : "s"}`;
}

const CACHES: CacheType[] = [
  "none",
  "bytes",
  "readahead",
  "blockcache",
  "background",
  "first",
  "all",
];

for (
  const [group, offsets] of [
    [`${RANDOM_READS} random 4 KiB reads of 16 MiB`, RANDOM],
    [`${SEQUENTIAL_READS} sequential 4 KiB reads`, SEQUENTIAL],
  ] as const
) {
  for (const cacheType of CACHES) {
    const options: OpenOptions = {
      cacheType,
      blockSize: BLOCK,
      cacheOptions: cacheType === "blockcache" || cacheType === "background"
        ? { maxBlocks: 64 }
        : {},
    };
    // an async function: Deno.bench awaits only those, not a returned promise
    const fn = async () => {
      await readAll(offsets, options);
    };
    const n = await cost(fn);
    Deno.bench({
      name: `${cacheType}${
        cacheType === "none" ? " (one request per read)" : ""
      }: ${n}`,
      group,
      baseline: cacheType === "none",
      n: 5,
      warmup: 1,
      fn,
    });
  }
}

const STARTS = [...RANDOM].sort((a, b) => a - b);
const ENDS = STARTS.map((s) => s + READ);
const PATHS = STARTS.map(() => url);
const catGroup = `_catRanges of ${RANDOM_READS} random 4 KiB ranges`;
{
  const fn = async () => {
    for (let i = 0; i < STARTS.length; i++) {
      await fs._catFile(url, { start: STARTS[i], end: ENDS[i] });
    }
  };
  Deno.bench({
    name: `one _catFile per range, in turn: ${await cost(fn)}`,
    group: catGroup,
    baseline: true,
    n: 5,
    warmup: 1,
    fn,
  });
}
for (const maxGap of [undefined, 0, 64 * 1024, 2 ** 20]) {
  const fn = async () => {
    await fs._catRanges(PATHS, STARTS, ENDS, { maxGap });
  };
  Deno.bench({
    name: `_catRanges, maxGap ${
      maxGap ?? "unset (one request per range)"
    }: ${await cost(fn)}`,
    group: catGroup,
    n: 5,
    warmup: 1,
    fn,
  });
}
