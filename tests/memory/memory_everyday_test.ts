import {
  assertEquals,
  assertNotEquals,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";
import { FileExistsError } from "../../src/errors.ts";
import { FakeTime } from "@std/testing/time";
import { MemoryFileSystem } from "../../src/memory/memory_file_system.ts";
import { enc } from "../abstract/common.ts";

function memory(): MemoryFileSystem {
  return new MemoryFileSystem({
    asynchronous: true,
    store: `everyday-${crypto.randomUUID()}`,
  });
}

Deno.test("MemoryFileSystem._mv() moves a file in one step: its times go with it", async () => {
  using time = new FakeTime(Date.UTC(2024, 0, 1));
  const fs = memory();
  await fs._pipeFile("/a", enc("alpha"));
  time.tick(5_000);
  await fs._mv("/a", "/b");
  assertEquals(await fs._modified("/b"), new Date(Date.UTC(2024, 0, 1)));
  assertEquals((await fs._info("/b")).created, new Date(Date.UTC(2024, 0, 1)));
  assertStrictEquals(await fs._exists("/a"), false);
});

Deno.test("MemoryFileSystem._touch() with truncate: false gives the file the time of now", async () => {
  using time = new FakeTime(Date.UTC(2024, 0, 1));
  const fs = memory();
  await fs._pipeFile("/a", enc("alpha"));
  time.tick(60_000);
  await fs._touch("/a", { truncate: false });
  assertEquals(await fs._modified("/a"), new Date(Date.UTC(2024, 0, 1, 0, 1)));
  assertEquals(await fs._catFile("/a"), enc("alpha"));
});

Deno.test("MemoryFileSystem: writes in one millisecond get later times, so _checksum() tells them apart", async () => {
  using _time = new FakeTime(Date.UTC(2024, 0, 1));
  const fs = memory();
  await fs._pipeFile("/a", enc("one"));
  const first = await fs._checksum("/a");
  const firstTime = await fs._modified("/a");
  await fs._pipeFile("/a", enc("two"));
  assertNotEquals(await fs._checksum("/a"), first);
  assertStrictEquals(
    (await fs._modified("/a")).getTime(),
    firstTime.getTime() + 1,
  );
  await fs._touch("/a", { truncate: false });
  assertStrictEquals(
    (await fs._modified("/a")).getTime(),
    firstTime.getTime() + 2,
  );
});

Deno.test("MemoryFileSystem._mv() refuses to put a file where a directory is, and keeps the file", async () => {
  const fs = memory();
  await fs._pipe({ "/a": enc("A"), "/d/x": enc("X") });
  await assertRejects(
    () => fs._mv(["/a"], ["/d"]),
    FileExistsError,
    "a directory is there",
  );
  assertEquals(await fs._catFile("/a"), enc("A"));
});
