/**
 * Run by `bench/compare.ts` in a process of its own, so that its peak RSS
 * is its own: `deno run -A bench/_get_child.ts <mode> [url] [out]`.
 *
 * - `baseline`: only imports the library (the RSS the others are held to);
 * - `async`: `await fs._get(url, out)`;
 * - `blocking`: `fs.get(url, out)` through the IO Worker.
 *
 * Prints one JSON line: `{ ms, rssMiB }`, the get's time and the process's
 * peak RSS (`VmHWM`, the counter GNU time's `%M` reads) at the end.
 *
 * @module
 */

import { getLoop, HTTPFileSystem } from "../mod.ts";

function peakRssMiB(): number {
  const status = Deno.readTextFileSync("/proc/self/status");
  return Number(/VmHWM:\s*(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

const [mode, url, out] = Deno.args;
let ms = 0;
if (mode === "async") {
  await using fs = new HTTPFileSystem({ asynchronous: true });
  const t0 = performance.now();
  await fs._get(url, out);
  ms = performance.now() - t0;
} else if (mode === "blocking") {
  const fs = new HTTPFileSystem();
  const t0 = performance.now();
  fs.get(url, out);
  ms = performance.now() - t0;
  await getLoop().close();
} else if (mode !== "baseline") {
  throw new TypeError(
    `Cannot run mode "${mode}": use baseline, async or blocking`,
  );
}
console.log(JSON.stringify({ ms, rssMiB: peakRssMiB() }));
