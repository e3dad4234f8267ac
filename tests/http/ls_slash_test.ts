/**
 * Issue 12, cases 5 and 6 (and issue 7's finding): directories are asked
 * for with their trailing slash, so a server that does not redirect `/dir`
 * to `/dir/` still lists them, and links resolve against the page's URL;
 * `_isDir`, `_isFile` and `_exists` of a URL that does not parse are false.
 *
 * @module
 */

import { assertEquals, assertRejects } from "@std/assert";
import { HTTPFileSystem, IOLoop } from "../../mod.ts";
import {
  blockingHttp,
  startRemoteSwitchServer,
  SwitchServer,
  WELL_BEHAVED,
} from "./switch_server.ts";

const FILES = {
  "/simple/a.txt": new TextEncoder().encode("a"),
  "/simple/sub/b.txt": new TextEncoder().encode("bb"),
  "/simple/sub/deeper/c.txt": new TextEncoder().encode("ccc"),
};

Deno.test("HTTPFileSystem._ls(), _glob(), _find() and _walk() list directories of a server that does not redirect /dir", async () => {
  for (const redirectDirs of [false, true]) {
    await using server = new SwitchServer(FILES);
    server.switches = { ...WELL_BEHAVED, redirectDirs };
    await using fs = new HTTPFileSystem({ asynchronous: true, retries: 0 });
    const u = `${server.url}/simple`;
    assertEquals(await fs._ls(u, { detail: false }), [
      `${u}/a.txt`,
      `${u}/sub`,
    ]);
    assertEquals(server.requests.map((r) => `${r.method} ${r.path}`), [
      "GET /simple/",
    ]);
    assertEquals(await fs._glob(`${u}/*`), [
      `${u}/a.txt`,
      `${u}/sub`,
    ]);
    const all = [`${u}/a.txt`, `${u}/sub/b.txt`, `${u}/sub/deeper/c.txt`];
    assertEquals(await fs._find(u), all);
    const walked: string[] = [];
    for await (const [root] of fs._walk(u)) walked.push(root);
    assertEquals(walked, [u, `${u}/sub`, `${u}/sub/deeper`]);
    // no directory was listed without its slash (glob's _info of the root
    // is a HEAD of the name as given, which such a server calls a 404)
    assertEquals(
      server.requests.filter((r) =>
        r.method === "GET" && !r.path.endsWith("/")
      ),
      [],
    );
  }
});

Deno.test("HTTPFileSystem._ls() of a URL that is no directory asks for it as it is after the slash gives 404", async () => {
  await using server = new SwitchServer(FILES);
  await using fs = new HTTPFileSystem({ asynchronous: true, retries: 0 });
  assertEquals(
    await fs._ls(`${server.url}/simple/a.txt`, { detail: false }),
    [],
  );
  assertEquals(server.requests.map((r) => `${r.method} ${r.path}`), [
    "GET /simple/a.txt/",
    "GET /simple/a.txt",
  ]);
});

Deno.test("HTTPFileSystem.find() lists a server that does not redirect /dir (blocking face)", async () => {
  await using server = await startRemoteSwitchServer(FILES);
  await using loop = new IOLoop();
  const fs = await blockingHttp(loop);
  const u = `${server.url}/simple`;
  assertEquals(fs.find(u), [
    `${u}/a.txt`,
    `${u}/sub/b.txt`,
    `${u}/sub/deeper/c.txt`,
  ]);
  assertEquals(fs.isDir("http://[bad/x"), false);
});

Deno.test("HTTPFileSystem._isDir(), _isFile() and _exists() of a URL that does not parse are false; other methods throw TypeError", async () => {
  await using fs = new HTTPFileSystem({ asynchronous: true, retries: 0 });
  for (const bad of ["http://[bad/x", "http://exa mple.org/x"]) {
    assertEquals(await fs._isDir(bad), false);
    assertEquals(await fs._isFile(bad), false);
    assertEquals(await fs._exists(bad), false);
    assertEquals(await fs._exists(bad, { strict: true }), false);
    await assertRejects(() => fs._info(bad), TypeError, "not a valid URL");
    await assertRejects(() => fs._catFile(bad), TypeError, "not a valid URL");
  }
});
