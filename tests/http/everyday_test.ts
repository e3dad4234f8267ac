/**
 * fsspec's everyday methods over HTTP: `_head`/`_tail` as one Range request
 * each, `_modified` from `Last-Modified`, `_checksum` from `ETag`, and
 * `_mv`/`_touch` through PUT and DELETE (the test server, nginx's WebDAV),
 * or a clear error where the server writes nothing.
 */

import {
  assert,
  assertEquals,
  assertMatch,
  assertNotEquals,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";
import { HTTPError, HTTPFileSystem } from "../../mod.ts";
import { requireBinary, startNginx } from "./servers.ts";
import { httpFs, pattern, startServer } from "./test_server.ts";

Deno.test("HTTPFileSystem._head() and _tail() ask for their bytes in one Range request each", async () => {
  await using server = startServer();
  const data = pattern(3000);
  server.files.set("/f", data);
  await using fs = httpFs();
  const url = `${server.url}/f`;
  assertEquals(await fs._head(url, 100), data.slice(0, 100));
  assertEquals(await fs._tail(url, 100), data.slice(-100));
  assertEquals(await fs._head(url), data.slice(0, 1024));
  const ranges = server.seen("/f").map((r) => [
    r.method,
    r.headers.get("range"),
  ]);
  assertEquals(ranges, [
    ["GET", "bytes=0-99"],
    ["GET", "bytes=-100"],
    ["GET", "bytes=0-1023"],
  ]);
});

Deno.test("HTTPFileSystem._head() and _tail() past the end give the whole file, and nothing of an empty one", async () => {
  await using server = startServer();
  server.files.set("/f", pattern(30));
  server.files.set("/empty", new Uint8Array(0));
  await using fs = httpFs();
  assertEquals(await fs._head(`${server.url}/f`, 100), pattern(30));
  assertEquals(await fs._tail(`${server.url}/f`, 100), pattern(30));
  assertEquals(await fs._head(`${server.url}/empty`), new Uint8Array(0));
  assertEquals(await fs._tail(`${server.url}/empty`), new Uint8Array(0));
});

Deno.test("HTTPFileSystem._modified() reads Last-Modified, and says so where there is none", async () => {
  await using server = startServer();
  server.files.set("/f", pattern(10));
  await using fs = httpFs();
  const url = `${server.url}/f`;
  await assertRejects(
    () => fs._modified(url),
    Error,
    `Cannot get the modified time of "${url}": HTTPFileSystem does not report one`,
  );
  server.behaviour.headers = {
    "last-modified": "Wed, 21 Oct 2015 07:28:00 GMT",
  };
  assertEquals(
    await fs._modified(url),
    new Date(Date.UTC(2015, 9, 21, 7, 28)),
  );
});

Deno.test("HTTPFileSystem._checksum() follows the ETag, without reading the body", async () => {
  await using server = startServer();
  server.files.set("/f", pattern(10));
  await using fs = httpFs();
  const url = `${server.url}/f`;
  server.behaviour.headers = { etag: '"v1"' };
  const first = await fs._checksum(url);
  assertMatch(first, /^[0-9a-f]{64}$/);
  assertStrictEquals(await fs._checksum(url), first);
  server.behaviour.headers = { etag: '"v2"' };
  assertNotEquals(await fs._checksum(url), first);
  assertEquals(
    server.seen("/f").filter((r) =>
      r.method === "GET" && !r.headers.has("range")
    ),
    [],
    "no whole-body GET",
  );
});

Deno.test("HTTPFileSystem._lexists() is _exists(): true for a file, false for a 404", async () => {
  await using server = startServer();
  server.files.set("/f", pattern(10));
  await using fs = httpFs();
  assertStrictEquals(await fs._lexists(`${server.url}/f`), true);
  assertStrictEquals(await fs._lexists(`${server.url}/missing`), false);
  assertStrictEquals(await fs._exists(`${server.url}/missing`), false);
});

Deno.test("HTTPFileSystem._touch() PUTs an empty body; with truncate: false an existing file is left alone", async () => {
  await using server = startServer();
  server.files.set("/full", pattern(10));
  await using fs = httpFs();
  await fs._touch(`${server.url}/new`);
  assertEquals(server.files.get("/new"), new Uint8Array(0));
  await fs._touch(`${server.url}/full`, { truncate: false });
  assertEquals(server.files.get("/full"), pattern(10));
  assertEquals(server.seen("/full", "PUT"), []);
  await fs._touch(`${server.url}/full`);
  assertEquals(server.files.get("/full"), new Uint8Array(0));
});

Deno.test("HTTPFileSystem._mv() copies through GET and PUT, then DELETEs the source", async () => {
  await using server = startServer();
  server.files.set("/a", pattern(50));
  await using fs = httpFs();
  await fs._mv(`${server.url}/a`, `${server.url}/b`);
  assertEquals(server.files.get("/b"), pattern(50));
  assertStrictEquals(server.files.has("/a"), false);
  const writes = server.requests
    .filter((r) => r.method === "PUT" || r.method === "DELETE")
    .map((r) => `${r.method} ${r.target}`);
  assertEquals(writes, ["PUT /b", "DELETE /a"]);
});

Deno.test("HTTPFileSystem everyday methods against nginx: WebDAV moves and touches; read-only nginx refuses with HTTPError", async (t) => {
  const bin = requireBinary("nginx", { fallbacks: ["/usr/sbin/nginx"] });
  if (!bin) return;
  const dir = await Deno.makeTempDir({ prefix: "fsspec_everyday_" });
  try {
    await using server = await startNginx(bin, `${dir}`, {
      autoindex: true,
      webdav: true,
    });
    const data = pattern(5000, 3);
    await Deno.mkdir(`${server.root}/tree/sub`, { recursive: true });
    await Deno.writeFile(`${server.root}/a.bin`, data);
    await Deno.writeFile(`${server.root}/tree/x`, pattern(10, 1));
    await Deno.writeFile(`${server.root}/tree/sub/y`, pattern(20, 2));
    await using fs = new HTTPFileSystem({
      asynchronous: true,
      uploadMethod: "PUT",
    });
    const url = (p: string) => `${server.url}/${p}`;

    await t.step("head and tail", async () => {
      assertEquals(await fs._head(url("a.bin"), 10), data.slice(0, 10));
      assertEquals(await fs._tail(url("a.bin"), 10), data.slice(-10));
    });

    await t.step("modified is the file's mtime, to the second", async () => {
      const when = new Date(Date.UTC(2021, 5, 1, 12, 0, 7));
      await Deno.utime(`${server.root}/a.bin`, when, when);
      assertEquals(await fs._modified(url("a.bin")), when);
    });

    await t.step("checksum changes with the file", async () => {
      const first = await fs._checksum(url("a.bin"));
      assertStrictEquals(await fs._checksum(url("a.bin")), first);
      await fs._pipeFile(url("a.bin"), data.slice(0, 100));
      assertNotEquals(await fs._checksum(url("a.bin")), first);
      await fs._pipeFile(url("a.bin"), data);
    });

    await t.step("mv a file, then a tree", async () => {
      await fs._mv(url("a.bin"), url("moved/a.bin"));
      assertEquals(await Deno.readFile(`${server.root}/moved/a.bin`), data);
      assertStrictEquals(await fs._exists(url("a.bin")), false);
      await fs._mv(url("tree"), url("tree2"), { recursive: true });
      assertEquals(await fs._find(url("tree2")), [
        url("tree2/sub/y"),
        url("tree2/x"),
      ]);
      assertEquals(
        await Deno.readFile(`${server.root}/tree2/sub/y`),
        pattern(20, 2),
      );
      assertStrictEquals(await fs._exists(url("tree/x")), false);
      assertStrictEquals(await fs._exists(url("tree/sub/y")), false);
      await assertRejects(
        () => Deno.stat(`${server.root}/tree`),
        Deno.errors.NotFound,
        undefined,
        "the emptied source directories went too",
      );
    });

    await t.step("touch", async () => {
      await fs._touch(url("empty"));
      assertEquals(
        await Deno.readFile(`${server.root}/empty`),
        new Uint8Array(0),
      );
      await fs._touch(url("moved/a.bin"), { truncate: false });
      assertEquals(await Deno.readFile(`${server.root}/moved/a.bin`), data);
    });

    await using readOnly = await startNginx(bin, `${dir}/ro`, {
      autoindex: true,
    });
    await Deno.writeFile(`${readOnly.root}/a.bin`, data);
    await t.step(
      "read-only nginx: mv and touch are HTTPError 405, and the source stays",
      async () => {
        const error = await assertRejects(
          () => fs._mv(`${readOnly.url}/a.bin`, `${readOnly.url}/b.bin`),
          HTTPError,
        );
        assertStrictEquals(error.status, 405);
        assertEquals(await Deno.readFile(`${readOnly.root}/a.bin`), data);
        const touched = await assertRejects(
          () => fs._touch(`${readOnly.url}/new`),
          HTTPError,
        );
        assertStrictEquals(touched.status, 405);
        assert(!(await fs._exists(`${readOnly.url}/b.bin`)));
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
