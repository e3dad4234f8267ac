import {
  assert,
  assertEquals,
  assertInstanceOf,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";
import { FakeTime } from "@std/testing/time";
import { assertRejectsAbort } from "./_helpers.ts";
import {
  batchDefaults,
  Callback,
  conf,
  FSTimeoutError,
  getBatchSize,
  runCorosInChunks,
  type Thunk,
} from "../mod.ts";

/** Thunks that record how many run at once; each yields to the event loop before settling. */
function tracked(n: number) {
  const state = { active: 0, max: 0, started: 0 };
  const thunks: Thunk<number>[] = Array.from(
    { length: n },
    (_, i) => async () => {
      state.started++;
      state.max = Math.max(state.max, ++state.active);
      await new Promise((r) => setTimeout(r, 0));
      state.active--;
      return i;
    },
  );
  return { state, thunks };
}

/** A thunk that settles only when its signal aborts. */
function untilAborted(seen: AbortSignal[]): Thunk<never> {
  return (signal) => {
    seen.push(signal);
    return new Promise((_, reject) =>
      signal.addEventListener("abort", () => reject(signal.reason), {
        once: true,
      })
    );
  };
}

for (const batchSize of [5, 128]) {
  Deno.test(`runCorosInChunks() keeps exactly ${batchSize} in flight at most, and reaches it`, async () => {
    const { state, thunks } = tracked(600);
    const out = await runCorosInChunks(thunks, { batchSize });
    assertStrictEquals(state.max, batchSize);
    assertStrictEquals(state.started, 600);
    assertEquals(out, Array.from({ length: 600 }, (_, i) => i));
  });
}

Deno.test("runCorosInChunks() runs all at once with batchSize -1", async () => {
  const { state, thunks } = tracked(3000);
  await runCorosInChunks(thunks, { batchSize: -1 });
  assertStrictEquals(state.max, 3000);
});

Deno.test("runCorosInChunks() starts a new thunk as soon as one settles (sliding window)", async () => {
  const gates = Array.from({ length: 4 }, () => Promise.withResolvers<void>());
  const started: number[] = [];
  const thunks = gates.map((g, i) => async () => {
    started.push(i);
    await g.promise;
    return i;
  });
  const run = runCorosInChunks(thunks, { batchSize: 2 });
  assertEquals(started, [0, 1]);
  gates[1].resolve(); // the second settles first: the third starts while the first still runs
  await new Promise((r) => setTimeout(r, 0));
  assertEquals(started, [0, 1, 2]);
  gates[0].resolve();
  gates[2].resolve();
  gates[3].resolve();
  assertEquals(await run, [0, 1, 2, 3]);
});

Deno.test("runCorosInChunks() returns results in input order whatever the completion order", async () => {
  const gates = Array.from({ length: 10 }, () => Promise.withResolvers<void>());
  const run = runCorosInChunks(
    gates.map((g, i) => () => g.promise.then(() => i * i)),
    { batchSize: -1 },
  );
  for (const g of gates.toReversed()) g.resolve();
  assertEquals(await run, gates.map((_, i) => i * i));
});

Deno.test("runCorosInChunks() resolves batch size: option > conf > batchDefaults", async () => {
  const saved = { ...batchDefaults };
  try {
    batchDefaults.nofilesBatchSize = 3;
    batchDefaults.batchSize = 2;
    let t = tracked(20);
    await runCorosInChunks(t.thunks, { nofiles: true });
    assertStrictEquals(t.state.max, 3, "batchDefaults.nofilesBatchSize");
    t = tracked(20);
    await runCorosInChunks(t.thunks);
    assertStrictEquals(t.state.max, 2, "batchDefaults.batchSize");

    conf.nofiles_gather_batch_size = 7;
    conf.gather_batch_size = 6;
    t = tracked(20);
    await runCorosInChunks(t.thunks, { nofiles: true });
    assertStrictEquals(t.state.max, 7, "conf beats batchDefaults");
    assertStrictEquals(getBatchSize(true), 7);
    t = tracked(20);
    await runCorosInChunks(t.thunks);
    assertStrictEquals(t.state.max, 6);

    t = tracked(20);
    await runCorosInChunks(t.thunks, { nofiles: true, batchSize: 4 });
    assertStrictEquals(t.state.max, 4, "the option beats conf");
  } finally {
    Object.assign(batchDefaults, saved);
    delete conf.nofiles_gather_batch_size;
    delete conf.gather_batch_size;
  }
});

for (const bad of [0, -2, 1.5, NaN]) {
  Deno.test(`runCorosInChunks() rejects batch size ${bad} with RangeError before any thunk runs`, async () => {
    const { state, thunks } = tracked(5);
    await assertRejects(
      () => runCorosInChunks(thunks, { batchSize: bad }),
      RangeError,
    );
    assertStrictEquals(state.started, 0);
  });
}

Deno.test("runCorosInChunks() times out a thunk: FSTimeoutError in its slot, its signal aborted", async () => {
  using time = new FakeTime();
  const seen: AbortSignal[] = [];
  const run = runCorosInChunks(
    [untilAborted(seen), () => Promise.resolve("fast")],
    { timeout: 0.02, returnExceptions: true },
  );
  await time.tickAsync(19);
  assertStrictEquals(seen[0].aborted, false);
  await time.tickAsync(1);
  const out = await run;
  assertInstanceOf(out[0], FSTimeoutError);
  assertStrictEquals(out[0].timeout, 0.02);
  assertStrictEquals(out[1], "fast");
  assertStrictEquals(seen[0].aborted, true);
  assert(seen[0].reason instanceof FSTimeoutError);
});

Deno.test("runCorosInChunks() timeout 0 means none", async () => {
  const out = await runCorosInChunks([() => Promise.resolve(1)], {
    timeout: 0,
  });
  assertEquals(out, [1]);
});

Deno.test("runCorosInChunks() stops on the first error: in-flight signals abort, no new thunk starts", async () => {
  const seen: AbortSignal[] = [];
  const boom = new Error("boom");
  const thunks: Thunk<unknown>[] = Array.from(
    { length: 100 },
    () => untilAborted(seen),
  );
  thunks[2] = () => Promise.resolve().then(() => Promise.reject(boom));
  let started = 0;
  const counted = thunks.map((t) => (s: AbortSignal) => (started++, t(s)));
  const thrown = await assertRejects(
    () => runCorosInChunks(counted, { batchSize: 4 }),
    Error,
  );
  assertStrictEquals(thrown, boom);
  assertStrictEquals(started, 4, "only the first window started");
  assertStrictEquals(seen.length, 3);
  assert(seen.every((s) => s.aborted && s.reason === boom));
});

Deno.test("runCorosInChunks() with returnExceptions puts errors in place and runs everything", async () => {
  const out = await runCorosInChunks(
    [
      () => Promise.resolve(1),
      () => Promise.reject(new TypeError("x")),
      () => Promise.resolve(3),
    ],
    { returnExceptions: true, batchSize: 1 },
  );
  assertStrictEquals(out[0], 1);
  assert(out[1] instanceof TypeError);
  assertStrictEquals(out[2], 3);
});

Deno.test("runCorosInChunks() turns a thunk that throws synchronously into its error", async () => {
  const out = await runCorosInChunks(
    [() => {
      throw new RangeError("sync");
    }],
    { returnExceptions: true },
  );
  assert(out[0] instanceof RangeError);
});

Deno.test("runCorosInChunks() calls the callback once per settle, failures included", async () => {
  const values: number[] = [];
  const callback = new Callback({ hooks: { h: (_s, v) => values.push(v) } });
  const thunks = Array.from(
    { length: 10 },
    (_, i) => () =>
      i % 3 ? Promise.resolve(i) : Promise.reject(new Error(String(i))),
  );
  await runCorosInChunks(thunks, {
    callback,
    returnExceptions: true,
    batchSize: 3,
  });
  assertStrictEquals(callback.value, 10);
  assertEquals(values, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

Deno.test("runCorosInChunks() aborts everything on the caller's signal", async () => {
  const seen: AbortSignal[] = [];
  const controller = new AbortController();
  const run = runCorosInChunks(
    Array.from({ length: 10 }, () => untilAborted(seen)),
    {
      batchSize: 3,
      signal: controller.signal,
    },
  );
  const reason = new Error("stop");
  controller.abort(reason);
  assertStrictEquals(await assertRejects(() => run, Error), reason);
  assertStrictEquals(seen.length, 3);
  assert(seen.every((s) => s.aborted));
});

Deno.test("runCorosInChunks() rejects at once on an already aborted signal, starting nothing", async () => {
  const { state, thunks } = tracked(3);
  await assertRejectsAbort(() =>
    runCorosInChunks(thunks, { signal: AbortSignal.abort() })
  );
  assertStrictEquals(state.started, 0);
});

Deno.test("runCorosInChunks() of no thunks is an empty list", async () => {
  assertEquals(await runCorosInChunks([]), []);
});
