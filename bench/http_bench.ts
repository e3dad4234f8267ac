/**
 * HTTPFileSystem against a hand-written fetch pool, on nginx (started here
 * in a temporary directory; without nginx the bench says so and stops):
 * many small files through `_cat`, and one large file through `_catFile`.
 */
import { HTTPFileSystem } from "../mod.ts";

const FILES = 1000;
const LARGE = 16 << 20;

function which(name: string, fallbacks: string[]): string | null {
  const dirs = (Deno.env.get("PATH") ?? "").split(":").filter(Boolean);
  for (const c of [...dirs.map((d) => `${d}/${name}`), ...fallbacks]) {
    try {
      if (Deno.statSync(c).isFile) return c;
    } catch {
      // not there
    }
  }
  return null;
}

const nginx = which("nginx", ["/usr/sbin/nginx"]);
if (!nginx) {
  console.log("http_bench: nginx is not installed; nothing to measure");
} else {
  const dir = Deno.makeTempDirSync({ prefix: "fsspec_http_bench_" });
  const root = `${dir}/www`;
  Deno.mkdirSync(`${root}/many`, { recursive: true });
  const small = new Uint8Array(1024).fill(7);
  await Promise.all(
    Array.from(
      { length: FILES },
      (_, i) => Deno.writeFile(`${root}/many/f${i}`, small),
    ),
  );
  Deno.writeFileSync(`${root}/large.bin`, new Uint8Array(LARGE).fill(3));
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  Deno.writeTextFileSync(
    `${dir}/nginx.conf`,
    `worker_processes 1;
daemon off;
${Deno.uid() === 0 ? "user root;" : ""}
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/cb; proxy_temp_path ${dir}/p;
  fastcgi_temp_path ${dir}/f; uwsgi_temp_path ${dir}/u; scgi_temp_path ${dir}/s;
  server { listen 127.0.0.1:${port}; root ${root}; }
}
`,
  );
  const child = new Deno.Command(nginx, {
    args: ["-c", `${dir}/nginx.conf`, "-e", `${dir}/error.log`],
    stdout: "null",
    stderr: "null",
  }).spawn();
  globalThis.addEventListener("unload", () => {
    child.kill();
    Deno.removeSync(dir, { recursive: true });
  });
  for (let up = false; !up;) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      up = true;
    } catch {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  const base = `http://127.0.0.1:${port}`;
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
