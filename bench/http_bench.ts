/**
 * HTTPFileSystem against a hand-written fetch pool, on nginx (started here
 * in a temporary directory; without nginx the bench says so and stops):
 * many small files through `_cat`, and one large file through `_catFile`.
 */
import { HTTPFileSystem } from "../mod.ts";
import { startNginx, which } from "../tests/http/servers.ts";

const FILES = 1000;
const LARGE = 16 << 20;

const nginx = which("nginx", ["/usr/sbin/nginx"]);
if (!nginx) {
  console.log("http_bench: nginx is not installed; nothing to measure");
} else {
  const dir = Deno.makeTempDirSync({ prefix: "fsspec_http_bench_" });
  const server = await startNginx(nginx, dir, { workerConnections: 4096 });
  // benches have no teardown hook, and an unload listener cannot await
  globalThis.addEventListener("unload", () => {
    server.kill();
    Deno.removeSync(dir, { recursive: true });
  });
  const root = server.root;
  Deno.mkdirSync(`${root}/many`, { recursive: true });
  const small = new Uint8Array(1024).fill(7);
  await Promise.all(
    Array.from(
      { length: FILES },
      (_, i) => Deno.writeFile(`${root}/many/f${i}`, small),
    ),
  );
  Deno.writeFileSync(`${root}/large.bin`, new Uint8Array(LARGE).fill(3));
  const base = server.url;
  const urls = Array.from({ length: FILES }, (_, i) => `${base}/many/f${i}`);
  const fs = new HTTPFileSystem({ asynchronous: true });
  const uncapped = new HTTPFileSystem({
    asynchronous: true,
    limitPerHost: -1,
  });

  Deno.bench({
    name: `fetch pool of 128, ${FILES} files of 1 KiB`,
    group: "many small files",
    baseline: true,
    async fn() {
      let next = 0;
      await Promise.all(
        Array.from({ length: 128 }, async () => {
          while (next < urls.length) {
            await (await fetch(urls[next++])).bytes();
          }
        }),
      );
    },
  });
  for (const batchSize of [undefined, 128, -1]) {
    Deno.bench({
      name: `_cat, ${FILES} files, batchSize ${batchSize ?? "default"}`,
      group: "many small files",
      async fn() {
        await fs._cat(urls, { batchSize });
      },
    });
  }
  Deno.bench({
    name: `_cat, ${FILES} files, batchSize -1, limitPerHost -1 (no cap)`,
    group: "many small files",
    async fn() {
      await uncapped._cat(urls, { batchSize: -1 });
    },
  });

  Deno.bench({
    name: "fetch + bytes(), 16 MiB",
    group: "one large file",
    baseline: true,
    async fn() {
      await (await fetch(`${base}/large.bin`)).bytes();
    },
  });
  Deno.bench({
    name: "_catFile, 16 MiB",
    group: "one large file",
    async fn() {
      await fs._catFile(`${base}/large.bin`);
    },
  });
  Deno.bench({
    name: "_catFile with a range, 16 MiB",
    group: "one large file",
    async fn() {
      await fs._catFile(`${base}/large.bin`, { start: 0, end: LARGE });
    },
  });
}
