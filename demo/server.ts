/**
 * The demo's data source: a Worker that writes generated CSV files into a
 * memory filesystem and serves it on 127.0.0.1 with `serveFileSystem`
 * (directory pages, Range, HEAD, ETag), as a static file server or nginx's
 * autoindex would. It runs in a Worker because the demo's main thread
 * blocks on its IO Worker while the files are fetched.
 */

import { MemoryFileSystem, serveFileSystem } from "../mod.ts";

const COUNT = 500;
const fs = new MemoryFileSystem({ asynchronous: true, store: "demo" });
const files: Record<string, Uint8Array> = {};
for (let i = 0; i < COUNT; i++) {
  const rows = Array.from(
    { length: 20 },
    (_, r) => `${i},${r},${(i * 31 + r * 7) % 101}`,
  );
  files[`/data/part-${String(i).padStart(4, "0")}.csv`] = new TextEncoder()
    .encode(`file,row,value\n${rows.join("\n")}\n`);
}
await fs._pipe(files);

const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen() {} },
  serveFileSystem(fs),
);

(self as unknown as { postMessage(message: unknown): void }).postMessage({
  port: server.addr.port,
  count: COUNT,
});
