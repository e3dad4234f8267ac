/**
 * `deno task compare`: the library against what a user would pick instead,
 * in one run, on loopback nginx. Every group runs its cases in interleaved
 * rounds (A B C A B C …, one unmeasured round first) and reports the median
 * and the spread (min–max); ratios are taken round by round and then their
 * median. Prints Markdown for `BENCHMARKS.md` on stdout, progress on stderr.
 *
 * Groups (each can be picked with `--only=small,disk,large,ranges`):
 * - small: `_cat` (async and blocking faces) of 5,000 × 1 KiB against a
 *   raw `fetch` pool of 128, and Python fsspec `cat` at batch size 128;
 * - disk: the same files written to disk, `_get` against `curl --parallel`;
 * - large: `get` of one 1 GiB file against `curl -o`, with peak RSS;
 * - ranges: `_catRanges` of 1,000 ranges in a 100 MiB file through a proxy
 *   that adds 1 ms per request, coalesced against one request per range.
 *
 * Peers that are not installed are skipped with a notice. Only 127.0.0.1;
 * temporary files are removed at the end.
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
import {
  cleanUpOnInterrupt,
  findNginx,
  type Served,
  serveSmallFiles,
} from "./_fixtures.ts";
import { firstLine, machineFacts } from "./_machine.ts";
import { findCurl, findPythonFsspec, findTime } from "./_peers.ts";
import { diskGroup, largeGroup, rangesGroup, smallGroup } from "./_groups.ts";
import type { Section } from "./_report.ts";
import { renderSections } from "./_report.ts";

const args = parseArgs(Deno.args, {
  string: ["only", "rounds", "files"],
  default: { rounds: "7", files: "5000", only: "small,disk,large,ranges" },
});
const rounds = Number(args.rounds);
const files = Number(args.files);
if (!Number.isInteger(rounds) || rounds < 1) {
  throw new RangeError(
    `Cannot run ${args.rounds} rounds: give a positive integer`,
  );
}
const only = new Set(args.only.split(","));

const nginx = findNginx();
if (nginx) {
  const curl = findCurl();
  const time = findTime();
  const fsspecVersion = await findPythonFsspec();
  const facts = machineFacts({
    nginx: (await firstLine(nginx, ["-v"]))?.replace(/^.*?nginx\//, "") ??
      null,
    curl: curl && (await firstLine(curl, ["--version"]))?.split(" (")[0] ||
      null,
    "Python fsspec": fsspecVersion,
  });
  await using served: Served = await serveSmallFiles(nginx, files);
  using _interrupt = cleanUpOnInterrupt(served);
  const sections: Section[] = [];
  const peers = { curl, time, python: fsspecVersion !== null };
  const context = { served, rounds, peers };
  const groups = {
    small: smallGroup,
    disk: diskGroup,
    large: largeGroup,
    ranges: rangesGroup,
  };
  for (const [name, group] of Object.entries(groups)) {
    if (only.has(name)) sections.push(await group(context));
  }
  console.log(
    renderSections(
      sections,
      `Command: \`deno task compare\` (${rounds} interleaved round${
        rounds === 1 ? "" : "s"
      } after one warm-up round, ${
        files.toLocaleString("en-US")
      } files). ${facts}`,
    ),
  );
}
