import { assertEquals, assertThrows } from "@std/assert";
import { FileExistsError, FileNotFoundError } from "../src/errors.ts";
import { filesystem } from "../src/instance_cache.ts";
import type { AsyncFileSystem } from "../src/async_file_system.ts";
import { chunkOf, expectedHash, sha256 } from "./_write_data.ts";

const MiB = 2 ** 20;

/** Writes `count` MiB with blocking `write` calls of 1 MiB each, and closes. */
function writeBlocking(
  fs: AsyncFileSystem,
  path: string,
  count: number,
): void {
  using f = fs.open(path, { mode: "wb" });
  for (let i = 0; i < count; i++) assertEquals(f.write(chunkOf(i)), MiB);
  f.flush();
  assertEquals(f.tell(), count * MiB);
}

Deno.test("BlockingFile: a 64 MiB blocking write to memory reads back equal", async () => {
  const fs = await filesystem("memory", {
    skipInstanceCache: true,
    store: `big-${crypto.randomUUID()}`,
  });
  try {
    writeBlocking(fs, "/big.bin", 64);
    assertEquals(fs.size("/big.bin"), 64 * MiB);
    assertEquals(await sha256(fs.catFile("/big.bin")), await expectedHash(64));
  } finally {
    await fs.loop!.close();
  }
});

Deno.test("BlockingFile: a 64 MiB blocking write to local disk reads back equal, with no file before close", async () => {
  const dir = await Deno.makeTempDir();
  const fs = await filesystem("file", { skipInstanceCache: true });
  try {
    const p = `${dir}/big.bin`;
    const f = fs.open(p, { mode: "wb" });
    for (let i = 0; i < 64; i++) f.write(chunkOf(i));
    assertEquals(fs.exists(p), false);
    f.close();
    assertEquals(await sha256(await Deno.readFile(p)), await expectedHash(64));
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["big.bin"]);
  } finally {
    await fs.loop!.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test('BlockingFile: "ab" appends, "xb" refuses an existing file, abort keeps the older one (memory and local)', async () => {
  const dir = await Deno.makeTempDir();
  const enc = (s: string) => new TextEncoder().encode(s);
  const memory = await filesystem("memory", {
    skipInstanceCache: true,
    store: `modes-${crypto.randomUUID()}`,
  });
  const local = await filesystem("file", { skipInstanceCache: true });
  try {
    for (const [fs, base] of [[memory, "/m"], [local, dir]] as const) {
      const p = `${base}/f.txt`;
      fs.writeText(p, "one,");
      {
        using f = fs.open(p, { mode: "ab" });
        f.write(enc("two"));
      }
      assertEquals(fs.readText(p), "one,two");
      const error = assertThrows(
        () => fs.open(p, { mode: "xb" }),
        FileExistsError,
        'mode "xb"',
      );
      assertEquals(error.path, p);
      // a write that throws midway: the caller aborts in its catch
      const f = fs.open(p, { mode: "wb" });
      assertThrows(() => {
        try {
          f.write(enc("half"));
          throw new RangeError("midway");
        } catch (error) {
          f.abort();
          throw error;
        }
      }, RangeError);
      assertEquals(f.closed, true);
      assertEquals(fs.readText(p), "one,two");
      const q = `${base}/new.txt`;
      const g = fs.open(q, { mode: "xb" });
      g.write(enc("x"));
      g.abort();
      assertEquals(fs.exists(q), false);
      // read methods on a write file, and write methods on a read file
      using w = fs.open(`${base}/w.txt`, { mode: "wb" });
      assertThrows(() => w.read(), TypeError, "open for writing");
      using r = fs.open(p);
      assertThrows(() => r.write(enc("x")), TypeError, "open for reading");
      assertThrows(() => r.flush(), TypeError, 'mode "rb"');
      assertEquals(new TextDecoder().decode(r.read()), "one,two");
    }
    assertEquals(
      [...Deno.readDirSync(dir)].map((e) => e.name).sort(),
      ["f.txt", "w.txt"],
    );
  } finally {
    await memory.loop!.close();
    await local.loop!.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("BlockingFile.close() of a failed commit throws, and leaves no file", async () => {
  const dir = await Deno.makeTempDir();
  const fs = await filesystem("file", { skipInstanceCache: true });
  try {
    const p = `${dir}/sub/f.bin`;
    await Deno.mkdir(`${dir}/sub`);
    const f = fs.open(p, { mode: "wb" });
    f.write(new Uint8Array(10));
    // the destination's directory goes away before the commit's rename
    await Deno.remove(`${dir}/sub`, { recursive: true });
    assertThrows(() => f.close(), FileNotFoundError, "sub/f.bin");
    assertEquals(f.closed, true);
    assertEquals([...Deno.readDirSync(dir)], []);
  } finally {
    await fs.loop!.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("BlockingFile.close() of a write file whose IO loop was closed first throws", async () => {
  const fs = await filesystem("memory", {
    skipInstanceCache: true,
    store: `early-${crypto.randomUUID()}`,
  });
  const f = fs.open("/f", { mode: "wb" });
  assertEquals([f.mode, f.size], ["wb", null]);
  f.write(new Uint8Array(3));
  await fs.loop!.close();
  assertThrows(() => f.close(), Error, "its IO loop was closed first");
  assertEquals(f.closed, true);
  f.close(); // once closed, a no-op
});
