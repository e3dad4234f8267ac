/**
 * The four groups of `bench/compare.ts`. Each sets up its cases (outside
 * the timed part), runs them in interleaved rounds, checks what they read,
 * and turns the samples into a {@linkcode Section}.
 *
 * @module
 */

import { type AsyncFileSystem, HTTPFileSystem, IOLoop } from "../mod.ts";
import { addFile, patternByte, type Served } from "./_fixtures.ts";
import { startDelayProxy } from "./_delay_proxy.ts";
import { fetchPool } from "./_pools.ts";
import { curlOne, curlParallel, startPythonCat } from "./_peers.ts";
import {
  type Case,
  extraSpread,
  interleave,
  type Measured,
  num,
  spread,
  timed,
  timeSpread,
} from "./_rounds.ts";
import {
  fmtRatio,
  fmtTime,
  ratioTarget,
  type Section,
  speedup,
} from "./_report.ts";

/** What is installed beside nginx. */
export interface Peers {
  curl: string | null;
  time: string | null;
  python: boolean;
}

/** What every group gets: the served files, the rounds, the peers. */
export interface GroupContext {
  served: Served;
  rounds: number;
  peers: Peers;
}

/** In-flight requests of the raw pool, curl and Python: the library's `batchSize` 128. */
const CONCURRENCY = 128;
const GIB = 2 ** 30;
const MIB = 2 ** 20;

/** Throws unless a `_cat`/`cat` result holds `count` files of 1 KiB. */
function checkCat(out: unknown, count: number): void {
  const map = out as Map<string, Uint8Array>;
  if (map.size !== count || [...map.values()].some((b) => b.length !== 1024)) {
    throw new Error(`Cannot trust the run: ${map.size} of ${count} files read`);
  }
}

/** Rows `case | time | files/s | vs base | CPU µs/file` for a group of many-file cases. */
function filesRows(measured: Measured[], base: Measured, count: number) {
  return measured.map((m) => {
    const cpu = extraSpread(m, "cpuMs");
    return [
      m.name,
      fmtTime(m),
      num(count / (timeSpread(m).median / 1000)),
      m === base ? "1 (base)" : fmtRatio(speedup(m, base)),
      Number.isNaN(cpu.median) ? "–" : num(cpu.median * 1000 / count, 1),
    ];
  });
}

/** The header of {@linkcode filesRows}; `unit` is what a row counts. */
function filesHeader(unit: string): string[] {
  return [
    "case",
    "time, median (min–max)",
    `${unit}/s`,
    "speed vs base",
    `CPU µs/${unit.replace(/s$/, "")}`,
  ];
}

/** The small files' URLs and count, announced on stderr. */
function manyFiles(served: Served, group: string, where: string) {
  const urls = served.small;
  console.error(`${group}: ${urls.length} files of 1 KiB, ${where}`);
  return { urls, n: urls.length };
}

/**
 * A blocking-mode HTTP filesystem on a loop of its own; with `limitPerHost`,
 * that many requests may be in flight to nginx.
 */
function blockingHttp(
  limitPerHost?: number,
): { fs: AsyncFileSystem; loop: IOLoop } {
  const loop = new IOLoop();
  return { fs: new HTTPFileSystem({ loop, limitPerHost }), loop };
}

