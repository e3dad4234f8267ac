/**
 * Issue 12, cases 3 and 4: the size of a file whose HEAD fails, is refused,
 * or says `Content-Length: 0`, from the one-byte GET where it tells and a
 * plain GET where it does not; a 404 or 401 to HEAD stands.
 *
 * @module
 */

import { assertEquals, assertRejects } from "@std/assert";
import {
  FileNotFoundError,
  HTTPFileSystem,
  PermissionError,
} from "../../mod.ts";
import { startServer } from "./test_server.ts";
import { type Switches, SwitchServer, WELL_BEHAVED } from "./switch_server.ts";

const DATA = new Uint8Array(14999).map((_, i) => (i * 31 + 7) & 0xff);

async function sizeAndRequests(
  switches: Partial<Switches>,
): Promise<[number | null, string[]]> {
  await using server = new SwitchServer({ "/f.bin": DATA });
  server.switches = { ...WELL_BEHAVED, ...switches };
  await using fs = new HTTPFileSystem({ asynchronous: true, retries: 0 });
  const info = await fs._info(`${server.url}/f.bin`);
  return [
    info.size,
    server.requests.map((r) => `${r.method}${r.range ? ` ${r.range}` : ""}`),
  ];
}

Deno.test("HTTPFileSystem._info() takes the size from a one-byte GET's Content-Range, on a 206 or a 200", async () => {
  for (const range of ["206", "slice"] as const) {
    assertEquals(await sizeAndRequests({ head: "refused", range }), [
      14999,
      ["HEAD", "GET bytes=0-0"],
    ]);
  }
});

Deno.test("HTTPFileSystem._info() does not take a one-byte 200 for the size: a plain GET's length tells", async () => {
  assertEquals(
    await sizeAndRequests({
      head: "refused",
      range: "slice",
      contentRange: false,
    }),
    [14999, ["HEAD", "GET bytes=0-0", "GET"]],
  );
  // nothing says the size: unknown, not 1
  assertEquals(
    await sizeAndRequests({
      head: "refused",
      range: "slice",
      contentRange: false,
      contentLength: false,
    }),
    [null, ["HEAD", "GET bytes=0-0", "GET"]],
  );
});

Deno.test("HTTPFileSystem._info() does not take a HEAD's Content-Length: 0 as proof of an empty file", async () => {
  assertEquals(await sizeAndRequests({ head: "zero" }), [
    14999,
    ["HEAD", "GET bytes=0-0"],
  ]);
  await using server = new SwitchServer({
    "/f.bin": DATA,
    "/empty": new Uint8Array(0),
  });
  server.switches = {
    ...WELL_BEHAVED,
    head: "zero",
    range: "ignore",
    contentRange: false,
  };
  await using fs = new HTTPFileSystem({ asynchronous: true, retries: 0 });
  await using f = await fs.openAsync(`${server.url}/f.bin`);
  assertEquals(await f.read(), DATA);
  assertEquals((await fs._info(`${server.url}/empty`)).size, 0);
});

Deno.test("HTTPFileSystem._info() falls back to GET after any failed HEAD: 405, 500, a dropped connection", async () => {
  for (const head of ["refused", "failing", "dropped"] as const) {
    const [size, requests] = await sizeAndRequests({ head });
    assertEquals(size, 14999, head);
    assertEquals(requests, ["HEAD", "GET bytes=0-0"], head);
  }
});

Deno.test("HTTPFileSystem._info() takes a 404 or 401 to HEAD as the answer, without a GET", async () => {
  await using server = startServer();
  server.statuses.set("/secret", 401);
  await using fs = new HTTPFileSystem({ asynchronous: true, retries: 0 });
  await assertRejects(
    () => fs._info(`${server.url}/missing`),
    FileNotFoundError,
  );
  const denied = await assertRejects(
    () => fs._info(`${server.url}/secret`),
    PermissionError,
  );
  assertEquals(denied.status, 401);
  assertEquals(server.requests.map((r) => `${r.method} ${r.target}`), [
    "HEAD /missing",
    "HEAD /secret",
  ]);
});
