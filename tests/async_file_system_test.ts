import {
  assert,
  assertEquals,
  assertNotEquals,
  assertNotStrictEquals,
  assertRejects,
  assertStrictEquals,
  assertThrows,
} from "@std/assert";
import { AsyncFileSystem } from "../src/async_file_system.ts";
import { FileNotFoundError, HTTPError } from "../src/errors.ts";
import { LocalFileSystem } from "../src/local/local_file_system.ts";
import { MemoryFileSystem } from "../src/memory/memory_file_system.ts";
import { filesystem } from "../src/instance_cache.ts";
import {
  getFileSystemClass,
  registerImplementation,
  registry,
} from "../src/registry.ts";
import { urlToFs } from "../src/url_to_fs.ts";
import type {
  CatFileOptions,
  IOOptions,
  LsOptions,
  LsResult,
} from "../src/types.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array | Error | undefined) =>
  b instanceof Uint8Array ? new TextDecoder().decode(b) : String(b);

/** A deterministic shuffle (xorshift), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed = 42): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = (x >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function memory(): MemoryFileSystem {
  return new MemoryFileSystem({
    asynchronous: true,
    store: `async-fs-${crypto.randomUUID()}`,
  });
}

async function tenThousand(fs: AsyncFileSystem): Promise<string[]> {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < 10_000; i++) files[`/many/f${i}`] = enc(String(i));
  await fs._pipe(files, { batchSize: 512 });
  return shuffled(Object.keys(files));
}

Deno.test("AsyncFileSystem._cat() returns all 10,000 files in input order with batchSize 128", async () => {
  const fs = memory();
  const paths = await tenThousand(fs);
  assertNotEquals(paths, [...paths].sort(), "the input is not sorted");
  const out = await fs._cat(paths, { batchSize: 128 });
  assertStrictEquals(out.size, 10_000);
  assertEquals([...out.keys()], paths);
  for (const p of paths) {
    assertStrictEquals(dec(out.get(p)), p.slice("/many/f".length));
  }
});

Deno.test("AsyncFileSystem._cat() with a missing path among many raises, omits or returns it", async () => {
  const fs = memory();
  const paths = (await tenThousand(fs)).slice(0, 2000);
  const missing = "/many/missing";
  const withMissing = [...paths.slice(0, 1000), missing, ...paths.slice(1000)];
  await assertRejects(
    () => fs._cat(withMissing, { batchSize: 128 }),
    FileNotFoundError,
  );
  const raised = await assertRejects(
    () => fs._cat(withMissing, { batchSize: 128, onError: "raise" }),
    FileNotFoundError,
  );
  assertStrictEquals(raised.path, missing);
  const omitted = await fs._cat(withMissing, {
    batchSize: 128,
    onError: "omit",
  });
  assertEquals([...omitted.keys()], paths);
  const returned = await fs._cat(withMissing, {
    batchSize: 128,
    onError: "return",
  });
  assertEquals([...returned.keys()], withMissing);
  assert(returned.get(missing) instanceof FileNotFoundError);
  assertStrictEquals(
    dec(returned.get(paths[1500])),
    paths[1500].slice("/many/f".length),
  );
});

/** A memory filesystem that counts how many of its per-file calls run at once. */
class CountingFileSystem extends MemoryFileSystem {
  inFlight = 0;
  maxInFlight = 0;
  calls = 0;

  async #counted<T>(work: () => Promise<T>): Promise<T> {
    this.calls++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      // yield a few turns so that others could start meanwhile
      for (let i = 0; i < 3; i++) await Promise.resolve();
      return await work();
    } finally {
      this.inFlight--;
    }
  }

  reset(): void {
    this.inFlight = 0;
    this.maxInFlight = 0;
    this.calls = 0;
  }

  override _catFile(
    path: string,
    options?: CatFileOptions,
  ): Promise<Uint8Array> {
    return this.#counted(() => super._catFile(path, options));
  }
  override _pipeFile(
    path: string,
    data: Uint8Array,
    options?: IOOptions,
  ): Promise<void> {
    return this.#counted(() => super._pipeFile(path, data, options));
  }
  override _rmFile(path: string, options?: IOOptions): Promise<void> {
    return this.#counted(() => super._rmFile(path, options));
  }
  override _cpFile(a: string, b: string, options?: IOOptions): Promise<void> {
    return this.#counted(() => super._cpFile(a, b, options));
  }
}

