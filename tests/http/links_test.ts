import { assert, assertEquals } from "@std/assert";
import { httpFs, startServer, treeServer } from "./test_server.ts";

Deno.test("HTTPFileSystem._ls() lists an autoindex page: relative links resolved, parent and sort links dropped", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  // without the slash: the server redirects, and links resolve against the final URL
  const out = await fs._ls(`${server.url}/simple`);
  assertEquals(out, [
    { name: `${server.url}/simple/dir`, size: null, type: "directory" },
    { name: `${server.url}/simple/file`, size: null, type: "file" },
  ]);
  assertEquals(await fs._ls(`${server.url}/simple/`, { detail: false }), [
    `${server.url}/simple/dir`,
    `${server.url}/simple/file`,
  ]);
});

Deno.test("HTTPFileSystem._ls() keeps only links below the page on the same host", async () => {
  await using server = startServer();
  const u = server.url;
  server.files.set(
    "/page/",
    new TextEncoder().encode(`<html><body>
      <a href="${u}/page/abs">abs</a>
      <A HREF='rel/'>rel</A>
      <a class="x" href=bare.txt>bare</a>
      <a href="/page/rooted?x=1&amp;y=2">rooted</a>
      <a href="/elsewhere">out</a>
      <a href="http://example.com/page/x">other host</a>
      <a href="#top">fragment</a>
      <a href="mailto:a@b">mail</a>
      <a href="../">up</a>
    </body></html>`),
  );
  server.types.set("/page/", "text/html");
  await using fs = httpFs();
  assertEquals(await fs._ls(`${u}/page/`, { detail: false }), [
    `${u}/page/abs`,
    `${u}/page/bare.txt`,
    `${u}/page/rel`,
    `${u}/page/rooted?x=1&y=2`,
  ]);
});

Deno.test("HTTPFileSystem._ls() sameScheme compares schemes (fsspec's does not)", async () => {
  await using server = startServer();
  const u = server.url;
  const https = u.replace("http:", "https:");
  server.files.set(
    "/d/",
    new TextEncoder().encode(
      `<a href="${u}/d/plain">p</a><a href="${https}/d/secure">s</a>`,
    ),
  );
  server.types.set("/d/", "text/html");
  await using same = httpFs();
  assertEquals(await same._ls(`${u}/d/`, { detail: false }), [
    `${u}/d/plain`,
  ]);
  await using mixed = httpFs({ sameScheme: false });
  assertEquals(await mixed._ls(`${u}/d/`, { detail: false }), [
    `${u}/d/plain`,
    `${https}/d/secure`,
  ]);
});

Deno.test("HTTPFileSystem._ls() takes bare URLs only with simpleLinks", async () => {
  await using server = startServer();
  const u = server.url;
  server.files.set(
    "/d/",
    new TextEncoder().encode(`see ${u}/d/bare and <a href="a">a</a>`),
  );
  server.types.set("/d/", "text/html");
  await using simple = httpFs();
  assertEquals(await simple._ls(`${u}/d/`, { detail: false }), [
    `${u}/d/a`,
    `${u}/d/bare`,
  ]);
  await using strict = httpFs({ simpleLinks: false });
  assertEquals(await strict._ls(`${u}/d/`, { detail: false }), [
    `${u}/d/a`,
  ]);
});

Deno.test("HTTPFileSystem._ls() of a file lists nothing and does not read it", async () => {
  await using server = startServer();
  let pulled = 0;
  const endless: typeof fetch = () =>
    Promise.resolve(
      new Response(
        new ReadableStream<Uint8Array>({
          pull(c) {
            pulled++;
            c.enqueue(new Uint8Array(65536));
          },
        }),
        { headers: { "content-type": "application/octet-stream" } },
      ),
    );
  await using fs = httpFs({ fetch: endless });
  assertEquals(await fs._ls(`${server.url}/big.bin`), []);
  assert(pulled <= 2);
});
