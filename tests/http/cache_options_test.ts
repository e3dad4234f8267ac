import { assertStrictEquals } from "@std/assert";
import { httpFs } from "./test_server.ts";

// cacheOptions is kept for fsspec's `cache_options` and, as documented, read
// by nothing yet: this checks only that it is kept as given.
Deno.test("HTTPFileSystem keeps cacheOptions as given", async () => {
  const cacheOptions = { maxBlocks: 4 };
  await using fs = httpFs({ cacheOptions });
  assertStrictEquals(fs.cacheOptions, cacheOptions);
  await using plain = httpFs();
  assertStrictEquals(plain.cacheOptions, undefined);
});
