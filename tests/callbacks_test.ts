import { assert, assertEquals, assertStrictEquals } from "@std/assert";
import { assertSpyCallArgs, assertSpyCalls, spy } from "@std/testing/mock";
import { Callback, NoOpCallback } from "../mod.ts";

Deno.test("Callback calls every hook with size and value on each update", () => {
  const hook = spy((_size: number | null, _value: number) => {});
  const cb = new Callback({ hooks: { a: hook } });
  cb.setSize(10);
  cb.relativeUpdate(3);
  cb.absoluteUpdate(7);
  cb.relativeUpdate();
  assertSpyCalls(hook, 4);
  assertEquals(hook.calls.map((c) => c.args), [
    [10, 0],
    [10, 3],
    [10, 7],
    [10, 8],
  ]);
});

Deno.test("Callback.call() with a name calls only that hook", () => {
  const a = spy((_size: number | null, _value: number) => {});
  const b = spy((_size: number | null, _value: number) => {});
  const cb = new Callback({ hooks: { a, b } });
  cb.call("b");
  assertSpyCalls(a, 0);
  assertSpyCalls(b, 1);
  assertSpyCallArgs(b, 0, [null, 0]);
});

Deno.test("Callback.branched() gives a no-op child by default", () => {
  const child = new Callback().branched("/a", "/b");
  assert(child instanceof NoOpCallback);
});

Deno.test("NoOpCallback calls no hook but keeps its counts", () => {
  const hook = spy((_size: number | null, _value: number) => {});
  const cb = new NoOpCallback({ hooks: { a: hook } });
  cb.relativeUpdate(2);
  assertSpyCalls(hook, 0);
  assertStrictEquals(cb.value, 2);
});
