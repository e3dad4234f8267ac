import {
  assert,
  assertEquals,
  assertFalse,
  assertMatch,
  assertRejects,
  assertStrictEquals,
  assertThrows,
} from "@std/assert";
import { spy } from "@std/testing/mock";
import {
  type AsyncFileSystem,
  type FileInfo,
  FileNotFoundError,
  HTTPFileSystem,
  IOLoop,
  LocalFileSystem,
  MemoryFileSystem,
  PermissionError,
  serveFileSystem,
} from "../../mod.ts";
import { serve } from "./_serve_helpers.ts";

const encoder = new TextEncoder();

function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed * 7) & 0xff;
  return out;
}

/** The tree served: relative name → bytes. */
const TREE: Record<string, Uint8Array> = {
  "a.txt": encoder.encode("alpha alpha alpha alpha\n"),
  "space name & more.txt": encoder.encode("with a space\n"),
  'it\'s <b> "q".txt': encoder.encode("markup\n"),
  "sub/b.bin": bytes(5000, 1),
  "sub/deeper/c.json": encoder.encode('{"c": 3}\n'),
  "sub/deeper/d.bin": bytes(70_000, 2),
};

function memoryTree(): MemoryFileSystem {
  const fs = new MemoryFileSystem({
    asynchronous: true,
    store: crypto.randomUUID(),
  });
  return fs;
}

async function writeTree(fs: AsyncFileSystem, root: string): Promise<void> {
  for (const [name, data] of Object.entries(TREE)) {
    const path = `${root}/${name}`;
    await fs._makeDirs(path.slice(0, path.lastIndexOf("/")), { existOk: true });
    await fs._pipeFile(path, data);
  }
}

/** The URL of a served name: each segment percent-encoded as the page links it. */
function urlOf(base: string, root: string, name: string): string {
  if (name === root) return base;
  return `${base}/${
    name.slice(root.length + 1).split("/").map(encodeURIComponent).join("/")
  }`;
}

/** Name, size and type of each entry, the name mapped to its URL. */
function essentials(
  infos: Iterable<FileInfo>,
  map: (name: string) => string = (n) => n,
) {
  return [...infos].map((i) => ({
    name: map(i.name),
    size: i.type === "directory" ? null : i.size,
    type: i.type,
  })).sort((a, b) => (a.name < b.name ? -1 : 1));
}

