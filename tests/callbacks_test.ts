import { assert, assertEquals, assertStrictEquals } from "@std/assert";
import { Callback, NoOpCallback } from "../mod.ts";

Deno.test("Callback calls every hook with size and value on each update", () => {
  const calls: [number | null, number][] = [];
  const cb = new Callback({ hooks: { a: (s, v) => calls.push([s, v]) } });
  cb.setSize(10);
  cb.relativeUpdate(3);
  cb.absoluteUpdate(7);
  cb.relativeUpdate();
  assertEquals(calls, [[10, 0], [10, 3], [10, 7], [10, 8]]);
});

Deno.test("Callback.call() with a name calls only that hook", () => {
  const seen: string[] = [];
  const cb = new Callback({
    hooks: { a: () => seen.push("a"), b: () => seen.push("b") },
  });
  cb.call("b");
  assertEquals(seen, ["b"]);
});

Deno.test("Callback.branched() gives a no-op child by default", () => {
  const child = new Callback().branched("/a", "/b");
  assert(child instanceof NoOpCallback);
});

Deno.test("NoOpCallback calls no hook but keeps its counts", () => {
  let called = false;
  const cb = new NoOpCallback({ hooks: { a: () => called = true } });
  cb.relativeUpdate(2);
  assertStrictEquals(called, false);
  assertStrictEquals(cb.value, 2);
});
