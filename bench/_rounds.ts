/**
 * Interleaved rounds for `bench/compare.ts` and `bench/batch_size_chart.ts`:
 * every case of a group runs once per round, in turn (A B C A B C …), so
 * that a row and its baseline share the machine's mood; each case's samples
 * are then summed up as median and spread (min–max).
 *
 * @module
 */

import process from "node:process";

/** One measured run: its time in ms, and any extra figures (peak RSS, …). */
export interface Sample {
  ms: number;
  extra?: Record<string, number>;
}

/** A case of a group: a name, and one run of it (setup outside the time). */
export interface Case {
  name: string;
  /** Runs once and says how long the measured part took. */
  run: () => Promise<Sample>;
}

/** A case's samples, in round order. */
export interface Measured {
  name: string;
  samples: Sample[];
}

/** Median, minimum and maximum of some numbers. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/**
 * Runs `rounds` rounds of the cases, interleaved, after `warmup` unmeasured
 * rounds; prints a dot per run on stderr so a long group shows progress.
 */
export async function interleave(
  cases: readonly Case[],
  rounds: number,
  warmup = 1,
): Promise<Measured[]> {
  const out: Measured[] = cases.map((c) => ({ name: c.name, samples: [] }));
  for (let r = 0; r < warmup + rounds; r++) {
    for (const [i, c] of cases.entries()) {
      const sample = await c.run();
      if (r >= warmup) out[i].samples.push(sample);
      Deno.stderr.writeSync(new TextEncoder().encode("."));
    }
  }
  Deno.stderr.writeSync(new TextEncoder().encode("\n"));
  return out;
}

/** Median and range of numbers (the median of an even count is the mean of the middle two). */
export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2
    ? sorted[mid]
    : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** A case's times (ms) as a spread. */
export function timeSpread(m: Measured): Spread {
  return spread(m.samples.map((s) => s.ms));
}

/** A case's extra figure `key` as a spread. */
export function extraSpread(m: Measured, key: string): Spread {
  return spread(m.samples.map((s) => s.extra?.[key] ?? NaN));
}

/**
 * Ratios of paired samples (round by round: `a` over `b` of the same round),
 * as a spread. Pairing cancels much of a shared machine's drift.
 */
export function pairedRatio(
  a: Measured,
  b: Measured,
  of: (s: Sample) => number,
): Spread {
  return spread(a.samples.map((s, i) => of(s) / of(b.samples[i])));
}

/**
 * Times a piece of async work: wall time in ms, and this process's CPU time
 * (user and system, all threads) in ms as `extra.cpuMs`, which a busy
 * machine disturbs less than the wall time.
 */
export async function timed(work: () => Promise<unknown>): Promise<Sample> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { ms, extra: { cpuMs: (cpu.user + cpu.system) / 1000 } };
}

/** `1,234` style, with `digits` decimals. */
export function num(value: number, digits = 0): string {
  return Number.isFinite(value)
    ? value.toLocaleString("en-US", {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
    : "–";
}

/** A spread as `median (min–max)`. */
export function fmtSpread(s: Spread, digits = 0, unit = ""): string {
  return `${num(s.median, digits)}${unit} (${num(s.min, digits)}–${
    num(s.max, digits)
  })`;
}

/** A Markdown table, columns right-aligned but the first. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, 3, ...rows.map((r) => (r[i] ?? "").length))
  );
  const line = (cells: readonly string[]) =>
    `| ${
      cells.map((c, i) => i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))
        .join(" | ")
    } |`;
  const rule = `| ${
    widths.map((w, i) => i === 0 ? "-".repeat(w) : "-".repeat(w - 1) + ":")
      .join(" | ")
  } |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}
