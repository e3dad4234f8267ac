import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import {
  AsyncFileSystem,
  conf,
  filesystem,
  type FileSystemOptions,
  HTTPFileSystem,
  IOLoop,
  LocalFileSystem,
  MemoryFileSystem,
} from "../mod.ts";
import { _knownOptions, _optionNames } from "../src/option_names.ts";

Deno.test("MemoryFileSystem rejects an unknown option with a TypeError naming it and the known ones", () => {
  assertThrows(
    () => new MemoryFileSystem({ asynchronous: true, block_size: 5 }),
    TypeError,
    'Cannot use option "block_size": MemoryFileSystem does not know it; known are asynchronous, batchSize, loop, skipInstanceCache, store',
  );
  assertThrows(
    () => new MemoryFileSystem({ asynchronous: true, stor: "x" }),
    TypeError,
    'option "stor"',
  );
});

Deno.test("HTTPFileSystem points fsspec's snake_case options to the camelCase ones", () => {
  const cases: [string, string][] = [
    ["block_size", "blockSize"],
    ["simple_links", "simpleLinks"],
    ["same_scheme", "sameScheme"],
    ["cache_type", "cacheType"],
    ["cache_options", "cacheOptions"],
    ["blocksize", "blockSize"],
    ["skip_instance_cache", "skipInstanceCache"],
    ["batch_size", "batchSize"],
  ];
  for (const [snake, camel] of cases) {
    assertThrows(
      () => new HTTPFileSystem({ asynchronous: true, [snake]: 1 }),
      TypeError,
      `Cannot use option "${snake}": HTTPFileSystem does not know it; use "${camel}"`,
    );
  }
});

Deno.test("HTTPFileSystem says what replaces fsspec options with no camelCase twin", () => {
  assertThrows(
    () => new HTTPFileSystem({ asynchronous: true, client_kwargs: {} }),
    TypeError,
    'use "client" for Deno.createHttpClient options and "headers" for request headers',
  );
  assertThrows(
    () => new HTTPFileSystem({ asynchronous: true, use_listings_cache: false }),
    TypeError,
    "this library keeps no listings cache",
  );
  // the HTTP hint is not given where the class has no such option
  assertThrows(
    () => new MemoryFileSystem({ asynchronous: true, client_kwargs: {} }),
    TypeError,
    "known are asynchronous",
  );
});

Deno.test("LocalFileSystem points auto_mkdir to autoMkdir", () => {
  assertThrows(
    () => new LocalFileSystem({ asynchronous: true, auto_mkdir: true }),
    TypeError,
    'Cannot use option "auto_mkdir": LocalFileSystem does not know it; use "autoMkdir"',
  );
  assertEquals(
    new LocalFileSystem({ asynchronous: true, autoMkdir: true }).autoMkdir,
    true,
  );
});

Deno.test("filesystem() passes the registry and instance options, and checks the rest", async () => {
  await using loop = new IOLoop();
  const fs = await filesystem("memory", {
    skipInstanceCache: true,
    loop,
    batchSize: 4,
    store: `options-${crypto.randomUUID()}`,
  });
  assertEquals(fs.batchSize, 4);
  const http = await filesystem("http", {
    asynchronous: true,
    skipInstanceCache: true,
    blockSize: 1024,
    headers: { "x-a": "1" },
    retries: 0,
    timeout: 1,
    limitPerHost: 2,
    uploadMethod: "PUT",
    encoded: true,
    simpleLinks: false,
    sameScheme: false,
    cacheType: "none",
    cacheOptions: {},
    client: {},
    fetch: globalThis.fetch,
    loop,
  });
  await http.close();
  await assertRejects(
    () => filesystem("http", { asynchronous: true, block_size: 1 }),
    TypeError,
    'use "blockSize"',
  );
  // an unknown option fails before the IO Worker sees anything: the loop stays idle
  await assertRejects(
    () => filesystem("memory", { loop, skipInstanceCache: true, typo: 1 }),
    TypeError,
    'option "typo"',
  );
  assertEquals(loop.running, false);
});

Deno.test("filesystem() checks per-protocol defaults from conf too", async () => {
  conf.memory = { bogus: true };
  try {
    await assertRejects(
      () => filesystem("memory", { asynchronous: true }),
      TypeError,
      'option "bogus"',
    );
  } finally {
    delete conf.memory;
  }
});

Deno.test("AsyncFileSystem.optionNames merge up the class chain", () => {
  class FlavouredFS extends MemoryFileSystem {
    static override optionNames: readonly string[] = ["flavour"];
  }
  class Plain extends FlavouredFS {}
  for (const cls of [FlavouredFS, Plain]) {
    new cls({ asynchronous: true, store: "chain", flavour: "mint" });
    assertEquals(
      [..._knownOptions(cls)].sort(),
      [
        "asynchronous",
        "batchSize",
        "flavour",
        "loop",
        "skipInstanceCache",
        "store",
      ],
    );
    assertThrows(
      () => new cls({ asynchronous: true, colour: "red" }),
      TypeError,
      `Cannot use option "colour": ${cls.name} does not know it`,
    );
  }
  assertEquals(
    [..._knownOptions(AsyncFileSystem)].sort(),
    ["asynchronous", "batchSize", "loop", "skipInstanceCache"],
  );
});

Deno.test("_optionNames() lists every option a type adds, checked at compile time", () => {
  interface Mine extends FileSystemOptions {
    colour?: string;
    depth?: number;
  }
  assertEquals(
    _optionNames<Mine, FileSystemOptions>({ colour: true, depth: true }),
    ["colour", "depth"],
  );
  // @ts-expect-error: "depth" is left out
  _optionNames<Mine, FileSystemOptions>({ colour: true });
  _optionNames<Mine, FileSystemOptions>({
    colour: true,
    depth: true,
    // @ts-expect-error: "size" is no option of Mine
    size: true,
  });
});
