import {
  assertEquals,
  assertInstanceOf,
  assertMatch,
  assertRejects,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
import { assertRejectsAbort, assertThrowsAbort } from "./_helpers.ts";
import {
  Callback,
  FileNotFoundError,
  filesystem,
  IOLoop,
  syncWrapper,
} from "../mod.ts";
import { ReadOnlyFileSystem } from "./fixtures/read_only_fs.ts";

import { registerSlowFs, type SlowFileSystem } from "./fixtures/slow_fs.ts";

registerSlowFs();

async function slow(loop: IOLoop): Promise<SlowFileSystem> {
  return await filesystem("slowfs", {
    loop,
    skipInstanceCache: true,
  }) as SlowFileSystem;
}

Deno.test("syncWrapper() makes the blocking twin of a backend's extra _ method", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  assertStrictEquals(fs.double(21), 42);
  assertStrictEquals(await fs._double(5), 10);
  assertThrows(() => syncWrapper("double"), TypeError);
});

Deno.test("syncWrapper() twin of a user backend in its own module works in a deno run script", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      new URL("./fixtures/user_backend_script.ts", import.meta.url).pathname,
    ],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(60_000),
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assertStrictEquals(out.code, 0, stderr);
  assertEquals(JSON.parse(new TextDecoder().decode(out.stdout)), {
    double: 42,
    cat: [1, 2, 3],
    ls: 20,
    wrapped: 10,
  });
});

Deno.test("a blocking call rethrows the Worker's error with its class, message, stack, cause and properties", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  const error = assertThrows(() => fs.info("/nope"), FileNotFoundError);
  assertStrictEquals(error.name, "FileNotFoundError");
  assertStrictEquals(error.message, 'Cannot find "/nope": no such file');
  assertStrictEquals(error.path, "/nope");
  assertInstanceOf(error.cause, RangeError);
  assertMatch(error.stack ?? "", /slow_fs\.ts/, "the stack is the Worker's");
  const failing = syncWrapper<[string], never>("_fail");
  const typeError = assertThrows(() => failing.call(fs, "type"), TypeError);
  assertStrictEquals(typeError.message, "Cannot take that: a type error");
});

Deno.test("a user backend's own error class keeps its name, message and properties", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  const failing = syncWrapper<[string], never>("_fail");
  const own = assertThrows(() => failing.call(fs, "own"), Error);
  assertStrictEquals(own.name, "SlowError");
  assertStrictEquals(own.message, "Cannot go on: slow");
  assertStrictEquals((own as Error & { code: number }).code, 42);
  assertThrowsAbort(() => failing.call(fs, "abort"));
});

Deno.test("a blocking call with an aborted signal throws before it reaches the Worker", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  assertThrowsAbort(() => fs.info("/f0", { signal: AbortSignal.abort() }));
  assertStrictEquals(loop.running, false);
  const live = new AbortController();
  assertStrictEquals(fs.info("/f0", { signal: live.signal }).size, 3);
});

Deno.test("a function option is a TypeError in blocking mode and fine with asynchronous: true", async () => {
  const error = await assertRejects(
    () => filesystem("http", { skipInstanceCache: true, fetch: () => 1 }),
    TypeError,
    'option "fetch"',
  );
  assertStringIncludes(error.message, "asynchronous: true");
  await using fs = await filesystem("http", {
    skipInstanceCache: true,
    asynchronous: true,
    fetch: () => 1,
  });
  assertStrictEquals(fs.asynchronous, true);
});

Deno.test("a class the IO Worker cannot import is a TypeError at a blocking call that says to register it", async () => {
  await using loop = new IOLoop();
  const fs = new ReadOnlyFileSystem({ loop });
  assertThrows(() => fs.ls("/"), TypeError, "registerImplementation");
  assertEquals(
    await fs._ls("/", { detail: false }),
    ["/f"],
    "its _ methods run here",
  );
  assertStrictEquals(loop.running, false);
});

Deno.test("a blocking method of an asynchronous instance throws an error naming the _ method", async () => {
  await using loop = new IOLoop();
  const fs = await filesystem("slowfs", {
    asynchronous: true,
    loop,
    skipInstanceCache: true,
  });
  assertThrows(() => fs.cat("/f0"), Error, "await _cat() instead");
  assertThrows(() => fs.open("/f0"), Error, "open()");
  assertThrows(() => [...fs.walk("/")], Error, "await _walk() instead");
  assertStrictEquals(fs.loop, undefined);
  assertStrictEquals(loop.running, false, "no Worker was started");
});

Deno.test("a blocking-mode instance's _ methods run on the Worker, with signals and callbacks proxied", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  const controller = new AbortController();
  const pending = fs._sleep(60_000, "never", { signal: controller.signal });
  assertStrictEquals(await fs._double(2), 4);
  controller.abort();
  await assertRejectsAbort(() => pending);
  assertStrictEquals(fs.double(1), 2);
  assertStrictEquals(
    await fs._abortedCount(),
    1,
    "the abort reached the Worker's instance",
  );
  assertStrictEquals(fs.aborted, 0, "_sleep ran on the Worker, not here");
  const seen: number[] = [];
  const callback = new Callback({ hooks: { h: (_s, v) => seen.push(v) } });
  assertStrictEquals(await fs._progress(2, 1, callback), 2);
  assertEquals(seen, [0, 1, 2]);
  const steps = [];
  for await (const step of fs._walk("/")) steps.push(step[0]);
  assertEquals(steps, ["/"]);
});
