import { assertEquals, assertRejects, assertStrictEquals } from "@std/assert";
import {
  FileNotFoundError,
  filesystem,
  FSMap,
  IOLoop,
  LocalFileSystem,
  MemoryFileSystem,
  PermissionError,
} from "../mod.ts";
import type { CatFileOptions, IOOptions } from "../mod.ts";
import type { ConformanceContext, Register } from "./abstract/common.ts";
import { mapperTests } from "./abstract/mapper.ts";

function register(
  name: string,
  setup: () => Promise<ConformanceContext>,
): Register {
  return (title, fn) => {
    Deno.test(`${name} ${title}`, async () => {
      await using ctx = await setup();
      await fn(ctx);
    });
  };
}

mapperTests(register("MemoryFileSystem", () => {
  const fs = new MemoryFileSystem({
    asynchronous: true,
    store: `mapper-${crypto.randomUUID()}`,
  });
  return Promise.resolve({
    fs,
    root: "/root",
    dirSize: () => Promise.resolve(0),
    async [Symbol.asyncDispose]() {},
  });
}));

// the blocking mode: the mapper awaits the `_` methods, which run on the IO Worker
mapperTests(register("MemoryFileSystem (blocking mode)", async () => {
  const loop = new IOLoop();
  const fs = await filesystem("memory", {
    loop,
    skipInstanceCache: true,
    store: `mapper-${crypto.randomUUID()}`,
  });
  return {
    fs,
    root: "/root",
    dirSize: () => Promise.resolve(0),
    async [Symbol.asyncDispose]() {
      await loop.close();
    },
  };
}));

// no autoMkdir: the mapper makes the parents of what it writes
mapperTests(register("LocalFileSystem", async () => {
  const root = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "fsspec-mapper-" }),
  );
  return {
    fs: new LocalFileSystem({ asynchronous: true }),
    root,
    dirSize: async (path: string) => (await Deno.stat(path)).size,
    async [Symbol.asyncDispose]() {
      await Deno.remove(root, { recursive: true });
    },
  };
}));

/** Paths containing "locked" fail with PermissionError; "gone" is missing. */
class LockedFileSystem extends MemoryFileSystem {
  #check(path: string): void {
    if (path.includes("locked")) {
      throw new PermissionError(`Cannot read "${path}": locked`, { path });
    }
  }
  override _catFile(
    path: string,
    options?: CatFileOptions,
  ): Promise<Uint8Array> {
    this.#check(path);
    return super._catFile(path, options);
  }
  override _rmFile(path: string, options?: IOOptions): Promise<void> {
    this.#check(path);
    return super._rmFile(path, options);
  }
}

function locked(): LockedFileSystem {
  return new LockedFileSystem({
    asynchronous: true,
    store: `locked-${crypto.randomUUID()}`,
  });
}

Deno.test("FSMap.get() and getRange() throw errors other than not-found", async () => {
  const map = locked().getMapper("/r");
  await map.set("locked", new Uint8Array([1]));
  await assertRejects(() => map.get("locked"), PermissionError, "locked");
  await assertRejects(
    () => map.getRange("locked", { offset: 0, length: 1 }),
    PermissionError,
  );
  await assertRejects(() => map.delete("locked"), PermissionError);
});

Deno.test("FSMap.getMany() rejects on a failure other than not-found, unless told", async () => {
  const map = locked().getMapper("/r");
  await map.setMany({
    "locked": new Uint8Array([1]),
    "ok": new Uint8Array([2]),
  });
  await assertRejects(
    () => map.getMany(["gone", "ok", "locked"]),
    PermissionError,
  );
  const omitted = await map.getMany(["gone", "ok", "locked"], {
    onError: "omit",
  });
  assertEquals([...omitted], [["ok", new Uint8Array([2])]]);
  const returned = await map.getMany(["gone", "locked"], { onError: "return" });
  assertEquals(returned.get("gone") instanceof FileNotFoundError, true);
  assertEquals(returned.get("locked") instanceof PermissionError, true);
});

Deno.test("AsyncFileSystem.getMapper() takes a root with the protocol, and does no I/O", async () => {
  const fs = new MemoryFileSystem({
    asynchronous: true,
    store: `mapper-${crypto.randomUUID()}`,
  });
  const map = fs.getMapper("memory://data/", { create: true });
  assertEquals(map instanceof FSMap, true);
  assertEquals(map.root, "/data");
  assertEquals(map.path("/c/0"), "/data/c/0");
  assertEquals(await fs._exists("/data"), false, "nothing made yet");
  assertStrictEquals(await map.get("k"), undefined);
  assertEquals(await fs._isDir("/data"), true);
  assertEquals(fs.getMapper("/").path("/a"), "/a");
});
