import { assertEquals, assertStringIncludes } from "@std/assert";
import { _newLoopInit, _startWorker } from "../src/_io_connection.ts";
import { _receive, W } from "../src/_channel.ts";

Deno.test("the IO Worker's location is a short URL: fetch there parses each request's URL against it", async () => {
  // a 656-character data: URL cost about 4 µs per request (bench/url_base.ts)
  const { init, sync, async } = _newLoopInit();
  const module = new URL("./fixtures/io_worker_location.ts", import.meta.url);
  const worker = _startWorker(init, module.href);
  worker.ref(); // keep this test alive until the Worker exits
  const exited = new Promise<number>((resolve) => worker.on("exit", resolve));
  const message = await new Promise<{ location: string }>((resolve) => {
    sync.port1.onmessage = (e) => resolve(e.data);
  });
  assertEquals(message.location, "data:text/javascript,");
  sync.port1.close();
  async.port1.close();
  await worker.terminate();
  await exited;
});

Deno.test("an IO Worker whose code fails to load wakes the blocked caller and says why", async () => {
  const { init, sync, async } = _newLoopInit();
  const words = new Int32Array(init.sab, 0, 128);
  const seq = Atomics.load(words, W.RespSeq);
  const broken = new URL("./fixtures/io_worker_broken.ts", import.meta.url);
  const worker = _startWorker(init, broken.href);
  worker.ref(); // keep this test alive until the Worker exits
  const exited = new Promise<number>((resolve) => worker.on("exit", resolve));
  worker.on("error", () => {}); // the failed import, reported below
  const woke = Atomics.waitAsync(words, W.RespSeq, seq, 30_000);
  assertEquals(woke.async ? await woke.value : woke.value, "ok");
  assertEquals(Atomics.load(words, W.Dead), 1);
  assertEquals(Atomics.load(words, W.Code), 1);
  const message = _receive(sync.port1) as { id: number; startError: string };
  assertEquals(message.id, -1);
  assertStringIncludes(
    message.startError,
    "this IO Worker module fails as it loads",
  );
  assertEquals(await exited, 1);
  sync.port1.close();
  async.port1.close();
});
