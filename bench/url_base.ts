/**
 * What `fetch` in a Worker pays to resolve each request's URL against the
 * Worker's `location`: `new URL(u, base)` by the base's length, and
 * `new Request(u)` on the main thread (no `location`), in a Worker at a
 * long `data:` URL (the IO Worker's module before issue 10's fix), at a
 * `blob:` URL, and in a `node:worker_threads` `eval` Worker (the IO
 * Worker now). 50,000 URLs each, after 5,000 to warm up.
 *
 * `deno run --allow-read bench/url_base.ts`
 *
 * @module
 */

import { Worker as NodeWorker } from "node:worker_threads";

/** The measurement, as a script (no line breaks needed: it may be a URL). */
const probe = [
  `const urls = Array.from({ length: 50000 }, (_, i) => "http://127.0.0.1:8080/files/f" + i + ".bin");`,
  `function perUrl(f) { for (let i = 0; i < 5000; i++) f(urls[i]); const t0 = performance.now(); for (const u of urls) f(u); return ((performance.now() - t0) * 1000 / urls.length).toFixed(2) + " µs"; }`,
  `globalThis.requestCost = () => perUrl((u) => new Request(u)) + " (location: " + (globalThis.location?.href.length ?? "none") + " characters)";`,
].join("\n");

/** The probe's answer from a web Worker at `url`. */
function webWorker(url: string): Promise<string> {
  const w = new Worker(url, { type: "module" });
  return new Promise((resolve) => {
    w.onmessage = (e) => {
      resolve(e.data);
      w.terminate();
    };
  });
}

const post = `${probe}\npostMessage(requestCost());`;
// as long as the IO Worker's data: module was (656 characters from a
// file: checkout); the URL parser drops the line breaks, so ";" ends lines
const head = `data:text/javascript,${post.replaceAll("\n", ";")}`;
const dataUrl = `${head}/*${"x".repeat(Math.max(0, 656 - head.length - 4))}*/`;
const blobUrl = URL.createObjectURL(
  new Blob([post], { type: "text/javascript" }),
);

for (const length of [30, 60, 120, 200, 400, 800]) {
  const base = "data:text/javascript," + "a".repeat(length - 21);
  const urls = Array.from({ length: 50000 }, (_, i) => `http://h:1/f${i}`);
  for (let i = 0; i < 5000; i++) new URL(urls[i], base);
  const t0 = performance.now();
  for (const u of urls) new URL(u, base);
  const us = (performance.now() - t0) * 1000 / urls.length;
  console.log(`new URL(u, base), base of ${length}: ${us.toFixed(2)} µs`);
}
// deno-lint-ignore no-eval
(0, eval)(probe);
const main = (globalThis as { requestCost?: () => string }).requestCost!();
console.log(`new Request(u), main thread: ${main}`);
console.log(
  `new Request(u), Worker at a data: URL: ${await webWorker(dataUrl)}`,
);
console.log(
  `new Request(u), Worker at a blob: URL: ${await webWorker(blobUrl)}`,
);
const evalWorker = new NodeWorker(
  `${probe}\nrequire("node:worker_threads").parentPort.postMessage(requestCost());`,
  { eval: true },
);
const fromEval = await new Promise<string>((resolve) =>
  evalWorker.once("message", resolve)
);
await evalWorker.terminate();
console.log(`new Request(u), node:worker_threads eval Worker: ${fromEval}`);
URL.revokeObjectURL(blobUrl);
