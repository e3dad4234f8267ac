// Issue 11, row 8: several Workers of the application, each with its own
// blocking filesystem, run `cat` of 1,000 URLs at once; an IOLoop whose
// Worker is terminated mid-batch gives every caller an error, and the next
// call works.
import { assert, assertEquals, assertRejects, assertThrows } from "@std/assert";
import { deadline } from "@std/async/deadline";
import { filesystem, HTTPError, IOLoop, sync } from "../../mod.ts";
import { registerSlowFs } from "../fixtures/slow_fs.ts";
import { bodyServer, silentServer } from "./_raw_server.ts";

registerSlowFs();

/** A Worker of the application that serves the library's loop beside its own work. */
function appWorker(): Worker {
  return new Worker(new URL("../fixtures/app_worker.ts", import.meta.url), {
    type: "module",
  });
}

/**
 * Starts 20 reads from a server that never answers, on `loop`, and resolves
 * once the server has seen them all (the Worker sent them): they are in flight.
 */
async function readsInFlight(
  loop: IOLoop,
  silent: ReturnType<typeof silentServer>,
): Promise<Promise<Uint8Array>[]> {
  const http = await filesystem("http", { loop, skipInstanceCache: true });
  const callers = Array.from(
    { length: 20 },
    (_, i) => http._catFile(`${silent.url}/f${i}`),
  );
  for (let i = 0; i < 500 && silent.requests.length < 20; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  return callers;
}

Deno.test("four application Workers, each with its own blocking HTTP filesystem, cat 1,000 URLs each at once, all correct", async () => {
  await using server = bodyServer();
  const workers = Array.from(
    { length: 4 },
    () =>
      new Worker(new URL("./_cat_worker.ts", import.meta.url), {
        type: "module",
      }),
  );
  try {
    const results = await Promise.all(workers.map((worker, w) => {
      const answer = new Promise<{ right: number; wrong: string | null }>(
        (resolve, reject) => {
          worker.onmessage = (e) => resolve(e.data);
          worker.onerror = (e) => {
            e.preventDefault();
            reject(new Error(e.message));
          };
        },
      );
      const urls = Array.from(
        { length: 1000 },
        (_, i) => `${server.url}/w${w}/f${i}`,
      );
      worker.postMessage({ urls });
      return answer;
    }));
    for (const result of results) {
      assertEquals(result, { right: 1000, wrong: null });
    }
    assert(server.requests >= 4000);
  } finally {
    for (const worker of workers) worker.terminate();
  }
});

Deno.test("IOLoop: the IO Worker ending mid-batch fails every caller in flight, and the next call runs on a fresh Worker", async () => {
  // a server that takes requests and never answers: they stay in flight
  await using silent = silentServer();
  await using server = bodyServer();
  await using loop = new IOLoop();
  const http = await filesystem("http", { loop, skipInstanceCache: true });
  const slow = await filesystem("slowfs", { loop, skipInstanceCache: true });
  assertEquals(
    new TextDecoder().decode(await http._catFile(`${server.url}/warm`)),
    "body of /warm",
  );
  const callers = Array.from(
    { length: 20 },
    (_, i) => http._catFile(`${silent.url}/f${i}`),
  );
  const batch = http._cat(
    Array.from({ length: 50 }, (_, i) => `${silent.url}/g${i}`),
  );
  // the IO Worker exits while all of that is in flight
  assertThrows(
    () => sync(loop, slow, "_crash", ["exit"], { timeout: 30 }),
    Error,
    "IO Worker exited",
  );
  for (const caller of [...callers, batch]) {
    const error = await assertRejects(() => caller, Error);
    assert(!(error instanceof HTTPError), String(error));
  }
  assertEquals(
    new TextDecoder().decode(await http._catFile(`${server.url}/after`)),
    "body of /after",
  );
  // (a blocking call here would wait for a server on this very thread)
  assertEquals(loop.running, true);
});

Deno.test("IOLoop on an application's Worker that is terminated mid-batch, then closed, fails every caller in flight; a loop on a new Worker works", async () => {
  await using silent = silentServer();
  await using server = bodyServer();
  const first = appWorker();
  const second = appWorker();
  try {
    const loop = new IOLoop(first);
    const callers = await readsInFlight(loop, silent);
    first.terminate();
    await loop.close();
    for (const caller of callers) {
      const error = await assertRejects(() => caller, Error);
      assert(!(error instanceof HTTPError), String(error));
    }
    await using next = new IOLoop(second);
    const again = await filesystem("http", {
      loop: next,
      skipInstanceCache: true,
    });
    assertEquals(
      new TextDecoder().decode(await again._catFile(`${server.url}/next`)),
      "body of /next",
    );
  } finally {
    first.terminate();
    second.terminate();
  }
});

Deno.test("IOLoop on an application's Worker: terminate() mid-batch fails every caller in flight at once, without close()", async () => {
  await using silent = silentServer();
  const worker = appWorker();
  const loop = new IOLoop(worker);
  try {
    const callers = await readsInFlight(loop, silent);
    assertEquals(loop.running, true);
    worker.terminate();
    for (const caller of callers) {
      // a deadline, so that a regression fails instead of hanging the suite
      const error = await assertRejects(
        () => deadline(caller, 10_000),
        Error,
        "the application terminated it",
      );
      assert(!(error instanceof HTTPError), String(error));
    }
    assertEquals(loop.running, false);
    await assertRejects(
      async () =>
        await (await filesystem("http", { loop, skipInstanceCache: true }))
          ._catFile(`${silent.url}/later`),
      Error,
      "the Worker that served this IOLoop has stopped",
    );
  } finally {
    worker.terminate();
    await loop.close();
  }
});
