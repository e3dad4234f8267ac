/**
 * The file-system floor of an atomic download on this machine, no HTTP:
 * 5,000 files of 1 KiB written in place (as `curl -o` does) against written
 * to a temporary name and renamed into place (as the library does, so that
 * a failed download leaves nothing). Two phases, new directories first
 * (the second frees files, which slows creating new ones on some file
 * systems: BENCHMARKS.md, "This VM's disk"); in each, five rounds,
 * interleaved, after one warm-up. Prints the median and the rounds in ms.
 *
 * - into a new directory each round, one at a time (synchronous calls);
 * - over existing files, one at a time;
 * - over existing files, 100 at a time (`Deno.writeFile`, `Deno.rename`),
 *   and with the old file unlinked before the rename.
 *
 * `deno run --allow-read --allow-write --allow-run=sync bench/rename_floor.ts [dir]`
 *
 * @module
 */

const base = await Deno.makeTempDir({ dir: Deno.args[0] });
const body = new Uint8Array(1024);
const n = 5000;
let made = 0;

/** `write(i)` for every file, 100 at a time. */
async function hundredAtATime(write: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: 100 }, async () => {
    while (next < n) await write(next++);
  }));
}

const inPlaceSync = (dir: string) => {
  for (let i = 0; i < n; i++) Deno.writeFileSync(`${dir}/f${i}`, body);
};
const renamedSync = (dir: string) => {
  for (let i = 0; i < n; i++) {
    Deno.writeFileSync(`${dir}/f${i}.tmp`, body);
    Deno.renameSync(`${dir}/f${i}.tmp`, `${dir}/f${i}`);
  }
};

/** The phases: each variant's writes, given its directory. */
const phases: Record<string, (dir: string) => unknown>[] = [{
  "new directory, in place": inPlaceSync,
  "new directory, temp + rename": renamedSync,
}, {
  "over existing, in place": inPlaceSync,
  "over existing, temp + rename": renamedSync,
  "over existing, 100 at a time, in place": (dir) =>
    hundredAtATime((i) => Deno.writeFile(`${dir}/f${i}`, body)),
  "over existing, 100 at a time, temp + rename": (dir) =>
    hundredAtATime(async (i) => {
      await Deno.writeFile(`${dir}/f${i}.tmp`, body);
      await Deno.rename(`${dir}/f${i}.tmp`, `${dir}/f${i}`);
    }),
  "over existing, 100 at a time, temp + unlink + rename": (dir) =>
    hundredAtATime(async (i) => {
      await Deno.writeFile(`${dir}/f${i}.tmp`, body);
      await Deno.remove(`${dir}/f${i}`);
      await Deno.rename(`${dir}/f${i}.tmp`, `${dir}/f${i}`);
    }),
}];

/** A new directory; with `filled`, holding the files to write over. */
function newDir(filled: boolean): string {
  const dir = `${base}/d${made++}`;
  Deno.mkdirSync(dir);
  if (filled) inPlaceSync(dir);
  return dir;
}

try {
  for (const [p, variants] of phases.entries()) {
    const fresh = p === 0;
    const dirs: Record<string, string> = {};
    const rounds: Record<string, number[]> = {};
    for (let r = 0; r < 6; r++) {
      for (const [name, write] of Object.entries(variants)) {
        const dir = fresh ? newDir(false) : (dirs[name] ??= newDir(true));
        new Deno.Command("sync").outputSync(); // nothing dirty left to flush
        const t0 = performance.now();
        await write(dir);
        if (r > 0) (rounds[name] ??= []).push(performance.now() - t0);
      }
    }
    for (const [name, times] of Object.entries(rounds)) {
      const median = times.toSorted((a, b) => a - b)[times.length >> 1];
      console.log(
        `${name}: ${median.toFixed(0)} ms (${
          times.map((t) => t.toFixed(0)).join(", ")
        })`,
      );
    }
  }
} finally {
  await Deno.remove(base, { recursive: true });
}
