import {
  assertEquals,
  assertInstanceOf,
  assertMatch,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
import {
  FileNotFoundError,
  filesystem,
  FSTimeoutError,
  IOLoop,
  type MemoryFileSystem,
} from "../mod.ts";
import { registerSlowFs, type SlowFileSystem } from "./fixtures/slow_fs.ts";

registerSlowFs();

const enc = (s: string) => new TextEncoder().encode(s);

async function blockingMemory(loop: IOLoop): Promise<MemoryFileSystem> {
  return await filesystem("memory", {
    loop,
    skipInstanceCache: true,
    store: `everyday-${crypto.randomUUID()}`,
  }) as MemoryFileSystem;
}

Deno.test("blocking mv, touch, head, tail, modified, checksum and lexists run on the IO Worker's store", async () => {
  await using loop = new IOLoop();
  const fs = await blockingMemory(loop);
  fs.pipe({ "/d/a": enc("0123456789"), "/d/b": enc("B") });
  fs.mv("/d", "/e", { recursive: true });
  assertEquals(fs.find("/"), ["/e/a", "/e/b"]);
  fs.touch("/e/b");
  assertStrictEquals(fs.size("/e/b"), 0);
  fs.touch("/e/a", { truncate: false });
  assertEquals(fs.head("/e/a", 3), enc("012"));
  assertEquals(fs.tail("/e/a", 2), enc("89"));
  assertEquals(fs.head("/e/a"), enc("0123456789"));
  const modified = fs.modified("/e/a");
  assertInstanceOf(modified, Date);
  assertEquals(await fs._modified("/e/a"), modified, "the same store");
  const checksum = fs.checksum("/e/a");
  assertMatch(checksum, /^[0-9a-f]{64}$/);
  assertStrictEquals(await fs._checksum("/e/a"), checksum);
  assertStrictEquals(fs.lexists("/e/a"), true);
  assertStrictEquals(fs.lexists("/d"), false);
  assertStrictEquals(await fs._lexists("/e"), true);
});

Deno.test("blocking twins of the everyday methods rethrow with the error's class", async () => {
  await using loop = new IOLoop();
  const fs = await blockingMemory(loop);
  assertThrows(() => fs.modified("/missing"), FileNotFoundError);
  assertThrows(() => fs.mv("/missing", "/b"), FileNotFoundError);
  assertThrows(() => fs.head("/missing"), FileNotFoundError);
  fs.pipeFile("/a", enc("A"));
  assertThrows(() => fs.tail("/a", -1), RangeError, "size");
  fs.mkdir("/dir");
  assertThrows(() => fs.mv("/dir", "/other"), Error, "pass recursive: true");
});

Deno.test("a blocking head with a timeout throws FSTimeoutError, and tail goes on within one", async () => {
  await using loop = new IOLoop();
  const slow = await filesystem("slowfs", {
    loop,
    delay: 2_000,
    skipInstanceCache: true,
  }) as SlowFileSystem;
  assertStrictEquals(slow.lexists("/f0"), true, "the Worker is up");
  const error = assertThrows(
    () => slow.head("/f0", 2, { timeout: 0.05 }),
    FSTimeoutError,
  );
  assertStrictEquals(error.timeout, 0.05);
  assertStringIncludes(error.message, "head()");
  const fast = await filesystem("slowfs", {
    loop,
    delay: 1,
    skipInstanceCache: true,
  }) as SlowFileSystem;
  // the slow backend answers every range with its three bytes
  assertEquals(fast.tail("/f0", 1, { timeout: 5 }), new Uint8Array([1, 2, 3]));
});
