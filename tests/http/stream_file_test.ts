/**
 * Issue 12, case 2: a file whose server says `Accept-Ranges: none` is read
 * as one stream from the start, through both faces: no Range is sent, a
 * forward seek reads and discards, a backward seek is a `RangeError`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { HTTPFileSystem, IOLoop } from "../../mod.ts";
import {
  blockingHttp,
  startRemoteSwitchServer,
  SwitchServer,
  WELL_BEHAVED,
} from "./switch_server.ts";

const DATA = new Uint8Array(14999).map((_, i) => (i * 31 + 7) & 0xff);

Deno.test("HTTPFileSystem.openAsync() reads an Accept-Ranges: none file as one stream, forward only", async () => {
  for (const head of ["ok", "refused"] as const) {
    await using server = new SwitchServer({ "/f.bin": DATA });
    server.switches = { ...WELL_BEHAVED, acceptRanges: "none", head };
    await using fs = new HTTPFileSystem({ asynchronous: true, retries: 0 });
    const url = `${server.url}/f.bin`;
    await using f = await fs.openAsync(url);
    assertEquals(f.size, DATA.length);
    f.seek(5000);
    assertEquals(await f.read(100), DATA.subarray(5000, 5100));
    assertEquals(f.tell(), 5100);
    const error = assertThrows(() => f.seek(10), RangeError);
    assertEquals(
      error.message,
      `Cannot seek "${url}" back to 10: the server refuses ranges (Accept-Ranges: none), so the file is read once from the start, and byte 5100 is read already`,
    );
    assertEquals(f.tell(), 5100);
    f.seek(100, 1);
    assertEquals(await f.read(10), DATA.subarray(5200, 5210));
    assertEquals(await f.read(), DATA.subarray(5210));
    assertEquals(await f.read(), new Uint8Array(0));
    // one GET for the whole file, none with a Range but the size probe's
    const reads = server.requests.filter((r) =>
      r.method === "GET" && r.range === null
    );
    assertEquals(reads.length, 1, head);
  }
});

Deno.test("HTTPFileSystem.open() reads an Accept-Ranges: none file as one stream, forward only (blocking face)", async () => {
  await using server = await startRemoteSwitchServer({ "/f.bin": DATA });
  await server.set({ ...WELL_BEHAVED, acceptRanges: "none" });
  await using loop = new IOLoop();
  const fs = await blockingHttp(loop);
  using f = fs.open(`${server.url}/f.bin`);
  f.seek(5000);
  assertEquals(f.read(100), DATA.subarray(5000, 5100));
  assertThrows(() => f.seek(10), RangeError, "back to 10");
  assertEquals(f.read(), DATA.subarray(5100));
  const gets = (await server.takeRequests()).filter((r) => r.method === "GET");
  assertEquals(gets.map((r) => r.range), [null]);
});
