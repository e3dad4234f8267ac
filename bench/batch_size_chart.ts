/**
 * `deno task chart`: throughput against batch size, drawn into
 * `bench/batch_size.svg`. Workloads: 10,000 no-op thunks and 1,280 thunks
 * that wait 1 ms (`runCorosInChunks`), and `_cat` of 5,000 files of 1 KiB
 * from loopback nginx (with the default per-host cap of 100, and without a
 * cap), each at batch sizes 1, 4, 16, 64, 128, 256, 1280 and -1, in
 * interleaved rounds (median). A raw `fetch` pool of 128 is measured beside
 * them as a reference line. Prints the data as a Markdown table.
 *
 * Options: `--rounds=N` (default 5), `--files=N` (default 5000),
 * `--out=path` (default `bench/batch_size.svg`).
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
import { HTTPFileSystem, runCorosInChunks } from "../mod.ts";
import { noopThunks, wait1msThunks } from "./_thunks.ts";
import { cleanUpOnInterrupt, findNginx, serveSmallFiles } from "./_fixtures.ts";
import { machineFacts } from "./_machine.ts";
import { fetchPool } from "./_pools.ts";
import {
  type Case,
  interleave,
  markdownTable,
  type Measured,
  num,
  timed,
  timeSpread,
} from "./_rounds.ts";
import { lineChartSvg, type Series } from "./_svg_chart.ts";

const BATCH_SIZES = [1, 4, 16, 64, 128, 256, 1280, -1];
const NOOPS = 10_000;
const WAITS = 1_280;

const args = parseArgs(Deno.args, {
  string: ["rounds", "files", "out"],
  default: {
    rounds: "5",
    files: "5000",
    out: new URL("./batch_size.svg", import.meta.url).pathname,
  },
});
const rounds = Number(args.rounds);
const files = Number(args.files);

/** A workload measured at every batch size: items per run, and one run. */
interface Workload {
  name: string;
  color: string;
  items: number;
  run: (batchSize: number) => Promise<unknown>;
}

/** A case per workload and batch size; a failed run marks its point failed. */
function casesOf(w: Workload, failed: Set<string>): Case[] {
  return BATCH_SIZES.map((b) => ({
    name: `${w.name} @ ${b}`,
    run: async () => {
      if (failed.has(`${w.name} @ ${b}`)) return { ms: NaN };
      try {
        return await timed(() => w.run(b));
      } catch (error) {
        console.error(`  ${w.name} at batch ${b} failed: ${error}`);
        failed.add(`${w.name} @ ${b}`);
        return { ms: NaN };
      }
    },
  }));
}

/** Items per second (median) of each case. */
function rates(measured: Measured[], items: number[]): (number | null)[] {
  return measured.map((m, i) => {
    const ms = timeSpread(m).median;
    return Number.isNaN(ms) ? null : items[i] / (ms / 1000);
  });
}

const noop = noopThunks(NOOPS);
const wait1ms = wait1msThunks(WAITS);

const nginx = findNginx();
if (nginx) {
  await using served = await serveSmallFiles(nginx, files);
  using _interrupt = cleanUpOnInterrupt(served);
  const urls = served.small;
  await using capped = new HTTPFileSystem({ asynchronous: true });
  await using uncapped = new HTTPFileSystem({
    asynchronous: true,
    limitPerHost: -1,
  });
  const workloads: Workload[] = [
    {
      name: `no-op thunks (${num(NOOPS)})`,
      color: "#1b9e77",
      items: NOOPS,
      run: (batchSize) => runCorosInChunks(noop, { batchSize }),
    },
    {
      name: `1 ms waits (${num(WAITS)})`,
      color: "#d95f02",
      items: WAITS,
      run: (batchSize) => runCorosInChunks(wait1ms, { batchSize }),
    },
    {
      name: `nginx 1 KiB files, _cat (${num(files)})`,
      color: "#7570b3",
      items: files,
      run: (batchSize) => capped._cat(urls, { batchSize }),
    },
    {
      name: "same, no per-host cap",
      color: "#e7298a",
      items: files,
      run: (batchSize) => uncapped._cat(urls, { batchSize }),
    },
  ];
  // every workload and batch size in one interleaved run, so that all
  // points share the machine's mood; the raw pool last in each round
  const failed = new Set<string>();
  const cases = workloads.flatMap((w) => casesOf(w, failed));
  cases.push({
    name: "raw fetch pool of 128",
    run: () => timed(() => fetchPool(urls, 128)),
  });
  console.error(`${cases.length} cases, ${rounds} rounds after a warm-up:`);
  const measured = await interleave(cases, rounds);
  const items = [
    ...workloads.flatMap((w) => BATCH_SIZES.map(() => w.items)),
    files,
  ];
  const all = rates(measured, items);
  const series: Series[] = workloads.map((w, k) => ({
    name: w.name,
    color: w.color,
    values: all.slice(k * BATCH_SIZES.length, (k + 1) * BATCH_SIZES.length),
  }));
  const poolRate = all[all.length - 1] ?? NaN;
  const categories = BATCH_SIZES.map((b) => b === -1 ? "-1 (all)" : String(b));
  const svg = lineChartSvg({
    title: "Throughput against batch size",
    subtitle: `median of ${rounds} interleaved rounds; ${
      new Date().toISOString().slice(0, 10)
    }, ${navigator.hardwareConcurrency} cores, Deno ${Deno.version.deno}`,
    xTitle: "batch size (thunks in flight at once)",
    yTitle: "items (files, thunks) per second, log scale",
    categories,
    series,
    marks: [
      { index: BATCH_SIZES.indexOf(128), label: "default 128 (get/put)" },
      {
        index: BATCH_SIZES.indexOf(1280),
        label: "default 1280 (cat, no files; HTTP: 100, its per-host cap)",
      },
    ],
    references: [{
      value: poolRate,
      label: `raw fetch pool of 128 (${num(poolRate)}/s)`,
      color: "#7570b3",
    }],
  });
  await Deno.writeTextFile(args.out, svg);
  // in deno fmt's layout, so that `deno fmt --check` passes on the committed file
  await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--quiet", args.out],
  }).output();
  console.error(`wrote ${args.out}`);
  console.log(machineFacts({}));
  console.log();
  console.log(markdownTable(
    ["workload (items/s)", ...categories],
    series.map((s) => [
      s.name,
      ...s.values.map((v) => v === null ? "failed" : num(v)),
    ]),
  ));
  console.log(`\nRaw fetch pool of 128: ${num(poolRate)} files/s.`);
}
