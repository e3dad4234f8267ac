/**
 * The demo's data source: a Worker that serves generated CSV files and an
 * HTML index page on 127.0.0.1, the way a static file server or nginx's
 * autoindex would. It runs in a Worker because the demo's main thread blocks
 * on its IO Worker while the files are fetched.
 */

const COUNT = 500;
const files = new Map<string, Uint8Array<ArrayBuffer>>();
for (let i = 0; i < COUNT; i++) {
  const rows = Array.from(
    { length: 20 },
    (_, r) => `${i},${r},${(i * 31 + r * 7) % 101}`,
  );
  files.set(
    `part-${String(i).padStart(4, "0")}.csv`,
    new TextEncoder().encode(`file,row,value\n${rows.join("\n")}\n`),
  );
}
const index = `<html><body><h1>Index of /data/</h1>\n` +
  [...files.keys()].map((name) => `<a href="${name}">${name}</a>`).join(
    "<br>\n",
  ) +
  `\n</body></html>\n`;

const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen() {} },
  (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === "/data/") {
      return new Response(index, {
        headers: { "content-type": "text/html" },
      });
    }
    const body = files.get(pathname.replace(/^\/data\//, ""));
    if (!body) return new Response("not found", { status: 404 });
    const range = /^bytes=(\d+)-(\d*)$/.exec(
      request.headers.get("range") ?? "",
    );
    if (range) {
      const start = Number(range[1]);
      const end = range[2]
        ? Math.min(Number(range[2]) + 1, body.length)
        : body.length;
      return new Response(
        request.method === "HEAD" ? null : body.subarray(start, end),
        {
          status: 206,
          headers: {
            "content-range": `bytes ${start}-${end - 1}/${body.length}`,
            "content-length": String(end - start),
          },
        },
      );
    }
    return new Response(request.method === "HEAD" ? null : body, {
      headers: {
        "content-length": String(body.length),
        "content-type": "text/csv",
        "accept-ranges": "bytes",
      },
    });
  },
);

(self as unknown as { postMessage(message: unknown): void }).postMessage({
  port: server.addr.port,
  count: COUNT,
});