/** `_cat` of the small files, both faces, against the raw pool and Python fsspec. */
export async function smallGroup(
  { served, rounds, peers }: GroupContext,
): Promise<Section> {
  const { urls, n } = manyFiles(served, "small", "in memory");
  await using fs = new HTTPFileSystem({ asynchronous: true });
  // the pool's concurrency: 128 in flight, past the default per-host cap of 100
  await using wide = new HTTPFileSystem({
    asynchronous: true,
    limitPerHost: CONCURRENCY,
  });
  const blocking = blockingHttp();
  const blockingWide = blockingHttp(CONCURRENCY);
  await using python = peers.python
    ? await startPythonCat(served.dir, urls, CONCURRENCY)
    : null;
  const cases: Case[] = [
    {
      name: `raw \`fetch\` pool of ${CONCURRENCY} (base)`,
      run: () => timed(() => fetchPool(urls, CONCURRENCY)),
    },
    {
      name: "`_cat`, async, defaults (window 100 = per-host cap)",
      run: () => timed(async () => checkCat(await fs._cat(urls), n)),
    },
    {
      name:
        `\`_cat\`, async, ${CONCURRENCY} in flight (batchSize, limitPerHost)`,
      run: () =>
        timed(async () =>
          checkCat(await wide._cat(urls, { batchSize: CONCURRENCY }), n)
        ),
    },
    {
      name: "`cat`, blocking, defaults",
      run: () =>
        timed(() => Promise.resolve(checkCat(blocking.fs.cat(urls), n))),
    },
    {
      name:
        `\`cat\`, blocking, ${CONCURRENCY} in flight (batchSize, limitPerHost)`,
      run: () =>
        timed(() =>
          Promise.resolve(
            checkCat(blockingWide.fs.cat(urls, { batchSize: CONCURRENCY }), n),
          )
        ),
    },
  ];
  if (python) {
    cases.push({
      name: `Python fsspec 2022.11 \`cat\`, batch_size ${CONCURRENCY}`,
      run: () => python.run(),
    });
  }
  let measured: Measured[];
  try {
    measured = await interleave(cases, rounds);
  } finally {
    await blocking.loop.close();
    await blockingWide.loop.close();
  }
  const [pool, catDefault, cat128, catBlocking, catBlocking128, py] = measured;
  return {
    title: `\`_cat\` of ${num(n)} files of 1 KiB (nginx, in memory)`,
    header: filesHeader("files"),
    rows: filesRows(measured, pool, n),
    notes: [
      "CPU is the process's user and system time per file (all its threads: fetch's, the IO Worker's; nginx's not), for Python its `time.process_time()`: a busy machine disturbs it less than the wall time.",
      ...(python ? [] : ["Python fsspec: not installed, row skipped."]),
    ],
    targets: [
      ratioTarget(
        "`_cat` async ≥ 0.9x the raw pool (defaults)",
        speedup(catDefault, pool),
        0.9,
      ),
      ratioTarget(
        `\`_cat\` async ≥ 0.9x the raw pool (${CONCURRENCY} in flight)`,
        speedup(cat128, pool),
        0.9,
      ),
      ratioTarget(
        "blocking `cat` ≥ 0.85x the raw pool (defaults)",
        speedup(catBlocking, pool),
        0.85,
      ),
      ratioTarget(
        `blocking \`cat\` ≥ 0.85x the raw pool (${CONCURRENCY} in flight)`,
        speedup(catBlocking128, pool),
        0.85,
      ),
      ratioTarget(
        `\`_cat\` ≥ 2x Python fsspec (both batch ${CONCURRENCY})`,
        py ? speedup(cat128, py) : null,
        2,
      ),
    ],
  };
}

/**
 * Microseconds to create an empty file in a new directory `dir` (median
 * of 200, one at a time): how this disk's file creation fares right now.
 */
function emptyFileMicros(dir: string): number {
  Deno.mkdirSync(dir);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    Deno.writeFileSync(`${dir}/${i}`, new Uint8Array(0));
    times.push((performance.now() - t0) * 1000);
  }
  return spread(times).median;
}

/**
 * The small files written to disk: `_get` (both faces) against `curl
 * --parallel`, in two scenarios, each in rounds of its own: into a new
 * directory each run (made before the clock starts), and over the files
 * the round before wrote. The second asks a file system more: the library
 * replaces each file whole (a new file renamed over the old, which is
 * freed), where curl truncates and rewrites it in place.
 */