function counting(batchSize?: number): CountingFileSystem {
  return new CountingFileSystem({
    asynchronous: true,
    store: `counting-${crypto.randomUUID()}`,
    batchSize,
  });
}

Deno.test("AsyncFileSystem batch methods never have more than batchSize calls in flight", async () => {
  const fs = counting();
  const n = 500;
  const paths = Array.from({ length: n }, (_, i) => `/b/f${i}`);
  const check = async (
    label: string,
    batchSize: number,
    run: () => Promise<unknown>,
  ) => {
    fs.reset();
    await run();
    assertStrictEquals(fs.calls, n, `${label}: every item ran`);
    assertStrictEquals(
      fs.maxInFlight,
      batchSize,
      `${label}: at most batchSize at once`,
    );
    assertStrictEquals(fs.inFlight, 0);
  };
  await check(
    "_pipe",
    7,
    () =>
      fs._pipe(Object.fromEntries(paths.map((p) => [p, enc(p)])), {
        batchSize: 7,
      }),
  );
  await check("_cat", 16, () => fs._cat(paths, { batchSize: 16 }));
  await check(
    "_catRanges",
    5,
    () => fs._catRanges(paths, 0, 2, { batchSize: 5 }),
  );
  await check(
    "_copy",
    9,
    () =>
      fs._copy(paths, paths.map((p) => p.replace("/b/", "/c/")), {
        batchSize: 9,
      }),
  );
  await check("_rm", 11, () => fs._rm(paths, { batchSize: 11 }));
  assertStrictEquals(await fs._exists("/b"), false);
});

Deno.test("AsyncFileSystem batch methods use the instance's batchSize when the call gives none", async () => {
  const fs = counting(3);
  const paths = Array.from({ length: 50 }, (_, i) => `/i/f${i}`);
  await fs._pipe(Object.fromEntries(paths.map((p) => [p, enc(p)])));
  assertStrictEquals(fs.maxInFlight, 3);
  fs.reset();
  await fs._cat(paths);
  assertStrictEquals(fs.maxInFlight, 3);
  fs.reset();
  await fs._cat(paths, { batchSize: 8 });
  assertStrictEquals(fs.maxInFlight, 8, "the call's batchSize wins");
  fs.reset();
  await fs._cat(paths, { batchSize: -1 });
  assertStrictEquals(fs.maxInFlight, 50, "-1 runs all at once");
  await assertRejects(() => fs._cat(paths, { batchSize: 0 }), RangeError);
});

Deno.test("AsyncFileSystem.asyncImpl is true on the class and on every instance", async () => {
  assertStrictEquals(AsyncFileSystem.asyncImpl, true);
  assertStrictEquals(MemoryFileSystem.asyncImpl, true);
  assertStrictEquals(memory().asyncImpl, true);
  assertStrictEquals(
    (await filesystem("memory", { asynchronous: true })).asyncImpl,
    true,
  );
});

Deno.test("filesystem() caches instances per options; skipInstanceCache makes a new one", async () => {
  const store = `cache-${crypto.randomUUID()}`;
  const a = await filesystem("memory", { asynchronous: true, store });
  const b = await filesystem("memory", { store, asynchronous: true });
  assertStrictEquals(a, b, "same options in another order: the same instance");
  assert(a instanceof MemoryFileSystem);
  const c = await filesystem("memory", {
    asynchronous: true,
    store,
    batchSize: 4,
  });
  assertNotStrictEquals(a, c);
  assertStrictEquals(c.batchSize, 4);
  const d = await filesystem("memory", {
    asynchronous: true,
    store,
    skipInstanceCache: true,
  });
  assertNotStrictEquals(a, d);
  assertStrictEquals(d.storageOptions.skipInstanceCache, undefined);
  assertStrictEquals(
    await filesystem("memory", { asynchronous: true, store }),
    a,
  );
  await assertRejects(() => filesystem("no-such-protocol"), TypeError);
});

