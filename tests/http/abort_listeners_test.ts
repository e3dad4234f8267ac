import { assertEquals, assertStrictEquals } from "@std/assert";
import { stub } from "@std/testing/mock";
import { HTTPFileSystem, HTTPSession } from "../../mod.ts";

/** Counts `abort` listeners added to and removed from signals while it is in use. */
function countAbortListeners() {
  const counts = { added: 0, removed: 0 };
  const stubs = ([
    ["addEventListener", "added"],
    ["removeEventListener", "removed"],
  ] as const).map(([method, count]) => {
    const original = EventTarget.prototype[method];
    return stub(
      EventTarget.prototype,
      method,
      function (this: EventTarget, ...args: Parameters<typeof original>): void {
        if (this instanceof AbortSignal && args[0] === "abort") counts[count]++;
        original.apply(this, args);
      },
    );
  });
  return {
    counts,
    [Symbol.dispose]() {
      for (const s of stubs) s.restore();
    },
  };
}

/** A fetch that answers `ok` once `open` resolves; it honours the signal. */
function gatedFetch(open: Promise<void>): typeof fetch {
  return (_input, init) =>
    new Promise<Response>((resolve, reject) => {
      init?.signal?.throwIfAborted();
      init?.signal?.addEventListener(
        "abort",
        () => reject(init.signal!.reason),
        { once: true },
      );
      open.then(() => resolve(new Response("ok")));
    });
}

Deno.test("HTTPFileSystem: a batch adds no abort listener per request to the shared signal (no timeout)", async () => {
  const urls = Array.from(
    { length: 200 },
    (_, i) => `http://127.0.0.1:9/f${i}`,
  );
  await using fs = new HTTPFileSystem({
    asynchronous: true,
    timeout: 0,
    limitPerHost: 10,
    fetch: (_input, _init) => Promise.resolve(new Response("ok")),
  });
  using listeners = countAbortListeners();
  const out = await fs._cat(urls, {
    batchSize: -1,
    signal: new AbortController().signal,
  });
  assertEquals(out.size, 200);
  // the batch's own listener on the caller's signal, and one per signal in
  // the per-host queue: not one per request (200) or per queued wait (190)
  assertEquals(listeners.counts.added <= 4, true, `${listeners.counts.added}`);
  assertStrictEquals(listeners.counts.added, listeners.counts.removed);
});

Deno.test("HTTPSession: waits on one signal share one listener, and all reject when it aborts", async () => {
  const { promise: open, resolve: letThrough } = Promise.withResolvers<void>();
  await using session = new HTTPSession({
    fetch: gatedFetch(open),
    limitPerHost: 1,
  });
  const controller = new AbortController();
  const url = "http://127.0.0.1:9/x";
  const init = { signal: controller.signal };
  using listeners = countAbortListeners();
  const first = session.fetch(url, init);
  const waits = [session.fetch(url, init), session.fetch(url, init)];
  // the fake fetch's own listener, and one for the two waits
  await Promise.resolve();
  assertStrictEquals(listeners.counts.added, 2);
  const reason = new DOMException("stop", "AbortError");
  controller.abort(reason);
  for (const wait of [first, ...waits]) {
    assertStrictEquals(await wait.then(() => null, (e) => e), reason);
  }
  letThrough();
});

Deno.test("HTTPSession: the shared listener goes once the last wait on the signal is granted", async () => {
  const { promise: open, resolve: letThrough } = Promise.withResolvers<void>();
  await using session = new HTTPSession({
    fetch: (_input, _init) => open.then(() => new Response("ok")),
    limitPerHost: 1,
  });
  const signal = new AbortController().signal;
  const url = "http://127.0.0.1:9/x";
  using listeners = countAbortListeners();
  const calls = [1, 2, 3].map(() => session.fetch(url, { signal }));
  letThrough();
  for (const call of calls) {
    const { response, release } = await call;
    await response.body?.cancel();
    release();
  }
  assertStrictEquals(listeners.counts.added, 1);
  assertStrictEquals(listeners.counts.removed, 1);
});
