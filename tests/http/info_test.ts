import assert from "node:assert/strict";
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
  assert.equal(info.name, url);
  assert.equal(info.size, 1000);
  assert.equal(info.type, "file");
  assert.equal(info.mimetype, "text/plain");
  assert.equal(info.ETag, '"xxx"');
  assert.equal(info["Last-Modified"], "Wed, 21 Oct 2015 07:28:00 GMT");
  assert.equal(info.url, url);
  assert.equal(info.partial, undefined);
  const heads = server.seen("/index/realfile", "HEAD");
  assert.equal(heads.length, 1);
  assert.equal(heads[0].headers.get("accept-encoding"), "identity");
  assert.equal(server.seen("/index/realfile", "GET").length, 0);
});

Deno.test("HTTPFileSystem._info() falls back to a one-byte GET when HEAD is refused or gives no size", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  const url = `${server.url}/index/realfile`;
  for (const head of ["refused", "forbidden", "ok"] as const) {
    server.behaviour.head = head;
    server.behaviour.length = head !== "ok";
    server.requests.length = 0;
    assert.equal((await fs._info(url)).size, 1000, head);
    const gets = server.seen("/index/realfile", "GET");
    assert.equal(gets.length, 1);
    assert.equal(gets[0].headers.get("range"), "bytes=0-0");
  }
});

Deno.test("HTTPFileSystem._info() gives size null, never 0, when the server does not say", async () => {
  await using server = treeServer();
  server.behaviour = { ...server.behaviour, length: false, range: false };
  await using fs = httpFs();
  const info = await fs._info(`${server.url}/index/realfile`);
  assert.equal(info.size, null);
});

Deno.test("HTTPFileSystem._info() does not take a compressed Content-Length for the size", async () => {
  await using server = treeServer();
  server.behaviour.gzip = true;
  await using fs = httpFs();
  const url = `${server.url}/index/realfile`;
  assert.equal((await fs._info(url)).size, null);
  // the one-byte GET says nothing, and neither does the plain GET after it
  assert.equal(server.seen("/index/realfile", "GET").length, 2);
});

Deno.test("HTTPFileSystem._info() gives size 0 for an empty file", async () => {
  await using server = startServer();
  server.files.set("/empty", new Uint8Array(0));
  server.behaviour.head = "refused";
  await using fs = httpFs();
  assert.equal((await fs._info(`${server.url}/empty`)).size, 0);
});

Deno.test("HTTPFileSystem._info() records the final URL after a redirect and partial: false", async () => {
  await using server = treeServer();
  server.redirects.set("/redirectme", "/index/realfile");
  server.behaviour.acceptRanges = "none";
  await using fs = httpFs();
  const info = await fs._info(`${server.url}/redirectme`);
  assert.equal(info.name, `${server.url}/redirectme`);
  assert.equal(info.url, `${server.url}/index/realfile`);
  assert.equal(info.size, 1000);
  assert.equal(info.partial, false);
});

Deno.test("HTTPFileSystem._info() says directory for a listing URL", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  const info = await fs._info(`${server.url}/simple/dir`);
  assert.equal(info.type, "directory");
  assert.equal(info.size, null);
  assert.equal(info.url, `${server.url}/simple/dir/`);
});
