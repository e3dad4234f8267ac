import {
  assertEquals,
  assertInstanceOf,
  assertRejects,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
import {
  AsyncFileSystem,
  Callback,
  filesystem,
  FSTimeoutError,
  IOLoop,
} from "../mod.ts";
import { _STANDARD_METHODS, _twinName } from "../src/_methods.ts";
import {
  registerTableFs,
  type TableFileSystem,
  type TableTwins,
} from "./fixtures/table_fs.ts";
import { registerSlowFs, type SlowFileSystem } from "./fixtures/slow_fs.ts";

registerTableFs();
registerSlowFs();

type TableFs = TableFileSystem & TableTwins;

async function table(
  options: { loop?: IOLoop; asynchronous?: boolean },
): Promise<TableFs> {
  return await filesystem("tablefs", {
    ...options,
    skipInstanceCache: true,
    store: `table-${crypto.randomUUID()}`,
  }) as TableFs;
}

const text = (s: string) => new TextEncoder().encode(s);

Deno.test("AsyncFileSystem has a blocking twin for every row of the method table", () => {
  const proto = AsyncFileSystem.prototype as unknown as Record<string, unknown>;
  for (const method of Object.keys(_STANDARD_METHODS)) {
    assertStrictEquals(typeof proto[_twinName(method)], "function", method);
  }
  assertStrictEquals(_twinName("openAsync"), "open");
});

Deno.test("a standard-like method added through the table gets a working blocking twin", async () => {
  await using loop = new IOLoop();
  const fs = await table({ loop });
  fs.pipe("/t", text("a b c\nd e"));
  assertStrictEquals(fs.wordCount("/t"), 5);
  assertStrictEquals(await fs._wordCount("/t"), 5);
  assertEquals([...fs.lines("/t")], ["a b c", "d e"]);
  const lines = [];
  for await (const line of fs._lines("/t")) lines.push(line);
  assertEquals(lines, ["a b c", "d e"]);
  assertStrictEquals(fs.calls, 0, "every call ran on the Worker's instance");
});

Deno.test("a table method's twin on an asynchronous instance names the _ method to await", async () => {
  const fs = await table({ asynchronous: true });
  await fs._pipeFile("/t", text("one two"));
  assertStrictEquals(await fs._wordCount("/t"), 2);
  assertStrictEquals(fs.calls, 1, "it ran in this thread");
  const error = assertThrows(() => fs.wordCount("/t"), Error);
  assertStringIncludes(error.message, "await _wordCount() instead");
});

Deno.test("a declared plain function returning a promise runs on the Worker in blocking mode", async () => {
  await using loop = new IOLoop();
  const fs = await table({ loop });
  assertStrictEquals(fs.bump(1), 1);
  assertStrictEquals(
    await fs._bump(2),
    3,
    "the Worker's instance, as the twin's",
  );
  assertStrictEquals(fs.calls, 0, "nothing ran on the caller's instance");
  // not declared: it runs where it is called, on the caller's instance
  assertStrictEquals(await fs._localBump(5), 5);
  assertStrictEquals(fs.bump(1), 4);
});

Deno.test("a declared _ method forwarded from a blocking-mode instance gets its signal and callback proxied", async () => {
  await using loop = new IOLoop();
  const fs = await table({ loop });
  const controller = new AbortController();
  const pending = fs._waitForAbort({ signal: controller.signal });
  assertStrictEquals(
    fs.bump(0),
    0,
    "the Worker's instance has counted nothing",
  );
  controller.abort();
  const error = await assertRejects(() => pending, DOMException);
  assertStrictEquals(error.name, "AbortError");
  assertStrictEquals(fs.bump(0), 1, "the abort reached the Worker's instance");
  assertStrictEquals(fs.calls, 0);
  const seen: number[] = [];
  const callback = new Callback({ hooks: { h: (_s, v) => seen.push(v) } });
  assertStrictEquals(await fs._steps(2, callback), 2);
  assertEquals(seen, [0, 1, 2]);
});

Deno.test("a blocking twin with a timeout throws FSTimeoutError, and the loop goes on", async () => {
  await using loop = new IOLoop();
  const fs = await filesystem("slowfs", {
    loop,
    delay: 2_000,
    skipInstanceCache: true,
  }) as SlowFileSystem;
  assertStrictEquals(fs.exists("/f0"), true, "the Worker is up");
  const error = assertThrows(
    () => fs.cat("/f0", { timeout: 0.05 }),
    FSTimeoutError,
  );
  assertStrictEquals(error.timeout, 0.05);
  assertStringIncludes(error.message, "cat()");
  assertEquals(fs.info("/f1"), { name: "/f1", size: 3, type: "file" });
  const fast = await filesystem("slowfs", {
    loop,
    delay: 1,
    skipInstanceCache: true,
  }) as SlowFileSystem;
  assertEquals(fast.cat("/f0", { timeout: 5 }), new Uint8Array([1, 2, 3]));
});

Deno.test("a blocking twin's timeout leaves its other options, and the caller's object, alone", async () => {
  await using loop = new IOLoop();
  const fs = await table({ loop });
  fs.pipe({ "/a": text("x"), "/b": text("y") }, { timeout: 5 });
  const options = { detail: false as const, timeout: 5 };
  assertEquals(fs.ls("/", options), ["/a", "/b"]);
  assertEquals(options, { detail: false, timeout: 5 });
  assertEquals([...fs.walk("/", { timeout: 5 })], [["/", [], ["a", "b"]]]);
  using f = fs.open("/a", { timeout: 5 });
  assertEquals(f.read(), text("x"));
  assertThrows(() => fs.info("/a", { timeout: -1 }), RangeError);
});

Deno.test("a forwarded _ method of a blocking-mode instance rejects, not throws, when its loop is closed", async () => {
  const loop = new IOLoop();
  const fs = await table({ loop });
  await loop.close();
  const pending = fs._wordCount("/t");
  assertInstanceOf(pending, Promise);
  await assertRejects(() => pending, TypeError, "the IOLoop is closed");
});
