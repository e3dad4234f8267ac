// Run by limits_test.ts under `ulimit -n 256`:
//   many BASE N DIR   _cat then _get of BASE/f0 … BASE/f{N-1}, default settings
//   rss BASE N DIR    _get of N files; prints the highest RSS seen
// Prints one JSON line.
import { HTTPFileSystem } from "../../mod.ts";
import { bodyOf } from "./_raw_server.ts";

const [mode, base, n, dir] = Deno.args;
const urls = Array.from({ length: Number(n) }, (_, i) => `${base}/f${i}`);
const fs = new HTTPFileSystem({ asynchronous: true });
let peak = Deno.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, Deno.memoryUsage().rss);
}, 20);
const result: Record<string, unknown> = {};
try {
  if (mode === "many") {
    const got = await fs._cat(urls);
    result.cat = urls.filter((u, i) => {
      const v = got.get(u);
      return v instanceof Uint8Array &&
        new TextDecoder().decode(v) === bodyOf(`/f${i}`);
    }).length;
    const errors = [...got.values()].filter((v) => v instanceof Error);
    result.catError = errors.length ? String(errors[0]) : null;
  }
  await fs._get(urls, `${dir}/`);
  clearInterval(sampler);
  peak = Math.max(peak, Deno.memoryUsage().rss);
  let right = 0;
  for (let i = 0; i < urls.length; i++) {
    if (Deno.readTextFileSync(`${dir}/f${i}`) === bodyOf(`/f${i}`)) right++;
  }
  result.get = right;
} catch (error) {
  result.error = String(error);
} finally {
  clearInterval(sampler);
  await fs.close();
}
result.peakRssMiB = Math.round(peak / 2 ** 20);
const m = Deno.memoryUsage();
result.end = [m.rss, m.heapTotal, m.heapUsed, m.external].map((x) =>
  Math.round(x / 2 ** 20)
);
console.log(JSON.stringify(result));
