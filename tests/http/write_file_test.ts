import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { FileExistsError, HTTPError } from "../../src/errors.ts";
import { HTTPFileSystem } from "../../src/http/http_file_system.ts";
import { filesystem } from "../../src/instance_cache.ts";
import { MemoryFileSystem } from "../../src/memory/memory_file_system.ts";
import { serveFileSystem } from "../../src/serve/serve_file_system.ts";
import { chunkOf, expectedHash, sha256 } from "../_write_data.ts";
import { requireBinary, startNginx } from "./servers.ts";

const MiB = 2 ** 20;
const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("HTTPFileSystem: a 64 MiB blocking write to nginx (WebDAV PUT) reads back equal", async () => {
  const bin = requireBinary("nginx", { fallbacks: ["/usr/sbin/nginx"] });
  if (!bin) return;
  const dir = await Deno.makeTempDir({ prefix: "fsspec_write_" });
  const fs = await filesystem("http", {
    skipInstanceCache: true,
    uploadMethod: "PUT",
  });
  try {
    await using server = await startNginx(bin, dir, { webdav: true });
    const url = `${server.url}/up/big.bin`;
    const f = fs.open(url, { mode: "wb" });
    for (let i = 0; i < 64; i++) assertEquals(f.write(chunkOf(i)), MiB);
    f.flush();
    assertEquals(fs.exists(url), false);
    f.close();
    const expected = await expectedHash(64);
    // what nginx stored, read from its disk, and what it serves back
    assertEquals(
      await sha256(await Deno.readFile(`${server.root}/up/big.bin`)),
      expected,
    );
    assertEquals(fs.size(url), 64 * MiB);
    assertEquals(await sha256(fs.catFile(url)), expected);
    await fs.close();
  } finally {
    await fs.loop!.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test('HTTPFileSystem: "xb" over a file nginx serves is FileExistsError, "ab" is a TypeError naming the mode (both faces)', async () => {
  const bin = requireBinary("nginx", { fallbacks: ["/usr/sbin/nginx"] });
  if (!bin) return;
  const dir = await Deno.makeTempDir({ prefix: "fsspec_write_" });
  const blocking = await filesystem("http", { skipInstanceCache: true });
  try {
    await using server = await startNginx(bin, dir, { webdav: true });
    await using fs = new HTTPFileSystem({
      asynchronous: true,
      uploadMethod: "PUT",
    });
    const url = `${server.url}/a.txt`;
    await fs._pipeFile(url, enc("older"));
    const error = await assertRejects(
      () => fs.openAsync(url, { mode: "xb" }),
      FileExistsError,
      'mode "xb"',
    );
    assertEquals(error.path, url);
    assertThrows(
      () => blocking.open(url, { mode: "xb" }),
      FileExistsError,
      'mode "xb"',
    );
    await assertRejects(
      () => fs.openAsync(url, { mode: "ab" }),
      TypeError,
      'Cannot open "' + url + '" in mode "ab": HTTPFileSystem cannot append',
    );
    assertThrows(
      () => blocking.open(url, { mode: "ab" }),
      TypeError,
      'mode "ab"',
    );
    // a write that fails midway (its source errors) uploads nothing
    const f = await fs.openAsync(url, { mode: "wb" });
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(enc("partial"));
        controller.error(new RangeError("midway"));
      },
    });
    await assertRejects(() => source.pipeTo(f.writable), RangeError, "midway");
    assertEquals(await fs._readText(url), "older");
    // "xb" on a new URL writes it
    await using g = await fs.openAsync(`${server.url}/b.txt`, { mode: "xb" });
    await g.write(enc("new"));
    await g.close();
    assertEquals(await Deno.readTextFile(`${server.root}/b.txt`), "new");
    await blocking.close();
  } finally {
    await blocking.loop!.close();
    await Deno.remove(dir, { recursive: true });
  }
});

/** A server that takes uploads and records every request; `/full/…` answers 507. */
function uploadServer() {
  const stored = new Map<string, Uint8Array<ArrayBuffer>>();
  const seen: string[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const path = new URL(request.url).pathname;
      seen.push(`${request.method} ${path}`);
      if (request.method === "POST" || request.method === "PUT") {
        const body = new Uint8Array(await request.arrayBuffer());
        if (path.startsWith("/full/")) {
          return new Response("no space", { status: 507 });
        }
        stored.set(path, body);
        return new Response(null, { status: 201 });
      }
      const body = stored.get(path);
      if (!body) return new Response("missing", { status: 404 });
      return new Response(request.method === "HEAD" ? null : body, {
        headers: { "content-length": `${body.length}` },
      });
    },
  );
  return {
    stored,
    seen,
    url: `http://127.0.0.1:${server.addr.port}`,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

Deno.test("HTTPFileSystem write file: one upload on close, by POST unless uploadMethod says PUT", async () => {
  await using server = uploadServer();
  for (const method of ["POST", "PUT"] as const) {
    await using fs = new HTTPFileSystem(
      method === "POST"
        ? { asynchronous: true }
        : { asynchronous: true, uploadMethod: method },
    );
    const url = `${server.url}/${method}.bin`;
    server.seen.length = 0;
    const f = await fs.openAsync(url, { mode: "wb" });
    await f.write(enc("hello, "));
    await f.write(enc("world"));
    await f.flush();
    assertEquals(server.seen, [], "nothing is sent before close");
    await f.close();
    assertEquals(server.seen, [`${method} /${method}.bin`]);
    assertEquals(server.stored.get(`/${method}.bin`), enc("hello, world"));
  }
});

Deno.test("HTTPFileSystem write file: a failed upload is an HTTPError from close, and stores nothing", async () => {
  await using server = uploadServer();
  await using fs = new HTTPFileSystem({ asynchronous: true });
  const f = await fs.openAsync(`${server.url}/full/x.bin`, { mode: "wb" });
  await f.write(enc("data"));
  const error = await assertRejects(() => f.close(), HTTPError);
  assertEquals(error.status, 507);
  assertEquals(f.closed, true);
  assertEquals(server.seen, ["POST /full/x.bin"]);
  assertEquals(server.stored.size, 0);
});

Deno.test("HTTPFileSystem write file: pipeTo a file served by a writable serveFileSystem (PUT)", async () => {
  const memory = new MemoryFileSystem({
    asynchronous: true,
    store: `serve-${crypto.randomUUID()}`,
  });
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    serveFileSystem(memory, { root: "/srv", writable: true }),
  );
  await using fs = new HTTPFileSystem({
    asynchronous: true,
    uploadMethod: "PUT",
  });
  const url = `http://127.0.0.1:${server.addr.port}/up/data.bin`;
  const f = await fs.openAsync(url, { mode: "wb" });
  await ReadableStream.from([chunkOf(0, 1000), chunkOf(1, 24)]).pipeTo(
    f.writable,
  );
  const expected = new Uint8Array(1024);
  expected.set(chunkOf(0, 1000));
  expected.set(chunkOf(1, 24), 1000);
  assertEquals(await memory._catFile("/srv/up/data.bin"), expected);
  assertEquals(await fs._catFile(url), expected);
});
