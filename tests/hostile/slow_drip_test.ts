// Issue 11, row 1: headers at once, then one byte every 500 ms. The
// timeout covers reading the body, not only waiting for the headers.
import {
  assertEquals,
  assertLess,
  assertRejects,
  assertThrows,
} from "@std/assert";
import {
  filesystem,
  FSTimeoutError,
  HTTPFileSystem,
  IOLoop,
} from "../../mod.ts";
import { dripServer, SIZE } from "./_drip_server.ts";

/** "Within about 2 s": generous, and far below the 50 s the drip lasts. */
const BOUND_MS = 4_000;

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

Deno.test("HTTPFileSystem blocking open().read() and catFile() with timeout 1 throw FSTimeoutError for a dripping body", async () => {
  // the server runs in a Worker: this thread sleeps in each blocking call
  const worker = new Worker(new URL("./_drip_worker.ts", import.meta.url), {
    type: "module",
  });
  try {
    const url = await new Promise<string>((resolve) =>
      worker.onmessage = (e) => resolve(e.data)
    );
    await using loop = new IOLoop();
    await using fs = await filesystem("http", {
      loop,
      timeout: 1,
      skipInstanceCache: true,
    });
    const file = fs.open(`${url}/f`);
    try {
      let start = performance.now();
      const error = assertThrows(() => file.read(10), FSTimeoutError);
      assertEquals(error.timeout, 1);
      assertLess(performance.now() - start, BOUND_MS);
      start = performance.now();
      assertThrows(() => fs.catFile(`${url}/f`), FSTimeoutError);
      assertLess(performance.now() - start, BOUND_MS);
    } finally {
      file.close();
    }
  } finally {
    worker.terminate();
  }
});
