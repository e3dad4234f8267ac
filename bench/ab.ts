/**
 * A/B of library snapshots in one process, beside the raw `fetch` pool:
 * the tool behind BENCHMARKS.md's "measured one at a time" tables. Each
 * snapshot is a directory with the library's `mod.ts` (for a commit:
 * `mkdir /tmp/a && git archive <rev> | tar -x -C /tmp/a`); the same
 * directory may be named twice, to see the noise between two copies.
 *
 * - `--mode=cat`: `_cat` of 5,000 × 1 KiB from nginx, `--faces=async,blocking`;
 * - `--mode=get`: `_get` of the same files into a new directory each run,
 *   beside `curl --parallel --parallel-max 128`;
 * - `--mode=mock`: `_cat` of 5,000 URLs through a `fetch` that answers at
 *   once (the library's own cost per request), beside a pool over it.
 *
 * Cases run in interleaved rounds (`--rounds`, default 11) after one
 * warm-up; speed is taken round by round against the first row.
 *
 * `TMPDIR=/dev/shm deno run -A bench/ab.ts --mode=cat /tmp/a,/tmp/b`
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
import { findNginx, serveSmallFiles } from "./_fixtures.ts";
import { curlParallel, findCurl } from "./_peers.ts";
import { fetchPool } from "./_pools.ts";
import { fmtRatio, speedup } from "./_report.ts";
import {
  type Case,
  extraSpread,
  interleave,
  timed,
  timeSpread,
} from "./_rounds.ts";

const args = parseArgs(Deno.args, {
  string: ["mode", "rounds", "faces"],
  default: { mode: "cat", rounds: "11", faces: "async,blocking" },
});
const dirs = String(args._[0] ?? "").split(",").filter(Boolean);
if (dirs.length === 0) {
  throw new TypeError("Cannot compare: name snapshot directories, a,b,…");
}
// deno-lint-ignore no-explicit-any
const libs: [string, any][] = [];
for (const [i, dir] of dirs.entries()) {
  const url = new URL(`${dir}/mod.ts`, `file://${Deno.cwd()}/`).href;
  libs.push([String.fromCharCode(65 + i), await import(url)]);
}
const N = 5000;
const cases: Case[] = [];
const loops: { close(): Promise<void> }[] = [];
const check = (m: Map<string, Uint8Array>) => {
  if (m.size !== N) throw new Error(`Cannot trust the run: ${m.size} files`);
};

if (args.mode === "mock") {
  const body = new Uint8Array(1024);
  const headers = { "content-length": "1024" };
  const fake = ((_url: string) =>
    Promise.resolve(new Response(body, { headers }))) as typeof fetch;
  const urls = Array.from({ length: N }, (_, i) =>
    `http://127.0.0.1:1/f${i}`);
  cases.push({
    name: "pool over the fake fetch",
    run: () =>
      timed(async () => {
        let next = 0;
        await Promise.all(Array.from({ length: 100 }, async () => {
          while (next < N) await (await fake(urls[next++])).bytes();
        }));
      }),
  });
  for (const [tag, lib] of libs) {
    const fs = new lib.HTTPFileSystem({
      asynchronous: true,
      skipInstanceCache: true,
      fetch: fake,
    });
    cases.push({
      name: `${tag} _cat`,
      run: () => timed(async () => check(await fs._cat(urls))),
    });
  }
  await report();
} else {
  await using served = await serveSmallFiles(findNginx()!, N);
  const urls = served.small;
  if (args.mode === "get") {
    const out = `${served.dir}/out`;
    await Deno.mkdir(out);
    let made = 0;
    const fresh = async () => {
      const dir = `${out}/d${made++}`;
      await Deno.mkdir(dir);
      return dir;
    };
    const curl = await curlParallel(findCurl()!, urls, `${out}/curlrc`, 128);
    cases.push({ name: "curl", run: async () => curl(await fresh()) });
    for (const [tag, lib] of libs) {
      const fs = new lib.HTTPFileSystem({
        asynchronous: true,
        skipInstanceCache: true,
      });
      cases.push({
        name: `${tag} _get`,
        async run() {
          const dir = await fresh();
          const to = urls.map((_, i) => `${dir}/${i}`);
          return timed(() => fs._get(urls, to));
        },
      });
    }
  } else {
    const faces = args.faces.split(",");
    cases.push({
      name: "raw pool",
      run: () => timed(() => fetchPool(urls, 128)),
    });
    for (const [tag, lib] of libs) {
      if (faces.includes("async")) {
        const fs = new lib.HTTPFileSystem({
          asynchronous: true,
          skipInstanceCache: true,
        });
        cases.push({
          name: `${tag} async`,
          run: () => timed(async () => check(await fs._cat(urls))),
        });
      }
      if (faces.includes("blocking")) {
        const loop = new lib.IOLoop();
        loops.push(loop);
        const fs = new lib.HTTPFileSystem({ loop, skipInstanceCache: true });
        cases.push({
          name: `${tag} blocking`,
          run: () => timed(() => Promise.resolve(check(fs.cat(urls)))),
        });
      }
    }
  }
  try {
    await report();
  } finally {
    for (const loop of loops) await loop.close();
  }
}

/** Runs the cases and prints time, speed against the first row and CPU per file. */
async function report(): Promise<void> {
  const measured = await interleave(cases, Number(args.rounds));
  for (const m of measured) {
    const cpu = extraSpread(m, "cpuMs").median * 1000 / N;
    console.log(
      `${m.name.padEnd(26)} ${timeSpread(m).median.toFixed(1).padStart(7)} ms ${
        fmtRatio(speedup(m, measured[0])).padStart(18)
      }  CPU ${Number.isNaN(cpu) ? "–" : cpu.toFixed(1)} µs/file`,
    );
  }
  console.log(`load ${Deno.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
}
