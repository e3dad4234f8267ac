import { assertStrictEquals } from "@std/assert";
import { HTTPSession } from "../../mod.ts";

/** A session whose fetch answers at once, and counts its calls. */
function countingSession(limitPerHost: number) {
  const calls: string[] = [];
  const session = new HTTPSession({
    limitPerHost,
    fetch: (input, _init) => {
      calls.push(String(input));
      return Promise.resolve(new Response("ok"));
    },
  });
  return { session, calls };
}

Deno.test("HTTPSession: spellings of one origin share its per-host slots", async () => {
  const { session, calls } = countingSession(1);
  await using _session = session;
  const first = await session.fetch("http://127.0.0.1:9/a", {});
  const spellings = [
    "HTTP://127.0.0.1:9/b",
    "http://user:pw@127.0.0.1:9/c",
    "http://127.0.0.1:9?q",
    "http://127.0.0.1:9/a", // remembered by now
  ].map((url) => session.fetch(url, {}));
  // a request to another host, started after them, gets through first
  (await session.fetch("http://127.0.0.1:11/x", {})).release();
  assertStrictEquals(calls.length, 2);
  first.release();
  for (const waiting of spellings) (await waiting).release();
  assertStrictEquals(calls.length, 6);
});

Deno.test("HTTPSession: other ports and schemes are other hosts", async () => {
  const { session, calls } = countingSession(1);
  await using _session = session;
  const held = await Promise.all(
    ["http://127.0.0.1:9/a", "http://127.0.0.1:10/a", "https://127.0.0.1:9/a"]
      .map((url) => session.fetch(url, {})),
  );
  assertStrictEquals(calls.length, 3);
  for (const { release } of held) release();
});
