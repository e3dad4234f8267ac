/**
 * The cost of a blocking call: a no-op call through the IO Worker against a
 * raw Atomics round trip between the same two threads (the floor), and a
 * blocking `catFile` of 64 MiB against the in-thread async `_catFile`.
 *
 * Each no-op bench iteration makes 1,000 round trips.
 */
import { type AsyncFileSystem, filesystem, IOLoop, sync } from "../mod.ts";
import { _loop } from "../src/io_loop.ts";

import { registerSlowFs } from "../tests/fixtures/slow_fs.ts";

registerSlowFs();

const ROUNDS = 1_000;
const loop = new IOLoop();
const slow = await filesystem("slowfs", { loop, skipInstanceCache: true });
const pongModule = new URL("../tests/fixtures/pong.ts", import.meta.url).href;

/** Runs `ROUNDS` raw round trips against a pong function on the IO Worker. */
async function rawRoundTrips(
  b: Deno.BenchContext,
  answer: "spin" | "handler",
): Promise<void> {
  const sab = new SharedArrayBuffer(16);
  const w = new Int32Array(sab);
  const done = _loop.callAsync(loop, {
    op: "fn",
    module: pongModule,
    export: "pong",
    args: [sab, answer],
  }, "pong()");
  Atomics.wait(w, 3, 0);
  b.start();
  for (let i = 1; i <= ROUNDS; i++) {
    Atomics.store(w, 0, i);
    if (answer === "handler") Atomics.wait(w, 1, i - 1);
    else while (Atomics.load(w, 1) !== i);
  }
  b.end();
  Atomics.store(w, 2, 1);
  await done;
}

Deno.bench({
  name:
    `raw Atomics round trip ×${ROUNDS}: caller in Atomics.wait, Worker spinning, async no-op handler`,
  group: "no-op call",
  baseline: true,
  fn: (b) => rawRoundTrips(b, "handler"),
});

Deno.bench({
  name:
    `bare cache-line ping-pong ×${ROUNDS}: both threads spinning, no handler (the floor)`,
  group: "no-op call",
  fn: (b) => rawRoundTrips(b, "spin"),
});

Deno.bench({
  name: `blocking no-op call ×${ROUNDS} (sync(loop, fs, "_noop"))`,
  group: "no-op call",
  fn(b) {
    b.start();
    for (let i = 0; i < ROUNDS; i++) sync(loop, slow, "_noop");
    b.end();
  },
});

/**
 * One turn of the event loop, outside the measured part: V8 releases the
 * memory of dropped 64 MiB buffers in tasks of the thread's event loop, and a
 * loop of blocking calls that never yields lets that memory pile up until
 * the kernel makes some calls pay for it (200-370 ms spikes; a plain
 * synchronous `slice()` loop shows them too). Both benches yield the same way.
 */
function turn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const SIZE = 64 * 2 ** 20;
const data = new Uint8Array(SIZE).fill(1);
const asyncFs: AsyncFileSystem = await filesystem("memory", {
  asynchronous: true,
  skipInstanceCache: true,
  store: "bench-async",
});
await asyncFs._pipeFile("/big", data);
const blockingFs: AsyncFileSystem = await filesystem("memory", {
  loop,
  skipInstanceCache: true,
  store: "bench-blocking",
});
blockingFs.pipeFile("/big", data);

Deno.bench({
  name: "async _catFile of 64 MiB, in this thread",
  group: "catFile 64 MiB",
  baseline: true,
  async fn(b) {
    b.start();
    const out = await asyncFs._catFile("/big");
    b.end();
    if (out.length !== SIZE) throw new Error("short read");
    await turn();
  },
});

Deno.bench({
  name: "blocking catFile of 64 MiB, through the IO Worker",
  group: "catFile 64 MiB",
  async fn(b) {
    b.start();
    const out = blockingFs.catFile("/big");
    b.end();
    if (out.length !== SIZE) throw new Error("short read");
    await turn();
  },
});

/**
 * 16 reads of 64 MiB in a row. The blocking loop never yields to the event
 * loop, the case where dropped results could pile up before V8 frees them.
 */
const READS = 16;

Deno.bench({
  name: `async _catFile of 64 MiB ×${READS}, in this thread`,
  group: "catFile 64 MiB ×16",
  baseline: true,
  async fn() {
    for (let i = 0; i < READS; i++) {
      if ((await asyncFs._catFile("/big")).length !== SIZE) {
        throw new Error("short read");
      }
    }
  },
});

Deno.bench({
  name: `blocking catFile of 64 MiB ×${READS}, never yielding`,
  group: "catFile 64 MiB ×16",
  fn() {
    for (let i = 0; i < READS; i++) {
      if (blockingFs.catFile("/big").length !== SIZE) {
        throw new Error("short read");
      }
    }
  },
});
