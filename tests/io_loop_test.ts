import {
  assert,
  assertEquals,
  assertNotInstanceOf,
  assertNotStrictEquals,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
import {
  Callback,
  FileNotFoundError,
  filesystem,
  FSTimeoutError,
  getLoop,
  IOLoop,
  sync,
} from "../mod.ts";
import { _decode, _encode } from "../src/_wire.ts";

import { registerSlowFs, type SlowFileSystem } from "./fixtures/slow_fs.ts";

registerSlowFs();

async function slow(
  loop: IOLoop,
  options: Record<string, unknown> = {},
): Promise<SlowFileSystem> {
  return await filesystem("slowfs", {
    loop,
    skipInstanceCache: true,
    ...options,
  }) as SlowFileSystem;
}

async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const start = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    env,
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(60_000),
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
    ms: performance.now() - start,
  };
}

const fixture = (name: string) =>
  new URL(`./fixtures/${name}`, import.meta.url).pathname;

Deno.test("_encode() and _decode() carry data, bytes, maps, dates and errors", () => {
  const big = new Uint8Array(100_000).fill(9);
  const value = {
    n: [1, -0.5, 2 ** 40, NaN, -0],
    s: ["", "ascii", "ünïcödé ✓", "x".repeat(200)],
    b: [true, false, null, undefined],
    big: 12345678901234567890n,
    map: new Map<unknown, unknown>([["a", 1], [2, new Set([3])]]),
    date: new Date(1_700_000_000_000),
    small: new Uint8Array([1, 2, 3]),
    big8: big,
    f64: new Float64Array([1.5, 2.5]),
  };
  const { bytes, buffers } = _encode(value);
  assertStrictEquals(buffers.length, 1, "a big array travels out of band");
  assertStrictEquals(
    big[0],
    9,
    "the caller's array is copied, not handed over",
  );
  const back = _decode(bytes.slice(), buffers) as typeof value;
  assertEquals(back, value);
  assert(back.f64 instanceof Float64Array);
});

Deno.test("_encode() refuses functions and cycles with a TypeError", () => {
  assertThrows(() => _encode({ f: () => 1 }), TypeError);
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assertThrows(() => _encode(cyclic), TypeError);
});

Deno.test("_decode() rebuilds an error with its class, name, message, stack, cause and own properties", () => {
  const error = new FileNotFoundError('Cannot read "/x": gone', {
    path: "/x",
    cause: new RangeError("inner"),
  });
  const back = _decode(_encode(error).bytes.slice()) as FileNotFoundError;
  assert(back instanceof FileNotFoundError);
  assertStrictEquals(back.name, "FileNotFoundError");
  assertStrictEquals(back.message, error.message);
  assertStrictEquals(back.stack, error.stack);
  assertStrictEquals(back.path, "/x");
  assert(back.cause instanceof RangeError);
  assertStrictEquals((back.cause as Error).message, "inner");
  const dom = _decode(
    _encode(new DOMException("stop", "AbortError")).bytes.slice(),
  );
  assert(dom instanceof DOMException);
  assertStrictEquals((dom as DOMException).name, "AbortError");
  const deno = _decode(_encode(new Deno.errors.NotFound("nf")).bytes.slice());
  assert(deno instanceof Deno.errors.NotFound);
});

Deno.test("getLoop() gives this thread one loop, and a new one once it is closed", async () => {
  const loop = getLoop();
  assertStrictEquals(getLoop(), loop);
  await loop.close();
  assert(loop.closed);
  const next = getLoop();
  assertNotStrictEquals(next, loop);
  await next.close();
});

Deno.test("IOLoop starts its Worker on the first blocking call, not before", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  assertStrictEquals(loop.running, false);
  const asyncFs = await filesystem("memory", {
    asynchronous: true,
    loop,
    skipInstanceCache: true,
  });
  await asyncFs._pipeFile("/a", new Uint8Array([1]));
  assertStrictEquals(
    loop.running,
    false,
    "an asynchronous filesystem starts no Worker",
  );
  assertStrictEquals(fs.double(4), 8);
  assertStrictEquals(loop.running, true);
});

Deno.test("sync() runs a filesystem's async method and a module's exported function", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  assertStrictEquals(sync(loop, fs, "_double", [21]), 42);
  const module = new URL("./fixtures/module_fns.ts", import.meta.url).href;
  assertStrictEquals(sync(loop, module, "add", [2, 3]), 5);
  assertThrows(() => sync(loop, module, "notAFunction"), TypeError);
});

Deno.test("sync() throws FSTimeoutError after the timeout, and the loop takes no late answer", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  // start the Worker first, so that the bound below times the wait alone
  assertStrictEquals(fs.double(1), 2);
  const start = performance.now();
  const timedOut = assertThrows(
    () =>
      sync(loop, fs, "_sleep", [300, "late", { signal: AbortSignal.any([]) }], {
        timeout: 0.05,
      }),
    FSTimeoutError,
  );
  assertStrictEquals(timedOut.timeout, 0.05);
  assert(performance.now() - start < 290, "it gave up at the timeout");
  // the late answer to the first call arrives while this one waits
  assertStrictEquals(sync(loop, fs, "_sleep", [400, "second"]), "second");
  assertStrictEquals(
    sync(loop, fs, "_abortedCount"),
    1,
    "the timeout aborted the Worker's side",
  );
  // timeout 0 means none
  assertStrictEquals(
    sync(loop, fs, "_sleep", [30, "third"], { timeout: 0 }),
    "third",
  );
});

