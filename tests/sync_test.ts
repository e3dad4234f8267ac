import assert from "node:assert/strict";
import {
  AsyncFileSystem,
  Callback,
  type CatFileOptions,
  type FileInfo,
  FileNotFoundError,
  filesystem,
  IOLoop,
  type LsOptions,
  type LsResult,
  syncWrapper,
} from "../mod.ts";
import { lsResult } from "../src/_ls_result.ts";

import { registerSlowFs, type SlowFileSystem } from "./fixtures/slow_fs.ts";

registerSlowFs();

async function slow(loop: IOLoop): Promise<SlowFileSystem> {
  return await filesystem("slowfs", {
    loop,
    skipInstanceCache: true,
  }) as SlowFileSystem;
}

/** A backend nobody registered: the IO Worker cannot import it. */
class UnregisteredFileSystem extends AsyncFileSystem {
  static override protocol = "unregistered-test";
  _ls<D extends boolean = true>(
    _path: string,
    options: LsOptions<D> = {},
  ): Promise<LsResult<D>> {
    return Promise.resolve(lsResult([], options.detail));
  }
  _info(path: string): Promise<FileInfo> {
    return Promise.resolve({ name: path, size: 0, type: "directory" });
  }
  _catFile(_path: string, _options?: CatFileOptions): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array());
  }
}

Deno.test("syncWrapper() makes the blocking twin of a backend's extra _ method", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  assert.equal(fs.double(21), 42);
  assert.equal(await fs._double(5), 10);
  assert.throws(() => syncWrapper("double"), TypeError);
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
  assert.equal(out.code, 0, stderr);
  assert.deepEqual(JSON.parse(new TextDecoder().decode(out.stdout)), {
    double: 42,
    cat: [1, 2, 3],
    ls: 20,
    wrapped: 10,
  });
});

Deno.test("a blocking call rethrows the Worker's error with its class, message, stack, cause and properties", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  try {
    fs.info("/nope");
    assert.fail("no error");
  } catch (error) {
    assert.ok(error instanceof FileNotFoundError);
    assert.equal(error.name, "FileNotFoundError");
    assert.equal(error.message, 'Cannot find "/nope": no such file');
    assert.equal(error.path, "/nope");
    assert.ok(error.cause instanceof RangeError);
    assert.match(error.stack ?? "", /slow_fs\.ts/, "the stack is the Worker's");
  }
  const fail = syncWrapper<[string], never>("_fail");
  assert.throws(
    () => fail.call(fs, "type"),
    (e) =>
      e instanceof TypeError && e.message === "Cannot take that: a type error",
  );
});

Deno.test("a user backend's own error class keeps its name, message and properties", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  const fail = syncWrapper<[string], never>("_fail");
  assert.throws(
    () => fail.call(fs, "own"),
    (e) =>
      e instanceof Error && e.name === "SlowError" &&
      e.message === "Cannot go on: slow" &&
      (e as Error & { code: number }).code === 42,
  );
  assert.throws(
    () => fail.call(fs, "abort"),
    (e) => e instanceof DOMException && e.name === "AbortError",
  );
});

Deno.test("a blocking call with an aborted signal throws before it reaches the Worker", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  assert.throws(
    () => fs.info("/f0", { signal: AbortSignal.abort() }),
    (e) => e instanceof DOMException && e.name === "AbortError",
  );
  assert.equal(loop.running, false);
  const live = new AbortController();
  assert.equal(fs.info("/f0", { signal: live.signal }).size, 3);
});

Deno.test("a function option is a TypeError in blocking mode and fine with asynchronous: true", async () => {
  await assert.rejects(
    filesystem("http", { skipInstanceCache: true, fetch: () => 1 }),
    (e) =>
      e instanceof TypeError && /option "fetch"/.test(e.message) &&
      /asynchronous: true/.test(e.message),
  );
  await using fs = await filesystem("http", {
    skipInstanceCache: true,
    asynchronous: true,
    fetch: () => 1,
  });
  assert.equal(fs.asynchronous, true);
});

Deno.test("a class the IO Worker cannot import is a TypeError at a blocking call that says to register it", async () => {
  await using loop = new IOLoop();
  const fs = new UnregisteredFileSystem({ loop });
  assert.throws(
    () => fs.ls("/"),
    (e) => e instanceof TypeError && /registerImplementation/.test(e.message),
  );
  assert.deepEqual(await fs._ls("/"), [], "its _ methods run here");
  assert.equal(loop.running, false);
});

Deno.test("a blocking method of an asynchronous instance throws an error naming the _ method", async () => {
  await using loop = new IOLoop();
  const fs = await filesystem("slowfs", {
    asynchronous: true,
    loop,
    skipInstanceCache: true,
  });
  assert.throws(() => fs.cat("/f0"), /await _cat\(\) instead/);
  assert.throws(() => fs.open("/f0"), /open\(\)/);
  assert.throws(() => [...fs.walk("/")], /await _walk\(\) instead/);
  assert.equal(fs.loop, undefined);
  assert.equal(loop.running, false, "no Worker was started");
});

Deno.test("a blocking-mode instance's _ methods run on the Worker, with signals and callbacks proxied", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  const controller = new AbortController();
  const pending = fs._sleep(60_000, "never", { signal: controller.signal });
  assert.equal(await fs._double(2), 4);
  controller.abort();
  await assert.rejects(
    pending,
    (e) => e instanceof DOMException && e.name === "AbortError",
  );
  assert.equal(fs.double(1), 2);
  assert.equal(
    await fs._abortedCount(),
    1,
    "the abort reached the Worker's instance",
  );
  const seen: number[] = [];
  const callback = new Callback({ hooks: { h: (_s, v) => seen.push(v) } });
  assert.equal(await fs._progress(2, 1, callback), 2);
  assert.deepEqual(seen, [0, 1, 2]);
  const steps = [];
  for await (const step of fs._walk("/")) steps.push(step[0]);
  assert.deepEqual(steps, ["/"]);
});
