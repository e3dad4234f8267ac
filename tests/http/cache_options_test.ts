import { assertEquals, assertStrictEquals } from "@std/assert";
import { httpFs, pattern, treeServer } from "./test_server.ts";

// cacheOptions is kept for fsspec's `cache_options` and, as documented, read
// by nothing yet: this checks that it is kept as given and changes no read.
Deno.test("HTTPFileSystem keeps cacheOptions as given, and files read the same with them", async () => {
  await using server = treeServer();
  const cacheOptions = { maxBlocks: 4 };
  await using fs = httpFs({ cacheOptions, blockSize: 64 });
  assertStrictEquals(fs.cacheOptions, cacheOptions);
  assertStrictEquals(httpFs().cacheOptions, undefined);
  await using f = await fs.openAsync(`${server.url}/index/realfile`);
  assertEquals(await f.read(100), pattern(1000).subarray(0, 100));
});