for (
  const [label, make] of [
    ["an asynchronous MemoryFileSystem", (_loop: IOLoop) => memoryTree()],
    [
      "a blocking-mode LocalFileSystem",
      (loop: IOLoop) => new LocalFileSystem({ loop }),
    ],
  ] as const
) {
  Deno.test(`serveFileSystem() of ${label}: HTTPFileSystem ls and find equal ls and find on the served filesystem`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "fsspec_serve_" });
    try {
      await using loop = new IOLoop();
      const fs: AsyncFileSystem = make(loop);
      const root = fs instanceof LocalFileSystem ? `${dir}/www` : "/www";
      await writeTree(fs, root);
      await using server = serve(fs, { root });
      await using http = new HTTPFileSystem({ asynchronous: true });
      const map = (name: string) => urlOf(server.url, root, name);

      for (const sub of ["", "/sub", "/sub/deeper"]) {
        const served = await fs._ls(`${root}${sub}`);
        const listed = await http._ls(`${server.url}${sub}/`);
        assert(listed.length > 0);
        assertEquals(
          essentials(listed),
          essentials(served, map).map((i) => ({ ...i, size: null })),
        );
      }
      const served = await fs._find(root, { withDirs: true, detail: true });
      const found = await http._find(server.url, {
        withDirs: true,
        detail: true,
      });
      assertEquals(found.size, 9);
      assertEquals(
        essentials(found.values()),
        essentials(served.values(), map),
      );
      assertEquals(
        [...found.values()].filter((i) => i.type === "file").map((i) => i.size)
          .sort((a, b) => Number(a) - Number(b)),
        [7, 9, 13, 24, 5000, 70_000],
      );
      assertEquals(
        await http._catFile(`${server.url}/space%20name%20%26%20more.txt`),
        TREE["space name & more.txt"],
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("serveFileSystem() answers Range with 206, a suffix range, 416 past the end, and 200 for several ranges", async () => {
  const fs = memoryTree();
  await writeTree(fs, "/www");
  await using server = serve(fs, { root: "/www" });
  const url = `${server.url}/sub/b.bin`;
  const whole = TREE["sub/b.bin"];

  const part = await fetch(url, { headers: { range: "bytes=10-19" } });
  assertEquals(part.status, 206);
  assertEquals(part.headers.get("content-range"), "bytes 10-19/5000");
  assertEquals(part.headers.get("content-length"), "10");
  assertEquals(await part.bytes(), whole.subarray(10, 20));

  const suffix = await fetch(url, { headers: { range: "bytes=-7" } });
  assertEquals(suffix.status, 206);
  assertEquals(suffix.headers.get("content-range"), "bytes 4993-4999/5000");
  assertEquals(await suffix.bytes(), whole.subarray(4993));

  const open = await fetch(url, { headers: { range: "bytes=4990-" } });
  assertEquals(open.status, 206);
  assertEquals(await open.bytes(), whole.subarray(4990));

  const past = await fetch(url, { headers: { range: "bytes=5000-5010" } });
  assertEquals(past.status, 416);
  assertEquals(past.headers.get("content-range"), "bytes */5000");
  await past.body?.cancel();

  const many = await fetch(url, { headers: { range: "bytes=0-1,5-6" } });
  assertEquals(many.status, 200);
  assertEquals(await many.bytes(), whole);

  await using http = new HTTPFileSystem({ asynchronous: true });
  assertEquals(
    await http._catFile(url, { start: 100, end: 4000 }),
    whole.subarray(100, 4000),
  );
  assertEquals(
    await http._catFile(url, { start: -10 }),
    whole.subarray(-10),
  );
});

Deno.test("serveFileSystem() HEAD gives Content-Length, Last-Modified, ETag, Accept-Ranges and Content-Type, and no body", async () => {
  const fs = memoryTree();
  await writeTree(fs, "/www");
  const info = await fs._info("/www/sub/deeper/c.json");
  await using server = serve(fs, { root: "/www" });
  const url = `${server.url}/sub/deeper/c.json`;
  const head = await fetch(url, { method: "HEAD" });
  assertEquals(head.status, 200);
  assertEquals(head.headers.get("content-length"), "9");
  assertEquals(head.headers.get("accept-ranges"), "bytes");
  assertEquals(
    head.headers.get("content-type"),
    "application/json; charset=UTF-8",
  );
  assertEquals(
    head.headers.get("last-modified"),
    (info.mtime as Date).toUTCString(),
  );
  assertMatch(head.headers.get("etag") ?? "", /^W\/"9-[A-Za-z0-9+/]{27}"$/);
  assertEquals(await head.bytes(), new Uint8Array(0));

  await using http = new HTTPFileSystem({ asynchronous: true });
  const got = await http._info(url);
  assertEquals([got.size, got.type, got.ETag], [
    9,
    "file",
    head.headers.get("etag"),
  ]);
});

Deno.test("serveFileSystem() answers If-None-Match with 304 while the file is unchanged, and 200 after a write", async () => {
  const fs = memoryTree();
  await writeTree(fs, "/www");
  await using server = serve(fs, { root: "/www" });
  const url = `${server.url}/a.txt`;
  const first = await fetch(url);
  const etag = first.headers.get("etag");
  assertEquals(await first.bytes(), TREE["a.txt"]);
  assert(etag);

  const again = await fetch(url, { headers: { "if-none-match": etag } });
  assertEquals(again.status, 304);
  assertEquals(again.headers.get("etag"), etag);
  assertEquals(await again.bytes(), new Uint8Array(0));

  const other = await fetch(url, { headers: { "if-none-match": '"other"' } });
  assertEquals(other.status, 200);
  assertEquals(await other.bytes(), TREE["a.txt"]);

  await fs._pipeFile("/www/a.txt", encoder.encode("changed, and longer"));
  const changed = await fetch(url, { headers: { "if-none-match": etag } });
  assertEquals(changed.status, 200);
  assertEquals(await changed.text(), "changed, and longer");
});

Deno.test("serveFileSystem() streams a large body in chunkSize ranged reads", async () => {
  const fs = memoryTree();
  await writeTree(fs, "/www");
  using reads = spy(fs, "_catFile");
  await using server = serve(fs, { root: "/www", chunkSize: 16_384 });
  const answer = await fetch(`${server.url}/sub/deeper/d.bin`);
  assertEquals(answer.headers.get("content-length"), "70000");
  assertEquals(await answer.bytes(), TREE["sub/deeper/d.bin"]);
  assertEquals(
    reads.calls.map((c) => [c.args[1]?.start, c.args[1]?.end]),
    [[0, 16384], [16384, 32768], [32768, 49152], [49152, 65536], [
      65536,
      70000,
    ]],
  );
  const ranged = await fetch(`${server.url}/sub/deeper/d.bin`, {
    headers: { range: "bytes=1000-40999" },
  });
  assertEquals(
    await ranged.bytes(),
    TREE["sub/deeper/d.bin"].subarray(1000, 41000),
  );
  assertEquals(
    reads.calls.slice(5).map((c) => [c.args[1]?.start, c.args[1]?.end]),
    [[1000, 17384], [17384, 33768], [33768, 41000]],
  );
});

Deno.test("serveFileSystem() redirects a directory to its slash, lists the root, and answers 404 for a missing path or a file with a slash", async () => {
  const fs = memoryTree();
  await writeTree(fs, "/www");
  await using server = serve(fs, { root: "/www" });
  const redirect = await fetch(`${server.url}/sub/deeper?x=1`, {
    redirect: "manual",
  });
  assertEquals(redirect.status, 301);
  assertEquals(redirect.headers.get("location"), "/sub/deeper/");
  await redirect.body?.cancel();
  const page = await fetch(`${server.url}/`);
  assertEquals(page.headers.get("content-type"), "text/html; charset=utf-8");
  const html = await page.text();
  assertMatch(html, /<a href="sub\/">sub\/<\/a>/);
  assertMatch(
    html,
    /<a href="space%20name%20%26%20more\.txt">space name &amp; more\.txt<\/a>/,
  );
  assertFalse(html.includes('href="../"'), "no parent link at the root");
  for (const path of ["/nope.txt", "/a.txt/", "/sub/nope/"]) {
    const missing = await fetch(`${server.url}${path}`);
    assertEquals(missing.status, 404, path);
    assertEquals(await missing.text(), "Not Found\n");
  }
});

Deno.test("serveFileSystem() answers 403 for a PermissionError and 500 without the message for other errors", async () => {
  class Failing extends MemoryFileSystem {
    override _info(path: string): Promise<FileInfo> {
      if (path.endsWith("secret")) {
        return Promise.reject(
          new PermissionError(`Cannot get info of "${path}": denied`),
        );
      }
      return Promise.reject(new Error(`internal detail of ${path}`));
    }
  }
  const errors: unknown[] = [];
  await using server = serve(new Failing({ asynchronous: true }), {
    onError: (error) => errors.push(error),
  });
  const denied = await fetch(`${server.url}/secret`);
  assertEquals(denied.status, 403);
  assertEquals(await denied.text(), "Forbidden\n");
  const broken = await fetch(`${server.url}/broken`);
  assertEquals(broken.status, 500);
  assertEquals(await broken.text(), "Internal Server Error\n");
  assertEquals(errors.length, 1);
  assertEquals((errors[0] as Error).message, "internal detail of /broken");
});

Deno.test("serveFileSystem() read-only answers PUT and DELETE with 405 without reading the body or touching the file", async () => {
  const fs = memoryTree();
  await writeTree(fs, "/www");
  const handler = serveFileSystem(fs, { root: "/www" });
  const put = new Request("http://127.0.0.1/a.txt", {
    method: "PUT",
    body: "overwritten",
  });
  const answer = await handler(put);
  assertEquals(answer.status, 405);
  assertEquals(answer.headers.get("allow"), "GET, HEAD");
  assertFalse(put.bodyUsed);
  await answer.body?.cancel();
  const del = await handler(
    new Request("http://127.0.0.1/a.txt", { method: "DELETE" }),
  );
  assertEquals(del.status, 405);
  await del.body?.cancel();
  assertEquals(await fs._catFile("/www/a.txt"), TREE["a.txt"]);
});

Deno.test("serveFileSystem() writable: PUT creates (201) with parents and replaces (204), DELETE removes a file and a tree, never the root", async () => {
  const fs = memoryTree();
  await writeTree(fs, "/www");
  await using server = serve(fs, { root: "/www", writable: true });
  await using http = new HTTPFileSystem({
    asynchronous: true,
    uploadMethod: "PUT",
  });
  const created = await fetch(`${server.url}/new/dir/n.txt`, {
    method: "PUT",
    body: "new",
  });
  assertEquals(created.status, 201);
  await created.body?.cancel();
  assertEquals(await fs._catFile("/www/new/dir/n.txt"), encoder.encode("new"));
  await http._pipeFile(`${server.url}/new/dir/n.txt`, encoder.encode("again"));
  assertEquals(
    await fs._catFile("/www/new/dir/n.txt"),
    encoder.encode("again"),
  );

  await http._rmFile(`${server.url}/a.txt`);
  assertFalse(await fs._exists("/www/a.txt"));
  const tree = await fetch(`${server.url}/sub/`, { method: "DELETE" });
  assertEquals(tree.status, 204);
  await tree.body?.cancel();
  assertEquals(await fs._find("/www"), [
    '/www/it\'s <b> "q".txt',
    "/www/new/dir/n.txt",
    "/www/space name & more.txt",
  ]);
  const root = await fetch(`${server.url}/`, { method: "DELETE" });
  assertEquals(root.status, 403);
  await root.body?.cancel();
  await assertRejects(
    () => http._rmFile(`${server.url}/gone.txt`),
    FileNotFoundError,
  );
});

Deno.test("serveFileSystem() rejects a bad filesystem or chunkSize before serving", () => {
  assertThrows(
    () => serveFileSystem({} as AsyncFileSystem),
    TypeError,
    "not an AsyncFileSystem",
  );
  assertThrows(
    () => serveFileSystem(memoryTree(), { chunkSize: 0 }),
    RangeError,
    "chunkSize",
  );
  assertStrictEquals(typeof serveFileSystem(memoryTree()), "function");
});

Deno.test("serveFileSystem() of an HTTPFileSystem proxies files and ranges, and refuses escapes a URL would decode again", async () => {
  const fs = memoryTree();
  await writeTree(fs, "/www");
  await fs._pipeFile("/secret.txt", encoder.encode("secret"));
  using infos = spy(fs, "_info");
  await using upstream = serve(fs, { root: "/" });
  await using http = new HTTPFileSystem({ asynchronous: true });
  await using proxy = serve(http, { root: `${upstream.url}/www` });

  const part = await fetch(`${proxy.url}/sub/b.bin`, {
    headers: { range: "bytes=10-19" },
  });
  assertEquals(part.status, 206);
  assertEquals(await part.bytes(), TREE["sub/b.bin"].subarray(10, 20));
  assertEquals(
    essentials(await http._ls(`${proxy.url}/sub/`)),
    essentials(await http._ls(`${upstream.url}/www/sub/`)).map((i) => ({
      ...i,
      name: i.name.replace(`${upstream.url}/www`, proxy.url),
    })),
  );
  for (
    const target of [
      "/%252e%252e/secret.txt",
      "/sub%3F/x",
      "/a.txt%23frag",
    ]
  ) {
    const answer = await fetch(`${proxy.url}${target}`);
    assertEquals(answer.status, 400, target);
    await answer.body?.cancel();
  }
  assertEquals(
    infos.calls.filter((c) => String(c.args[0]).includes("secret")),
    [],
  );
});

Deno.test("serveFileSystem() answers If-Modified-Since with 304 from the mtime, unless If-None-Match says otherwise", async () => {
  const fs = memoryTree();
  await writeTree(fs, "/www");
  const mtime = (await fs._info("/www/a.txt")).mtime as Date;
  await using server = serve(fs, { root: "/www" });
  const url = `${server.url}/a.txt`;
  const ask = async (headers: Record<string, string>) => {
    const answer = await fetch(url, { headers });
    await answer.body?.cancel();
    return answer.status;
  };
  assertEquals(await ask({ "if-modified-since": mtime.toUTCString() }), 304);
  const earlier = new Date(mtime.getTime() - 5000).toUTCString();
  assertEquals(await ask({ "if-modified-since": earlier }), 200);
  assertEquals(
    await ask({
      "if-modified-since": mtime.toUTCString(),
      "if-none-match": '"other"',
    }),
    200,
  );
});
