/**
 * The Markdown `bench/compare.ts` prints: one table per group, its notes,
 * and a closing table of the targets, each measured and marked met
 * or not.
 *
 * @module
 */

import {
  fmtSpread,
  markdownTable,
  type Measured,
  pairedRatio,
  type Sample,
  type Spread,
  timeSpread,
} from "./_rounds.ts";

/** One of the "must hold" lines, as measured. */
export interface Target {
  claim: string;
  measured: string;
  /** null: not measured (a peer is missing). */
  met: boolean | null;
}

/** A group's part of the report. */
export interface Section {
  title: string;
  header: string[];
  rows: string[][];
  notes: string[];
  targets: Target[];
}

/** Speed of `m` against `base` per round (base time over m's time), as a spread. */
export function speedup(m: Measured, base: Measured): Spread {
  return pairedRatio(base, m, (s: Sample) => s.ms);
}

/** A spread of ratios as `0.93x (0.88–1.01)`. */
export function fmtRatio(s: Spread): string {
  return `${s.median.toFixed(2)}x (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
}

/** A target on a ratio: met where the median reaches `at least`. */
export function ratioTarget(
  claim: string,
  ratio: Spread | null,
  atLeast: number,
): Target {
  return ratio
    ? { claim, measured: fmtRatio(ratio), met: ratio.median >= atLeast }
    : { claim, measured: "not measured (peer missing)", met: null };
}

/** The time column: median ms and range. */
export function fmtTime(m: Measured): string {
  const s = timeSpread(m);
  return s.median >= 1000
    ? fmtSpread(
      { median: s.median / 1000, min: s.min / 1000, max: s.max / 1000 },
      2,
      " s",
    )
    : fmtSpread(s, 1, " ms");
}

/** The whole report. */
export function renderSections(sections: Section[], intro: string): string {
  const parts = [intro, ""];
  for (const s of sections) {
    parts.push(`### ${s.title}`, "", markdownTable(s.header, s.rows), "");
    for (const note of s.notes) parts.push(note, "");
  }
  const targets = sections.flatMap((s) => s.targets);
  if (targets.length) {
    parts.push(
      "### Targets of issue 10",
      "",
      markdownTable(
        ["target", "measured (median, min–max of rounds)", "met"],
        targets.map((t) => [
          t.claim,
          t.measured,
          t.met === null ? "–" : t.met ? "yes" : "**no**",
        ]),
      ),
      "",
    );
  }
  return parts.join("\n");
}
