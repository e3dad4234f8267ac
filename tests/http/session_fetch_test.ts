import {
  assert,
  assertEquals,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";
import { assertSpyCallArgs, assertSpyCalls, spy } from "@std/testing/mock";
import { HTTPSession } from "../../mod.ts";
import { assertRejectsAbort } from "../_helpers.ts";

/** A fetch that answers each URL with its own text. */
function echoFetch(): typeof fetch {
  return (input) => Promise.resolve(new Response(String(input)));
}

/**
 * Whether a promise has settled once the pending microtasks have run (one
 * macrotask later): what a test of "still waits" needs, not a sleep.
 */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(() => done = true, () => done = true);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

Deno.test("HTTPSession.fetch() calls the session's fetch with the URL and init, and gives a release", async () => {
  const fake = spy(echoFetch());
  await using session = new HTTPSession({ fetch: fake });
  const init = { method: "HEAD", headers: { "x-a": "1" } };
  const { response, release } = await session.fetch(
    "http://a.invalid/x",
    init,
  );
  assertStrictEquals(await response.text(), "http://a.invalid/x");
  release();
  assertSpyCalls(fake, 1);
  assertSpyCallArgs(fake, 0, ["http://a.invalid/x", init]);
});

Deno.test("HTTPSession.fetch() sends its client with every request where it has one", async () => {
  const fake = spy(echoFetch());
  await using session = new HTTPSession({
    fetch: fake,
    client: { poolMaxIdlePerHost: 1 },
  });
  assert(session.client);
  const { response, release } = await session.fetch("http://a.invalid/", {});
  await response.body?.cancel();
  release();
  assertSpyCallArgs(fake, 0, ["http://a.invalid/", {
    client: session.client,
  }]);
});

Deno.test("HTTPSession.fetch() holds a host's slot until release, and other hosts do not wait", async () => {
  const fake = spy(echoFetch());
  await using session = new HTTPSession({ fetch: fake, limitPerHost: 1 });
  const first = await session.fetch("http://a.invalid/1", {});
  const second = session.fetch("http://a.invalid/2", {});
  const other = await session.fetch("http://b.invalid/1", {});
  assertStrictEquals(await settled(second), false, "a.invalid is full");
  assertSpyCalls(fake, 2);
  first.release();
  first.release(); // a second release gives back nothing more
  const { response, release } = await second;
  assertStrictEquals(await response.text(), "http://a.invalid/2");
  const third = session.fetch("http://a.invalid/3", {});
  assertStrictEquals(await settled(third), false, "the slot passed on");
  release();
  (await third).release();
  other.release();
  assertSpyCalls(fake, 4);
});

Deno.test("HTTPSession.fetch() waiting for a slot rejects with the signal's reason, and leaves the queue", async () => {
  const fake = spy(echoFetch());
  await using session = new HTTPSession({ fetch: fake, limitPerHost: 1 });
  const first = await session.fetch("http://a.invalid/1", {});
  const controller = new AbortController();
  const waiting = session.fetch("http://a.invalid/2", {
    signal: controller.signal,
  });
  const reason = new Error("gave up");
  controller.abort(reason);
  assertStrictEquals(await assertRejects(() => waiting, Error), reason);
  await assertRejectsAbort(() =>
    session.fetch("http://a.invalid/3", { signal: AbortSignal.abort() })
  );
  first.release();
  const next = session.fetch("http://a.invalid/4", {});
  assert(await settled(next), "the slot went to no aborted waiter");
  (await next).release();
  assertEquals(fake.calls.map((c) => c.args[0]), [
    "http://a.invalid/1",
    "http://a.invalid/4",
  ]);
});

Deno.test("HTTPSession.fetch() gives the slot back when fetch fails", async () => {
  const failing = spy((_input: string | URL | Request) =>
    Promise.reject(new TypeError("connection refused"))
  );
  await using session = new HTTPSession({
    fetch: failing as unknown as typeof fetch,
    limitPerHost: 1,
  });
  for (let i = 0; i < 3; i++) {
    await assertRejects(
      () => session.fetch("http://a.invalid/", {}),
      TypeError,
      "connection refused",
    );
  }
  assertSpyCalls(failing, 3);
});

Deno.test("HTTPSession.fetch() on a closed session is a TypeError and fetches nothing", async () => {
  const fake = spy(echoFetch());
  const session = new HTTPSession({ fetch: fake });
  await session.close();
  assert(session.closed);
  await assertRejects(
    () => session.fetch("http://a.invalid/x", {}),
    TypeError,
    'Cannot request "http://a.invalid/x": the session is closed',
  );
  assertSpyCalls(fake, 0);
});