Deno.test("registerImplementation() refuses to replace a registration without clobber", async () => {
  class OneFS extends MemoryFileSystem {}
  class TwoFS extends MemoryFileSystem {}
  const name = `test${crypto.randomUUID().slice(0, 8)}`;
  registerImplementation(name, OneFS);
  registerImplementation(name, OneFS); // the same class again is fine
  assertThrows(() => registerImplementation(name, TwoFS), TypeError);
  assertStrictEquals(registry.get(name), OneFS);
  assert((await filesystem(name, { asynchronous: true })) instanceof OneFS);
  registerImplementation(name, TwoFS, { clobber: true });
  assertStrictEquals(registry.get(name), TwoFS);
  assertStrictEquals(await getFileSystemClass(name), TwoFS);
  assertThrows(
    () =>
      registerImplementation("memory", {
        module: "https://example.com/x.ts",
        export: "X",
      }),
    TypeError,
  );
  assertThrows(() => registerImplementation("bad name!", OneFS), TypeError);
});

Deno.test("registry is a read-only view of the registered implementations", () => {
  assert(registry.has("memory"));
  assert(registry.has("file"));
  assert(registry.has("local"));
  const view = registry as unknown as Record<string, unknown>;
  assertStrictEquals(view.set, undefined);
  assertStrictEquals(view.delete, undefined);
  assertStrictEquals(view.clear, undefined);
  const name = `spec${crypto.randomUUID().slice(0, 8)}`;
  registerImplementation(name, {
    module: "https://example.com/x.ts",
    export: "X",
  });
  const spec = registry.get(name);
  assertEquals(spec, { module: "https://example.com/x.ts", export: "X" });
  (spec as { export: string }).export = "Changed";
  assertEquals(registry.get(name), {
    module: "https://example.com/x.ts",
    export: "X",
  });
  assert([...registry.keys()].includes("memory"));
  assertStrictEquals([...registry.entries()].length, registry.size);
});

Deno.test("urlToFs() gives the filesystem of a URL and the path within it", async () => {
  const [fs, path] = await urlToFs("memory://data/a.csv", {
    asynchronous: true,
  });
  assert(fs instanceof MemoryFileSystem);
  assertStrictEquals(path, "/data/a.csv");
  const [local, lpath] = await urlToFs("file:///tmp/x/", {
    asynchronous: true,
  });
  assert(local instanceof LocalFileSystem);
  assertStrictEquals(lpath, "/tmp/x");
  const [plain, ppath] = await urlToFs("/tmp/y", { asynchronous: true });
  assert(plain instanceof LocalFileSystem);
  assertStrictEquals(ppath, "/tmp/y");
});

Deno.test("AsyncFileSystem._walk() omits a missing directory but keeps a server's failure", async () => {
  class FailingFS extends MemoryFileSystem {
    override _ls<D extends boolean = true>(
      path: string,
      options?: LsOptions<D>,
    ): Promise<LsResult<D>> {
      if (path === "/broken") {
        return Promise.reject(
          new HTTPError(`Cannot list "${path}": server answered 500`, {
            status: 500,
            url: path,
          }),
        );
      }
      return super._ls(path, options);
    }
  }
  const fs = new FailingFS({ asynchronous: true, store: crypto.randomUUID() });
  await fs._pipe({
    "/ok/a": new Uint8Array(1),
    "/broken/b": new Uint8Array(1),
  });
  const steps: unknown[] = [];
  for await (const step of fs._walk("/missing")) steps.push(step);
  assertEquals(steps, [["/missing", [], []]]);
  await assertRejects(() => fs._find("/"), HTTPError);
});