export async function diskGroup(
  { served, rounds, peers }: GroupContext,
): Promise<Section> {
  const { urls, n } = manyFiles(served, "disk", "to disk");
  const out = `${served.dir}/out`;
  await Deno.mkdir(out, { recursive: true });
  const createUs = emptyFileMicros(`${out}/probe`);
  await using fs = new HTTPFileSystem({ asynchronous: true });
  const blocking = blockingHttp();
  const curl = peers.curl
    ? await curlParallel(peers.curl, urls, `${out}/curlrc`, CONCURRENCY)
    : null;
  let made = 0;
  /** A run's directory: a new one, or the same one every round. */
  const dirFor = async (name: string, fresh: boolean) => {
    const dir = fresh ? `${out}/${name}-${made++}` : `${out}/${name}`;
    await Deno.mkdir(dir, { recursive: true });
    return dir;
  };
  const targets = (dir: string) => urls.map((_, i) => `${dir}/${i}`);
  const scenario = (fresh: boolean): Case[] => {
    const where = fresh ? "new directory" : "over the files there";
    const cases: Case[] = [];
    if (curl) {
      cases.push({
        name:
          `\`curl --parallel --parallel-max ${CONCURRENCY}\` (base), ${where}`,
        run: async () => curl(await dirFor("curl", fresh)),
      });
    }
    cases.push(
      {
        name:
          `raw \`fetch\` pool of ${CONCURRENCY}, written in place, ${where}`,
        async run() {
          const to = targets(await dirFor("pool", fresh));
          return timed(() => fetchPool(urls, CONCURRENCY, to));
        },
      },
      {
        name: `\`_get\`, async, defaults, ${where}`,
        async run() {
          const to = targets(await dirFor("async", fresh));
          return timed(() => fs._get(urls, to));
        },
      },
      {
        name: `\`get\`, blocking, defaults, ${where}`,
        async run() {
          const to = targets(await dirFor("blocking", fresh));
          return timed(() => Promise.resolve(blocking.fs.get(urls, to)));
        },
      },
    );
    return cases;
  };
  let intoNew: Measured[];
  let over: Measured[];
  try {
    intoNew = await interleave(scenario(true), rounds);
    over = await interleave(scenario(false), rounds);
  } finally {
    await blocking.loop.close();
  }
  const size = (await Deno.stat(`${out}/async/${n - 1}`)).size;
  if (size !== 1024) throw new Error(`Cannot trust the run: a ${size} B file`);
  console.error("disk: removing what it wrote");
  await Deno.remove(out, { recursive: true });
  const rows = [intoNew, over].flatMap((m) => filesRows(m, m[0], n));
  const target = (m: Measured[], where: string) =>
    ratioTarget(
      `\`_get\` of ${num(n)} small files ≥ 1.0x \`curl --parallel\`, ${where}`,
      curl ? speedup(m[2], m[0]) : null,
      1,
    );
  return {
    title: `\`get\` of ${num(n)} files of 1 KiB to disk`,
    header: filesHeader("files"),
    rows,
    notes: [
      `Creating an empty file on this disk took ${
        num(createUs)
      } µs at the group's start (one thread, 200 files; on this VM 24-37 µs when quiet, 200-580 µs for minutes after many files were deleted: BENCHMARKS.md, "This VM's disk").`,
      ...(curl
        ? [
          "Each scenario runs in rounds of its own, new directories first. The raw pool writes each body with `Deno.writeFileSync` in place, as curl does: the floor of a download to disk in Deno, without the library's temporary file and rename. curl's time is its process's wall time (start-up included, a few ms); ours is the call's. Over files already there, curl truncates each and writes it again in place; the library writes a new file beside it and renames it over the old one, so that a failed or interrupted download never leaves a partial file (issue 11), and the file system then frees the old file.",
        ]
        : ["curl: not installed, its rows are skipped."]),
    ],
    targets: [
      target(intoNew, "new directory"),
      target(over, "over the files there"),
    ],
  };
}

/** A case that runs `_get_child.ts` in a fresh process. */
function childCase(
  name: string,
  mode: string,
  url: string,
  out: string,
): Case {
  const config = new URL("../deno.json", import.meta.url).pathname;
  const script = new URL("./_get_child.ts", import.meta.url).pathname;
  return {
    name,
    async run() {
      const result = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          "--quiet",
          `--config=${config}`,
          script,
          mode,
          url,
          out,
        ],
        stdin: "null",
        stderr: "inherit",
      }).output();
      if (!result.success) throw new Error(`Cannot run the ${mode} child`);
      const { ms, rssMiB } = JSON.parse(
        new TextDecoder().decode(result.stdout),
      );
      if (mode !== "baseline") {
        const size = (await Deno.stat(out)).size;
        await Deno.remove(out);
        if (size !== GIB) throw new Error(`Cannot trust the run: ${size} B`);
      }
      return { ms, extra: { rssMiB } };
    },
  };
}

