import { assertEquals, assertStrictEquals, assertThrows } from "@std/assert";
import { type BlockingFile, filesystem, IOLoop } from "../mod.ts";
import { _loop } from "../src/io_loop.ts";

Deno.test("BlockingFile: using closes the file and releases its Worker handle at the end of the block", async () => {
  await using loop = new IOLoop();
  const fs = await filesystem("memory", {
    loop,
    skipInstanceCache: true,
    store: crypto.randomUUID(),
  });
  fs.pipeFile("/f", new TextEncoder().encode("hello"));
  let kept!: BlockingFile;
  {
    using f = fs.open("/f");
    kept = f;
    assertEquals(f.read(2), new TextEncoder().encode("he"));
    assertStrictEquals(f.closed, false);
    assertStrictEquals(_loop.stats(loop).handles, 1);
  }
  assertStrictEquals(kept.closed, true);
  assertStrictEquals(_loop.stats(loop).handles, 0);
  assertThrows(() => kept.read(), TypeError);
  // a block left by an error closes it too
  assertThrows(() => {
    using f = fs.open("/f");
    kept = f;
    throw new RangeError("left early");
  }, RangeError);
  assertStrictEquals(kept.closed, true);
  assertStrictEquals(_loop.stats(loop).handles, 0);
});
