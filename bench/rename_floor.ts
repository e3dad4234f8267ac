/**
 * The file-system floor of an atomic download on this machine: 5,000 files
 * of 1 KiB written in place (as `curl -o` does), against written to a
 * temporary name and renamed into place (as the library does, so that a
 * failed download leaves nothing), in one thread, no HTTP. Five interleaved
 * rounds; prints the median and the rounds in ms.
 *
 * `deno run --allow-read --allow-write bench/rename_floor.ts [dir]`
 *
 * @module
 */

const dir = await Deno.makeTempDir({ dir: Deno.args[0] });
const body = new Uint8Array(1024);
const n = 5000;
try {
  for (let i = 0; i < n; i++) Deno.writeFileSync(`${dir}/f${i}`, body);
  const rounds: Record<string, number[]> = {
    "in place": [],
    "temp + rename": [],
  };
  for (let r = 0; r < 5; r++) {
    let t0 = performance.now();
    for (let i = 0; i < n; i++) Deno.writeFileSync(`${dir}/f${i}`, body);
    rounds["in place"].push(performance.now() - t0);
    t0 = performance.now();
    for (let i = 0; i < n; i++) {
      Deno.writeFileSync(`${dir}/f${i}.tmp`, body);
      Deno.renameSync(`${dir}/f${i}.tmp`, `${dir}/f${i}`);
    }
    rounds["temp + rename"].push(performance.now() - t0);
  }
  for (const [name, times] of Object.entries(rounds)) {
    const median = times.toSorted((a, b) => a - b)[times.length >> 1];
    console.log(
      `${name}: ${median.toFixed(0)} ms (${
        times.map((t) => t.toFixed(0)).join(", ")
      })`,
    );
  }
} finally {
  await Deno.remove(dir, { recursive: true });
}
