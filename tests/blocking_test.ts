import {
  assert,
  assertEquals,
  assertStrictEquals,
  assertThrows,
} from "@std/assert";
import {
  type AsyncFileSystem,
  type BlockingFile,
  Callback,
  FileNotFoundError,
  filesystem,
  IOLoop,
  registerImplementation,
} from "../mod.ts";
import { _loop } from "../src/io_loop.ts";

import { registerSlowFs } from "./fixtures/slow_fs.ts";

registerSlowFs();

const bytes = (s: string) => new TextEncoder().encode(s);

async function memory(loop: IOLoop): Promise<AsyncFileSystem> {
  return await filesystem("memory", {
    loop,
    skipInstanceCache: true,
    store: crypto.randomUUID(),
  });
}

Deno.test("AsyncFileSystem blocking twins read, list and query a memory filesystem", async () => {
  await using loop = new IOLoop();
  const fs = await memory(loop);
  fs.pipe({ "/d/a": bytes("AAA"), "/d/b": bytes("B"), "/d/e/c": bytes("CC") });
  fs.pipeFile("/top", bytes("T"));
  assertEquals(fs.ls("/d", { detail: false }), ["/d/a", "/d/b", "/d/e"]);
  assertStrictEquals(fs.ls("/d")[0].name, "/d/a");
  assertStrictEquals(fs.info("/d/a").size, 3);
  assertStrictEquals(fs.exists("/d/a"), true);
  assertStrictEquals(fs.exists("/nope"), false);
  assertStrictEquals(fs.isFile("/d/a"), true);
  assertStrictEquals(fs.isDir("/d/e"), true);
  assertStrictEquals(fs.size("/d/e/c"), 2);
  assertEquals(fs.sizes(["/d/a", "/d/b"]), [3, 1]);
  assertEquals(fs.catFile("/d/a", { start: 1 }), bytes("AA"));
  assertEquals(fs.cat("/top"), bytes("T"));
  const many = fs.cat(["/d/a", "/d/b"]);
  assert(many instanceof Map);
  assertEquals(many.get("/d/b"), bytes("B"));
  assertEquals(fs.catRanges(["/d/a", "/d/e/c"], 0, 1), [
    bytes("A"),
    bytes("C"),
  ]);
  assertEquals(fs.find("/d"), ["/d/a", "/d/b", "/d/e/c"]);
  assert(fs.find("/d", { detail: true }) instanceof Map);
  assertEquals(fs.glob("/d/*"), ["/d/a", "/d/b", "/d/e"]);
  assertStrictEquals(fs.du("/d"), 6);
  assertEquals(fs.expandPath("/d", { recursive: true }).sort(), [
    "/d",
    "/d/a",
    "/d/b",
    "/d/e",
    "/d/e/c",
  ]);
  assertEquals([...fs.walk("/d")], [
    ["/d", ["e"], ["a", "b"]],
    ["/d/e", [], ["c"]],
  ]);
  assertThrows(() => fs.info("/nope"), FileNotFoundError);
});

Deno.test("AsyncFileSystem blocking twins write, copy and delete on a memory filesystem", async () => {
  await using loop = new IOLoop();
  const fs = await memory(loop);
  fs.mkdir("/m/n");
  fs.makeDirs("/x/y", { existOk: true });
  assertStrictEquals(fs.isDir("/m/n"), true);
  fs.pipeFile("/m/f", bytes("F"));
  fs.cpFile("/m/f", "/m/g");
  fs.copy("/m/g", "/x/y/g");
  assertEquals(fs.cat("/x/y/g"), bytes("F"));
  fs.rmFile("/m/g");
  assertStrictEquals(fs.exists("/m/g"), false);
  fs.rmdir("/m/n");
  assertStrictEquals(fs.exists("/m/n"), false);
  fs.rm("/x", { recursive: true });
  assertStrictEquals(fs.exists("/x/y/g"), false);
});