/** `get` of 1 GiB to disk against `curl -o`, with peak RSS. */
export async function largeGroup(
  { served, rounds, peers }: GroupContext,
): Promise<Section> {
  console.error("large: 1 GiB to disk");
  const url = await addFile(served, "large.bin", GIB, "sparse");
  const out = `${served.dir}/large.out`;
  const cases: Case[] = [
    childCase(
      "process that only imports the library (RSS base)",
      "baseline",
      url,
      out,
    ),
  ];
  if (peers.curl) {
    cases.push({
      name: "`curl -o` (base)",
      run: curlOne(peers.curl, peers.time, url, out),
    });
  }
  cases.push(
    childCase("`_get`, async", "async", url, out),
    childCase("`get`, blocking", "blocking", url, out),
  );
  const measured = await interleave(cases, rounds);
  const rssBase = extraSpread(measured[0], "rssMiB").median;
  const curl = peers.curl ? measured[1] : null;
  const [asyncGet, blockingGet] = measured.slice(-2);
  const rows = measured.slice(1).map((m) => {
    const rss = extraSpread(m, "rssMiB");
    return [
      m.name,
      fmtTime(m),
      num(GIB / MIB / (timeSpread(m).median / 1000)),
      curl && m !== curl
        ? fmtRatio(speedup(m, curl))
        : m === curl
        ? "1 (base)"
        : "–",
      Number.isNaN(rss.median) ? "–" : `${num(rss.median)} MiB`,
      m === curl ? "–" : `+${num(rss.median - rssBase)} MiB`,
    ];
  });
  const overBase = (m: Measured) =>
    spread(m.samples.map((s) => s.extra!.rssMiB - rssBase));
  const rssTarget = (label: string, m: Measured) => {
    const s = overBase(m);
    return {
      claim: `peak RSS of ${label} \`get\` of 1 GiB under +64 MiB`,
      measured: `+${num(s.median)} MiB (+${num(s.min)}–+${num(s.max)})`,
      met: s.median < 64,
    };
  };
  return {
    title: "`get` of one 1 GiB file to disk",
    header: [
      "case",
      "time, median (min–max)",
      "MiB/s",
      "speed vs curl",
      "peak RSS",
      "over base",
    ],
    rows,
    notes: [
      `The file is sparse (nginx reads zeros, the disk write is real). Times are the transfer's own: curl's \`time_total\`, ours the call inside the process. Peak RSS is the kernel's high-water mark (VmHWM; GNU time's \`%M\` for curl); the base process only imports the library: ${
        num(rssBase)
      } MiB.`,
      ...(curl ? [] : ["curl: not installed, row skipped."]),
    ],
    targets: [
      ratioTarget(
        "`get` of 1 GiB ≥ 0.9x `curl -o` (async)",
        curl ? speedup(asyncGet, curl) : null,
        0.9,
      ),
      ratioTarget(
        "`get` of 1 GiB ≥ 0.9x `curl -o` (blocking)",
        curl ? speedup(blockingGet, curl) : null,
        0.9,
      ),
      rssTarget("async", asyncGet),
      rssTarget("blocking", blockingGet),
    ],
  };
}

/** Ranges: 10 clusters (10 MiB apart) of 100 ranges of 1 KiB, one every 4 KiB. */
function plannedRanges(): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  for (let c = 0; c < 10; c++) {
    for (let r = 0; r < 100; r++) starts.push(c * 10 * MIB + 512 + r * 4096);
  }
  return { starts, ends: starts.map((s) => s + 1024) };
}

/** `_catRanges` through a 1 ms proxy: coalesced against one request per range. */
export async function rangesGroup(
  { served, rounds }: GroupContext,
): Promise<Section> {
  console.error(
    "ranges: 1,000 ranges of a 100 MiB file, 1 ms added per request",
  );
  const direct = await addFile(served, "ranges.bin", 100 * MIB, "pattern");
  await using proxy = await startDelayProxy(served.server.url, 1);
  const url = direct.replace(served.server.url, proxy.url);
  const { starts, ends } = plannedRanges();
  const paths = starts.map(() => url);
  await using fs = new HTTPFileSystem({ asynchronous: true });
  const check = (out: (Uint8Array | Error)[]) =>
    out.forEach((b, i) => {
      if (
        b instanceof Error || b.length !== 1024 ||
        b[1023] !== patternByte(starts[i] + 1023)
      ) {
        throw new Error(`Cannot trust the run: range ${i} is wrong`);
      }
    });
  const cases: Case[] = [
    {
      name: "one request per range (base)",
      run: () =>
        timed(async () => check(await fs._catRanges(paths, starts, ends))),
    },
    {
      name: "coalesced, `maxGap` 64 KiB (10 requests)",
      run: () =>
        timed(async () =>
          check(await fs._catRanges(paths, starts, ends, { maxGap: 64 * 1024 }))
        ),
    },
  ];
  const measured = await interleave(cases, rounds);
  const [one, merged] = measured;
  return {
    title:
      "`_catRanges` of 1,000 ranges of 1 KiB in a 100 MiB file, +1 ms per request",
    header: filesHeader("ranges"),
    rows: filesRows(measured, one, starts.length),
    notes: [
      "Ranges: 10 clusters 10 MiB apart, each 100 ranges of 1 KiB one every 4 KiB. The latency is a loopback proxy in its own process that waits `setTimeout(1)` (1–2 ms here) before it forwards each request to nginx. Defaults otherwise (window 100, the per-host cap).",
    ],
    targets: [
      ratioTarget(
        "coalesced `catRanges` ≥ 5x one request per range",
        speedup(merged, one),
        5,
      ),
    ],
  };
}
