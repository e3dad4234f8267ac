/**
 * `deno task demo`: the main job with no setup. A Worker serves 500 small CSV
 * files and an index page on 127.0.0.1; this script lists the index and
 * fetches every file concurrently with one blocking `cat`, as a Python fsspec
 * script would, then does the same from async code.
 */
import { Callback, filesystem, type HTTPFileSystem } from "../mod.ts";

const server = new Worker(new URL("./server.ts", import.meta.url), {
  type: "module",
});
const { port, count } = await new Promise<{ port: number; count: number }>(
  (resolve) => {
    server.onmessage = (event) => resolve(event.data);
  },
);
const base = `http://127.0.0.1:${port}/data/`;
console.log(`Serving ${count} CSV files at ${base}`);

try {
  // Blocking face: plain calls, the work runs concurrently on the IO Worker.
  const fs = await filesystem("http") as HTTPFileSystem;
  const urls = fs.ls(base, { detail: false });
  console.log(`ls: ${urls.length} files, the first ${urls[0]}`);

  let done = 0;
  const progress = new Callback({
    hooks: { count: (_size, value) => done = value },
  });
  let t0 = performance.now();
  const files = fs.cat(urls, { batchSize: 64, callback: progress });
  const blockingMs = performance.now() - t0;
  let bytes = 0;
  for (const data of files.values()) bytes += (data as Uint8Array).length;
  console.log(
    `cat (blocking): ${files.size} files, ${bytes} bytes in ${
      blockingMs.toFixed(0)
    } ms; callback saw ${done}`,
  );

  const head = fs.catFile(urls[0], { start: 0, end: 14 });
  console.log(
    `catFile with a range: ${JSON.stringify(new TextDecoder().decode(head))}`,
  );
  console.log(`info: ${JSON.stringify(fs.info(urls[1]))}`);

  // Async face: the same job awaited in this thread, no Worker.
  const afs = await filesystem("http", { asynchronous: true });
  t0 = performance.now();
  const again = await afs._cat(urls);
  const asyncMs = performance.now() - t0;
  console.log(`_cat (async): ${again.size} files in ${asyncMs.toFixed(0)} ms`);

  let sum = 0;
  for (const data of again.values()) {
    const lines = new TextDecoder().decode(data as Uint8Array).trim().split(
      "\n",
    ).slice(1);
    for (const line of lines) sum += Number(line.split(",")[2]);
  }
  console.log(`sum of the value column over all files: ${sum}`);
  await afs.close();
  await fs.close();
} finally {
  server.terminate();
}
