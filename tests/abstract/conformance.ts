/**
 * The conformance suite every backend runs (fsspec's `tests/abstract/`):
 * one call registers its `Deno.test` cases.
 *
 * @module
 */

import { copyTests } from "./copy.ts";
import { everydayTests } from "./everyday.ts";
import type { ConformanceContext, Register } from "./common.ts";
import { getPutTests } from "./get_put.ts";
import { openWriteTests } from "./open_write.ts";
import { readTests } from "./read.ts";
import { treeTests } from "./tree.ts";
import { writeTests } from "./write.ts";

export type { ConformanceContext, ConformanceSetup } from "./common.ts";

/**
 * Registers the conformance tests for one backend. Each test gets a fresh
 * context from `setup` (a filesystem and an empty directory `root` on it) and
 * disposes of it at the end.
 *
 * @param name The backend's name, in front of every test name.
 * @param setup Makes a context.
 *
 * @example
 * ```ts ignore
 * conformanceSuite("MemoryFileSystem", async () => {
 *   const fs = new MemoryFileSystem({ asynchronous: true, store: crypto.randomUUID() });
 *   return { fs, root: "/root", async [Symbol.asyncDispose]() {} };
 * });
 * ```
 */
export function conformanceSuite(
  name: string,
  setup: () => Promise<ConformanceContext>,
): void {
  const test: Register = (title, fn) => {
    Deno.test(`${name}.${title}`, async () => {
      await using ctx = await setup();
      await fn(ctx);
    });
  };
  treeTests(test);
  everydayTests(test);
  readTests(test);
  writeTests(test);
  copyTests(test);
  getPutTests(test);
  openWriteTests(test);
}