Deno.test("AsyncFileSystem blocking get and put move files and report progress on the calling thread", async () => {
  await using loop = new IOLoop();
  const fs = await memory(loop);
  const dir = await Deno.makeTempDir();
  try {
    fs.pipe({ "/src/a": bytes("1"), "/src/b": bytes("22") });
    const seen: [number | null, number][] = [];
    const callback = new Callback({
      hooks: { h: (size, value) => seen.push([size, value]) },
    });
    fs.get("/src", `${dir}/out`, { recursive: true, callback });
    assertStrictEquals(await Deno.readTextFile(`${dir}/out/b`), "22");
    assertStrictEquals(callback.size, 2);
    assertStrictEquals(callback.value, 2);
    assertEquals(seen.at(-1), [2, 2]);
    fs.getFile("/src/a", `${dir}/one`);
    assertStrictEquals(await Deno.readTextFile(`${dir}/one`), "1");
    fs.putFile(`${dir}/one`, "/up/one");
    fs.put(`${dir}/out`, "/up/tree", { recursive: true });
    assertEquals(fs.find("/up"), ["/up/one", "/up/tree/a", "/up/tree/b"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("AsyncFileSystem in blocking mode keeps one state: pipe() then await _cat() agree", async () => {
  await using loop = new IOLoop();
  const fs = await memory(loop);
  fs.pipe("/a", bytes("blocking"));
  assertEquals(await fs._cat("/a"), bytes("blocking"));
  await fs._pipeFile("/b", bytes("async"));
  assertEquals(fs.cat("/b"), bytes("async"));
});

Deno.test("AsyncFileSystem.cat() of 20 slow files runs them concurrently on the Worker", async () => {
  await using loop = new IOLoop();
  const fs = await filesystem("slowfs", {
    loop,
    skipInstanceCache: true,
    delay: 50,
    count: 20,
  });
  fs.exists("/f0"); // start the Worker outside the measurement
  const paths = Array.from({ length: 20 }, (_, i) => `/f${i}`);
  const start = performance.now();
  const out = fs.cat(paths);
  const ms = performance.now() - start;
  assertStrictEquals(out.size, 20);
  assert(ms < 500, `took ${ms} ms, not well under 20 × 50 ms`);
});

Deno.test("AsyncFileSystem.cat() returns 256 MiB through the Worker", async () => {
  await using loop = new IOLoop();
  const fs = await memory(loop);
  const size = 256 * 2 ** 20;
  const data = new Uint8Array(size);
  data[size - 1] = 7;
  fs.pipeFile("/big", data);
  assertStrictEquals(
    data.length,
    size,
    "the caller's bytes were copied, not taken",
  );
  const back = fs.cat("/big") as Uint8Array;
  assertStrictEquals(back.length, size);
  assertStrictEquals(back[size - 1], 7);
});

Deno.test("AsyncFileSystem.open() gives a file whose read, seek, tell and close block on the Worker; using closes it", async () => {
  await using loop = new IOLoop();
  const fs = await memory(loop);
  fs.pipeFile("/f", bytes("0123456789"));
  const f = fs.open("/f", { blockSize: 4 });
  assertStrictEquals(f.size, 10);
  assertEquals(f.read(3), bytes("012"));
  assertStrictEquals(f.tell(), 3);
  assertStrictEquals(f.seek(-2, 2), 8);
  assertEquals(f.read(), bytes("89"));
  assertEquals(f.read(), new Uint8Array());
  assertThrows(() => f.seek(-1), RangeError);
  assertStrictEquals(_loop.stats(loop).handles, 1);
  f.close();
  assertStrictEquals(f.closed, true);
  assertThrows(() => f.read(), TypeError);
  assertStrictEquals(_loop.stats(loop).handles, 0);
  assertThrows(() => fs.open("/nope"), FileNotFoundError);
  // BlockingFile[Symbol.dispose]: the end of a block closes the file, even
  // one left by an error
  let kept!: BlockingFile;
  {
    using g = fs.open("/f");
    kept = g;
    assertEquals(g.read(2), bytes("01"));
    assertStrictEquals(_loop.stats(loop).handles, 1);
  }
  assertStrictEquals(kept.closed, true);
  assertStrictEquals(_loop.stats(loop).handles, 0);
  assertThrows(() => {
    using g = fs.open("/f");
    kept = g;
    throw new RangeError("left early");
  }, RangeError);
  assertStrictEquals(kept.closed, true);
  assertStrictEquals(_loop.stats(loop).handles, 0);
});

Deno.test("AsyncFileSystem.walk() left early releases the Worker's walk", async () => {
  await using loop = new IOLoop();
  const fs = await memory(loop);
  fs.pipe({ "/w/a/1": bytes("1"), "/w/b/2": bytes("2") });
  const roots: string[] = [];
  for (const [root] of fs.walk("/w")) {
    roots.push(root);
    assertStrictEquals(_loop.stats(loop).iters, 1);
    break;
  }
  assertEquals(roots, ["/w"], "walk yielded the top directory");
  assertStrictEquals(_loop.stats(loop).iters, 0);
});

Deno.test("AsyncFileSystem.close() in blocking mode releases the Worker's instance", async () => {
  await using loop = new IOLoop();
  const fs = await memory(loop);
  fs.pipe("/a", bytes("a"));
  assertStrictEquals(_loop.stats(loop).instances, 1);
  await fs.close();
  assertStrictEquals(_loop.stats(loop).instances, 0);
  assertEquals(fs.cat("/a"), bytes("a"), "a later call rebuilds it");
});

Deno.test("AsyncFileSystem.cat() calls a callback on the calling thread while the call is in flight", async () => {
  registerImplementation("gatedfs", {
    module: new URL("./fixtures/gated_fs.ts", import.meta.url).href,
    export: "GatedFileSystem",
  }, { clobber: true });
  await using loop = new IOLoop();
  const gate = new SharedArrayBuffer(4);
  const fs = await filesystem("gatedfs", {
    loop,
    gate,
    skipInstanceCache: true,
  });
  const word = new Int32Array(gate);
  const callback = new Callback({
    hooks: {
      // runs here, on the blocked caller's thread: lets the Worker read the next file
      open: (_size, value) => {
        Atomics.store(word, 0, value);
        Atomics.notify(word, 0);
      },
    },
  });
  const paths = ["/f0", "/f1", "/f2", "/f3"];
  const out = fs.cat(paths, { batchSize: 1, callback }) as Map<
    string,
    Uint8Array
  >;
  assertEquals([...out.values()].map((b) => b[0]), [0, 1, 2, 3]);
  assertStrictEquals(callback.size, 4);
  assertStrictEquals(callback.value, 4);
});
