// Issue 11, row 1: headers at once, then one byte every 500 ms. The
// timeout covers reading the body, not only waiting for the headers.
import { assertEquals, assertLess, assertRejects } from "@std/assert";
import { FSTimeoutError, HTTPFileSystem } from "../../mod.ts";
import { head, pause, type RawServer, rawServer, send } from "./_raw_server.ts";

const SIZE = 100;
/** "Within about 2 s": generous, and far below the 50 s the drip lasts. */
const BOUND_MS = 4_000;

/** Answers HEAD at once; drips a GET's body one byte per 500 ms. */
function dripServer(): RawServer {
  return rawServer(async (conn, request) => {
    const headers = {
      "content-length": SIZE,
      "content-type": "application/octet-stream",
      "accept-ranges": "bytes",
    };
    if (request.method === "HEAD") {
      await send(conn, head(200, headers));
      return "keep";
    }
    if (!await send(conn, head(200, headers))) return "close";
    for (let i = 0; i < SIZE && !request.signal.aborted; i++) {
      await pause(500, request.signal);
      if (!await send(conn, "x")) break;
    }
    return "close";
  });
}

async function timesOut(call: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  const error = await assertRejects(call, FSTimeoutError);
  assertEquals(error.timeout, 1);
  assertLess(performance.now() - start, BOUND_MS);
}

Deno.test("HTTPFileSystem._catFile() with timeout 1 rejects a dripping body with FSTimeoutError", async () => {
  await using server = dripServer();
  await using fs = new HTTPFileSystem({ asynchronous: true, timeout: 1 });
  await timesOut(() => fs._catFile(`${server.url}/f`));
  await timesOut(() => fs._catFile(`${server.url}/f`, { start: 10, end: 90 }));
});

Deno.test("HTTPFileSystem._getFile() with timeout 1 rejects a dripping body with FSTimeoutError and leaves no file", async () => {
  await using server = dripServer();
  await using fs = new HTTPFileSystem({ asynchronous: true, timeout: 1 });
  const dir = await Deno.makeTempDir();
  try {
    await timesOut(() => fs._getFile(`${server.url}/f`, `${dir}/f`));
    assertEquals([...Deno.readDirSync(dir)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("HTTPFileSystem.openAsync().read() with timeout 1 rejects a dripping body with FSTimeoutError", async () => {
  await using server = dripServer();
  await using fs = new HTTPFileSystem({ asynchronous: true, timeout: 1 });
  const file = await fs.openAsync(`${server.url}/f`);
  assertEquals(file.size, SIZE);
  try {
    await timesOut(() => file.read(10));
  } finally {
    await file.close();
  }
});
