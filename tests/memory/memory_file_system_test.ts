import {
  assert,
  assertEquals,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";
import { FileExistsError, FileNotFoundError } from "../../src/errors.ts";
import { MemoryFileSystem } from "../../src/memory/memory_file_system.ts";
import { filesystem } from "../../src/instance_cache.ts";
import { conformanceSuite } from "../abstract/conformance.ts";

conformanceSuite("MemoryFileSystem", () => {
  const fs = new MemoryFileSystem({
    asynchronous: true,
    store: `conformance-${crypto.randomUUID()}`,
  });
  const root = `/conformance-${crypto.randomUUID()}`;
  return Promise.resolve({
    fs,
    root,
    dirSize: () => Promise.resolve(0),
    async [Symbol.asyncDispose]() {
      await fs._rm(root, { recursive: true }).catch((error) => {
        if (!(error instanceof FileNotFoundError)) throw error;
      });
    },
  });
});

const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("MemoryFileSystem.stripProtocol() gives absolute paths rooted at /", () => {
  assertStrictEquals(MemoryFileSystem.stripProtocol("memory://a/b"), "/a/b");
  assertStrictEquals(MemoryFileSystem.stripProtocol("a/b/"), "/a/b");
  assertStrictEquals(MemoryFileSystem.stripProtocol("//a/b"), "/a/b");
  assertStrictEquals(MemoryFileSystem.stripProtocol("memory://"), "/");
  assertStrictEquals(MemoryFileSystem.stripProtocol("/"), "/");
  assertStrictEquals(MemoryFileSystem.stripProtocol(""), "/");
  assertStrictEquals(
    new MemoryFileSystem({ asynchronous: true }).stripProtocol("memory:///x"),
    "/x",
  );
});

Deno.test("MemoryFileSystem instances with the same store name share files", async () => {
  const store = `shared-${crypto.randomUUID()}`;
  const a = new MemoryFileSystem({ asynchronous: true, store });
  const b = new MemoryFileSystem({ asynchronous: true, store });
  await a._pipeFile("/x", enc("X"));
  assertEquals(await b._catFile("memory://x"), enc("X"));
  await b._rm("/x");
  assertStrictEquals(await a._exists("/x"), false);
});

Deno.test("MemoryFileSystem instances with different store names are isolated", async () => {
  const a = new MemoryFileSystem({
    asynchronous: true,
    store: `iso-${crypto.randomUUID()}`,
  });
  const b = new MemoryFileSystem({
    asynchronous: true,
    store: `iso-${crypto.randomUUID()}`,
  });
  await a._pipeFile("/x", enc("X"));
  assertStrictEquals(await b._exists("/x"), false);
  assertEquals(await b._ls("/"), []);
  assertEquals(await a._ls("/", { detail: false }), ["/x"]);
});

Deno.test("MemoryFileSystem uses the store named default without a store option", async () => {
  const name = `/default-${crypto.randomUUID()}`;
  const a = new MemoryFileSystem({ asynchronous: true });
  const b = await filesystem("memory", {
    asynchronous: true,
    skipInstanceCache: true,
  });
  await a._pipeFile(name, enc("D"));
  assertEquals(await b._catFile(name), enc("D"));
  const c = new MemoryFileSystem({ asynchronous: true, store: "default" });
  assertStrictEquals(await c._exists(name), true);
  await a._rm(name);
});

Deno.test("MemoryFileSystem._info() of a file has created and mtime Dates", async () => {
  const fs = new MemoryFileSystem({
    asynchronous: true,
    store: crypto.randomUUID(),
  });
  const before = Date.now();
  await fs._pipeFile("/f", enc("abc"));
  const info = await fs._info("/f");
  assert(info.created instanceof Date);
  assert(info.mtime instanceof Date);
  assert((info.created as Date).getTime() >= before);
  assertEquals(await fs._info("/"), {
    name: "/",
    size: 0,
    type: "directory",
  });
});

Deno.test("MemoryFileSystem._pipeFile() refuses a path below a file or on a directory", async () => {
  const fs = new MemoryFileSystem({
    asynchronous: true,
    store: crypto.randomUUID(),
  });
  await fs._pipeFile("/a/f", enc("x"));
  await assertRejects(() => fs._pipeFile("/a/f/g", enc("y")), FileExistsError);
  await assertRejects(() => fs._pipeFile("/a", enc("y")), FileExistsError);
  await assertRejects(() => fs._mkdir("/a/f/d"), FileExistsError);
  assertEquals(await fs._find("/", { withDirs: true }), [
    "/",
    "/a",
    "/a/f",
  ]);
});

Deno.test("MemoryFileSystem implied directories exist while they hold files", async () => {
  const fs = new MemoryFileSystem({
    asynchronous: true,
    store: crypto.randomUUID(),
  });
  await fs._pipeFile("/d/e/f", enc("x"));
  assertStrictEquals(await fs._isDir("/d/e"), true);
  assertEquals(await fs._ls("/d", { detail: false }), ["/d/e"]);
  await fs._rm("/d", { recursive: true });
  assertStrictEquals(await fs._exists("/d"), false);
  assertEquals(await fs._ls("/"), []);
  await fs._mkdir("/m/n");
  await fs._pipeFile("/m/n/f", enc("x"));
  await fs._rmFile("/m/n/f");
  assertStrictEquals(
    await fs._isDir("/m/n"),
    true,
    "a made directory outlives its files",
  );
  await fs._rmdir("/");
  assertStrictEquals(await fs._isDir("/"), true, "the root is never deleted");
});

Deno.test("MemoryFileSystem._cpFile() copies the bytes, not a reference", async () => {
  const fs = new MemoryFileSystem({
    asynchronous: true,
    store: crypto.randomUUID(),
  });
  await fs._pipeFile("/a", enc("abc"));
  await fs._cpFile("/a", "/b");
  await fs._pipeFile("/a", enc("zzz"));
  assertEquals(await fs._catFile("/b"), enc("abc"));
  await assertRejects(() => fs._cpFile("/missing", "/c"), FileNotFoundError);
});
