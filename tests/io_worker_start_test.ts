import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import {
  _bootstrap,
  _newLoopInit,
  _startWorker,
} from "../src/_io_connection.ts";
import { _receive, W } from "../src/_channel.ts";

Deno.test("the IO Worker's module URL is short: fetch there parses each request's URL against it", () => {
  // an 800-character data: URL cost about 4 µs per request (BENCHMARKS.md)
  assert(
    _bootstrap.href.length <= 160,
    `${_bootstrap.href.length} characters`,
  );
  assertEquals(_bootstrap.protocol, "data:");
});

Deno.test("an IO Worker whose code fails to load wakes the blocked caller and says why", async () => {
  const { init, sync, async } = _newLoopInit();
  const words = new Int32Array(init.sab, 0, 128);
  const seq = Atomics.load(words, W.RespSeq);
  const missing = new URL("./no_such_io_worker.ts", import.meta.url).href;
  const worker = _startWorker(init, [sync.port2, async.port2], missing);
  worker.ref(); // keep this test alive until the Worker exits
  const exited = new Promise<number>((resolve) => worker.on("exit", resolve));
  worker.on("error", () => {}); // the failed import, reported below
  const woke = Atomics.waitAsync(words, W.RespSeq, seq, 30_000);
  assertEquals(woke.async ? await woke.value : woke.value, "ok");
  assertEquals(Atomics.load(words, W.Dead), 1);
  assertEquals(Atomics.load(words, W.Code), 1);
  const message = _receive(sync.port1) as { id: number; startError: string };
  assertEquals(message.id, -1);
  assertStringIncludes(message.startError, "no_such_io_worker.ts");
  assertEquals(await exited, 1);
  sync.port1.close();
  async.port1.close();
});
