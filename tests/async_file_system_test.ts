import assert from "node:assert/strict";
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
  assert.notDeepEqual(paths, [...paths].sort(), "the input is not sorted");
  const out = await fs._cat(paths, { batchSize: 128 });
  assert.equal(out.size, 10_000);
  assert.deepEqual([...out.keys()], paths);
  for (const p of paths) {
    assert.equal(dec(out.get(p)), p.slice("/many/f".length));
  }
});

Deno.test("AsyncFileSystem._cat() with a missing path among many raises, omits or returns it", async () => {
  const fs = memory();
  const paths = (await tenThousand(fs)).slice(0, 2000);
  const missing = "/many/missing";
  const withMissing = [...paths.slice(0, 1000), missing, ...paths.slice(1000)];
  await assert.rejects(
    fs._cat(withMissing, { batchSize: 128 }),
    FileNotFoundError,
  );
  await assert.rejects(
    fs._cat(withMissing, { batchSize: 128, onError: "raise" }),
    (e: unknown) => e instanceof FileNotFoundError && e.path === missing,
  );
  const omitted = await fs._cat(withMissing, {
    batchSize: 128,
    onError: "omit",
  });
  assert.deepEqual([...omitted.keys()], paths);
  const returned = await fs._cat(withMissing, {
    batchSize: 128,
    onError: "return",
  });
  assert.deepEqual([...returned.keys()], withMissing);
  assert.ok(returned.get(missing) instanceof FileNotFoundError);
  assert.equal(
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
    assert.equal(fs.calls, n, `${label}: every item ran`);
    assert.equal(
      fs.maxInFlight,
      batchSize,
      `${label}: at most batchSize at once`,
    );
    assert.equal(fs.inFlight, 0);
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
  assert.equal(await fs._exists("/b"), false);
});

Deno.test("AsyncFileSystem batch methods use the instance's batchSize when the call gives none", async () => {
  const fs = counting(3);
  const paths = Array.from({ length: 50 }, (_, i) => `/i/f${i}`);
  await fs._pipe(Object.fromEntries(paths.map((p) => [p, enc(p)])));
  assert.equal(fs.maxInFlight, 3);
  fs.reset();
  await fs._cat(paths);
  assert.equal(fs.maxInFlight, 3);
  fs.reset();
  await fs._cat(paths, { batchSize: 8 });
  assert.equal(fs.maxInFlight, 8, "the call's batchSize wins");
  fs.reset();
  await fs._cat(paths, { batchSize: -1 });
  assert.equal(fs.maxInFlight, 50, "-1 runs all at once");
  await assert.rejects(() => fs._cat(paths, { batchSize: 0 }), RangeError);
});

Deno.test("AsyncFileSystem.asyncImpl is true on the class and on every instance", async () => {
  assert.equal(AsyncFileSystem.asyncImpl, true);
  assert.equal(MemoryFileSystem.asyncImpl, true);
  assert.equal(memory().asyncImpl, true);
  assert.equal(
    (await filesystem("memory", { asynchronous: true })).asyncImpl,
    true,
  );
});

Deno.test("filesystem() caches instances per options; skipInstanceCache makes a new one", async () => {
  const store = `cache-${crypto.randomUUID()}`;
  const a = await filesystem("memory", { asynchronous: true, store });
  const b = await filesystem("memory", { store, asynchronous: true });
  assert.equal(a, b, "same options in another order: the same instance");
  assert.ok(a instanceof MemoryFileSystem);
  const c = await filesystem("memory", {
    asynchronous: true,
    store,
    batchSize: 4,
  });
  assert.notEqual(a, c);
  assert.equal(c.batchSize, 4);
  const d = await filesystem("memory", {
    asynchronous: true,
    store,
    skipInstanceCache: true,
  });
  assert.notEqual(a, d);
  assert.equal(d.storageOptions.skipInstanceCache, undefined);
  assert.equal(await filesystem("memory", { asynchronous: true, store }), a);
  await assert.rejects(filesystem("no-such-protocol"), TypeError);
});

Deno.test("registerImplementation() refuses to replace a registration without clobber", async () => {
  class OneFS extends MemoryFileSystem {}
  class TwoFS extends MemoryFileSystem {}
  const name = `test${crypto.randomUUID().slice(0, 8)}`;
  registerImplementation(name, OneFS);
  registerImplementation(name, OneFS); // the same class again is fine
  assert.throws(() => registerImplementation(name, TwoFS), TypeError);
  assert.equal(registry.get(name), OneFS);
  assert.ok((await filesystem(name, { asynchronous: true })) instanceof OneFS);
  registerImplementation(name, TwoFS, { clobber: true });
  assert.equal(registry.get(name), TwoFS);
  assert.equal(await getFileSystemClass(name), TwoFS);
  assert.throws(
    () =>
      registerImplementation("memory", {
        module: "https://example.com/x.ts",
        export: "X",
      }),
    TypeError,
  );
  assert.throws(() => registerImplementation("bad name!", OneFS), TypeError);
});

Deno.test("registry is a read-only view of the registered implementations", () => {
  assert.ok(registry.has("memory"));
  assert.ok(registry.has("file"));
  assert.ok(registry.has("local"));
  const view = registry as unknown as Record<string, unknown>;
  assert.equal(view.set, undefined);
  assert.equal(view.delete, undefined);
  assert.equal(view.clear, undefined);
  const name = `spec${crypto.randomUUID().slice(0, 8)}`;
  registerImplementation(name, {
    module: "https://example.com/x.ts",
    export: "X",
  });
  const spec = registry.get(name);
  assert.deepEqual(spec, { module: "https://example.com/x.ts", export: "X" });
  (spec as { export: string }).export = "Changed";
  assert.deepEqual(registry.get(name), {
    module: "https://example.com/x.ts",
    export: "X",
  });
  assert.ok([...registry.keys()].includes("memory"));
  assert.equal([...registry.entries()].length, registry.size);
});

Deno.test("urlToFs() gives the filesystem of a URL and the path within it", async () => {
  const [fs, path] = await urlToFs("memory://data/a.csv", {
    asynchronous: true,
  });
  assert.ok(fs instanceof MemoryFileSystem);
  assert.equal(path, "/data/a.csv");
  const [local, lpath] = await urlToFs("file:///tmp/x/", {
    asynchronous: true,
  });
  assert.ok(local instanceof LocalFileSystem);
  assert.equal(lpath, "/tmp/x");
  const [plain, ppath] = await urlToFs("/tmp/y", { asynchronous: true });
  assert.ok(plain instanceof LocalFileSystem);
  assert.equal(ppath, "/tmp/y");
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
  assert.deepEqual(steps, [["/missing", [], []]]);
  await assert.rejects(fs._find("/"), HTTPError);
});
