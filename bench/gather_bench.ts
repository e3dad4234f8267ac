/**
 * runCorosInChunks against Promise.all, on no-op thunks (the engine's own
 * overhead) and on thunks that wait 1 ms (how close the window gets to ideal).
 */
import { runCorosInChunks, type Thunk } from "../mod.ts";
import { noopThunks, wait1msThunks } from "./_thunks.ts";

const NOOP_COUNT = 10_000;
const WAIT_COUNT = 1_280;
/** Baselines call thunks directly; nothing aborts them. */
const NO_SIGNAL = new AbortController().signal;

const noop = noopThunks(NOOP_COUNT);
const wait1ms = wait1msThunks(WAIT_COUNT);

Deno.bench({
  name: `Promise.all, ${NOOP_COUNT} no-op promises`,
  group: "no-op",
  baseline: true,
  async fn() {
    await Promise.all(noop.map((t) => t(NO_SIGNAL)));
  },
});

for (const batchSize of [1, 16, 128, 1280, -1]) {
  Deno.bench({
    name:
      `runCorosInChunks, ${NOOP_COUNT} no-op thunks, batchSize ${batchSize}`,
    group: "no-op",
    async fn() {
      await runCorosInChunks(noop, { batchSize });
    },
  });
}

// The ideal for batch 128: ten waves of 128, each as long as one wave of
// Deno timers takes here (a 1 ms setTimeout fires after about 2.2 ms on these
// machines, and each timer costs a few µs more to schedule).
/** The ideal for batch 128, beside each group's window: waves of 128 in sequence. */
function benchWaves(group: string, thunks: Thunk<unknown>[]): void {
  Deno.bench({
    name: `ideal: ${
      WAIT_COUNT / 128
    } sequential waves of Promise.all over 128 (${group})`,
    group,
    baseline: true,
    n: 20,
    async fn() {
      for (let i = 0; i < WAIT_COUNT; i += 128) {
        await Promise.all(thunks.slice(i, i + 128).map((t) => t(NO_SIGNAL)));
      }
    },
  });
}

benchWaves("1 ms", wait1ms);

Deno.bench({
  name: `Promise.all, ${WAIT_COUNT} 1 ms waits (one wave)`,
  group: "1 ms",
  n: 20,
  async fn() {
    await Promise.all(
      wait1ms.map((t) => t(NO_SIGNAL)),
    );
  },
});

for (const batchSize of [1, 16, 128, 1280, -1]) {
  Deno.bench({
    name: `runCorosInChunks, ${WAIT_COUNT} 1 ms waits, batchSize ${batchSize}`,
    group: "1 ms",
    n: batchSize === 1 ? 2 : batchSize === 16 ? 5 : 20,
    warmup: batchSize === 1 ? 1 : 5,
    async fn() {
      await runCorosInChunks(wait1ms, { batchSize });
    },
  });
}

// The same 1 ms waits through Atomics.waitAsync timeouts: these do not drift
// apart the way timers re-armed from inside timer callbacks do, so they show
// the window's own cost against the same ideal. (A pending waitAsync does not
// keep the process alive: the interval does, for the length of these benches.)
const sab = new Int32Array(new SharedArrayBuffer(4));
const waitAsync1ms: Thunk<unknown>[] = Array.from(
  { length: WAIT_COUNT },
  () => () => Atomics.waitAsync(sab, 0, 0, 1).value as Promise<unknown>,
);
const keepAlive = setInterval(() => {}, 1000);
addEventListener("unload", () => clearInterval(keepAlive));

benchWaves("1 ms waitAsync", waitAsync1ms);

Deno.bench({
  name: `runCorosInChunks, ${WAIT_COUNT} waitAsync 1 ms waits, batchSize 128`,
  group: "1 ms waitAsync",
  n: 20,
  async fn() {
    await runCorosInChunks(waitAsync1ms, { batchSize: 128 });
  },
});