Deno.test("sync() rejects a negative timeout with a RangeError", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  assertThrows(() => sync(loop, fs, "_noop", [], { timeout: -1 }), RangeError);
});

for (const how of ["exit", "close", "throw"]) {
  Deno.test(`IOLoop reports a Worker that ends mid-call (${how}) promptly, and starts a fresh one`, async () => {
    await using loop = new IOLoop();
    const fs = await slow(loop);
    assertStrictEquals(fs.double(1), 2);
    const start = performance.now();
    const crashed = assertThrows(
      () => sync(loop, fs, "_crash", [how], { timeout: 30 }),
      Error,
      "IO Worker exited",
    );
    assertNotInstanceOf(crashed, FSTimeoutError);
    assert(performance.now() - start < 5_000, "not at the timeout");
    assertStrictEquals(fs.double(2), 4, "the next call runs on a fresh Worker");
  });
}

Deno.test("a blocking call made on the IO Worker is an error that names the _ method", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  const error = assertThrows(
    () => sync(loop, fs, "_blockInside"),
    Error,
    "on the IO Worker",
  );
  assertStringIncludes(error.message, "await _cat()");
});

Deno.test("a Callback given to a blocking call is called on the calling thread", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  const seen: [number | null, number][] = [];
  const callback = new Callback({
    hooks: { record: (size, value) => seen.push([size, value]) },
  });
  assertStrictEquals(sync(loop, fs, "_progress", [3, 5, callback]), 3);
  assertEquals(seen, [[3, 0], [3, 1], [3, 2], [3, 3]]);
  assertStrictEquals(callback.value, 3);
});

Deno.test("a blocking call made from a callback of another is an error, not a deadlock", async () => {
  await using loop = new IOLoop();
  const fs = await slow(loop);
  const callback = new Callback({ hooks: { nested: () => fs.double(1) } });
  assertThrows(
    () => sync(loop, fs, "_progress", [1, 1, callback]),
    Error,
    "while another blocking call on this loop waits",
  );
  assertStrictEquals(fs.double(3), 6, "the loop stays usable");
});

Deno.test("IOLoop serves a Worker of the application beside its own messages", async () => {
  const worker = new Worker(
    new URL("./fixtures/app_worker.ts", import.meta.url),
    {
      type: "module",
    },
  );
  try {
    const loop = new IOLoop(worker);
    const fs = await filesystem("memory", {
      loop,
      skipInstanceCache: true,
      store: "byo",
    });
    fs.pipe("/a", new Uint8Array([5, 6]));
    assertEquals(fs.cat("/a"), new Uint8Array([5, 6]));
    assertEquals(await fs._catFile("/a"), new Uint8Array([5, 6]));
    const echo = new Promise((resolve) =>
      worker.onmessage = (e) => resolve(e.data)
    );
    worker.postMessage("ping");
    assertStrictEquals(await echo, "echo:ping");
    await loop.close();
    assertThrows(() => fs.cat("/a"), TypeError, "the IOLoop is closed");
  } finally {
    worker.terminate();
  }
});

Deno.test("a script that made blocking calls exits by itself", async () => {
  const out = await run(["run", "--allow-all", fixture("exit_script.ts")]);
  assertStrictEquals(out.code, 0, out.stderr);
  assertStrictEquals(out.stdout.trim(), "done");
});

Deno.test("a file object never closed is released on the Worker once garbage", async () => {
  const out = await run([
    "run",
    "--allow-all",
    "--v8-flags=--expose-gc",
    fixture("gc_script.ts"),
  ]);
  assertStrictEquals(out.code, 0, out.stderr);
  assertEquals(JSON.parse(out.stdout), { before: 5, after: 0 });
});

Deno.test("blocking calls work when the library is imported from an http URL", async () => {
  const root = new URL("../", import.meta.url).pathname;
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const path = decodeURIComponent(new URL(request.url).pathname);
      try {
        const body = await Deno.readFile(`${root}${path}`);
        return new Response(body, {
          headers: { "content-type": "application/typescript" },
        });
      } catch {
        return new Response("not found", { status: 404 });
      }
    },
  );
  const url = `http://127.0.0.1:${server.addr.port}/mod.ts`;
  const dir = await Deno.makeTempDir();
  try {
    const script = (await Deno.readTextFile(fixture("remote_script.ts")))
      .replace('"../../mod.ts"', JSON.stringify(url));
    await Deno.writeTextFile(`${dir}/main.ts`, script);
    const out = await run(
      // the project's config maps the bare @std/* imports of the served files
      [
        "run",
        "--allow-all",
        "--no-lock",
        `--config=${root}deno.json`,
        `${dir}/main.ts`,
      ],
      { DENO_DIR: `${dir}/deno_dir` },
    );
    assertStrictEquals(out.code, 0, out.stderr);
    assertEquals(JSON.parse(out.stdout), {
      ls: ["/a", "/b"],
      b: [3],
      async: [1, 2],
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
