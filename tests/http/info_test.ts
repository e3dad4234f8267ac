import { assertStrictEquals } from "@std/assert";
import { httpFs, startServer, treeServer } from "./test_server.ts";

Deno.test("HTTPFileSystem._info() takes the size from HEAD with Accept-Encoding: identity", async () => {
  await using server = treeServer();
  server.behaviour.headers = {
    etag: '"xxx"',
    "last-modified": "Wed, 21 Oct 2015 07:28:00 GMT",
  };
  server.types.set("/index/realfile", "text/plain; charset=utf-8");
  await using fs = httpFs();
  const url = `${server.url}/index/realfile`;
  const info = await fs._info(url);
  assertStrictEquals(info.name, url);
  assertStrictEquals(info.size, 1000);
  assertStrictEquals(info.type, "file");
  assertStrictEquals(info.mimetype, "text/plain");
  assertStrictEquals(info.ETag, '"xxx"');
  assertStrictEquals(info["Last-Modified"], "Wed, 21 Oct 2015 07:28:00 GMT");
  assertStrictEquals(info.url, url);
  assertStrictEquals(info.partial, undefined);
  const heads = server.seen("/index/realfile", "HEAD");
  assertStrictEquals(heads.length, 1);
  assertStrictEquals(heads[0].headers.get("accept-encoding"), "identity");
  assertStrictEquals(server.seen("/index/realfile", "GET").length, 0);
});

Deno.test("HTTPFileSystem._info() falls back to a one-byte GET when HEAD is refused or gives no size", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  const url = `${server.url}/index/realfile`;
  for (const head of ["refused", "forbidden", "ok"] as const) {
    server.behaviour.head = head;
    server.behaviour.length = head !== "ok";
    server.requests.length = 0;
    assertStrictEquals((await fs._info(url)).size, 1000, head);
    const gets = server.seen("/index/realfile", "GET");
    assertStrictEquals(gets.length, 1);
    assertStrictEquals(gets[0].headers.get("range"), "bytes=0-0");
  }
});

Deno.test("HTTPFileSystem._info() gives size null, never 0, when the server does not say", async () => {
  await using server = treeServer();
  server.behaviour = { ...server.behaviour, length: false, range: false };
  await using fs = httpFs();
  const info = await fs._info(`${server.url}/index/realfile`);
  assertStrictEquals(info.size, null);
});

Deno.test("HTTPFileSystem._info() does not take a compressed Content-Length for the size", async () => {
  await using server = treeServer();
  server.behaviour.gzip = true;
  await using fs = httpFs();
  const url = `${server.url}/index/realfile`;
  assertStrictEquals((await fs._info(url)).size, null);
  // the one-byte GET says nothing, and neither does the plain GET after it
  assertStrictEquals(server.seen("/index/realfile", "GET").length, 2);
});

Deno.test("HTTPFileSystem._info() gives size 0 for an empty file", async () => {
  await using server = startServer();
  server.files.set("/empty", new Uint8Array(0));
  server.behaviour.head = "refused";
  await using fs = httpFs();
  assertStrictEquals((await fs._info(`${server.url}/empty`)).size, 0);
});

Deno.test("HTTPFileSystem._info() records the final URL after a redirect and partial: false", async () => {
  await using server = treeServer();
  server.redirects.set("/redirectme", "/index/realfile");
  server.behaviour.acceptRanges = "none";
  await using fs = httpFs();
  const info = await fs._info(`${server.url}/redirectme`);
  assertStrictEquals(info.name, `${server.url}/redirectme`);
  assertStrictEquals(info.url, `${server.url}/index/realfile`);
  assertStrictEquals(info.size, 1000);
  assertStrictEquals(info.partial, false);
});

Deno.test("HTTPFileSystem._info() says directory for a listing URL", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  const info = await fs._info(`${server.url}/simple/dir`);
  assertStrictEquals(info.type, "directory");
  assertStrictEquals(info.size, null);
  assertStrictEquals(info.url, `${server.url}/simple/dir/`);
});
