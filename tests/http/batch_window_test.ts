import { assertStrictEquals } from "@std/assert";
import {
  batchDefaults,
  conf,
  HTTPFileSystem,
  MemoryFileSystem,
} from "../../mod.ts";
import { _batchSizeOf } from "../../src/_batch.ts";

Deno.test("HTTPFileSystem: the default batch window is the per-host cap", () => {
  const fs = new HTTPFileSystem({ asynchronous: true });
  assertStrictEquals(_batchSizeOf(fs, undefined, true), 100);
  assertStrictEquals(_batchSizeOf(fs, undefined, false), 100);
  const narrow = new HTTPFileSystem({ asynchronous: true, limitPerHost: 16 });
  assertStrictEquals(_batchSizeOf(narrow, undefined, true), 16);
});

Deno.test("HTTPFileSystem: a batch size the caller gives is not capped", () => {
  const fs = new HTTPFileSystem({ asynchronous: true });
  assertStrictEquals(_batchSizeOf(fs, 500, true), 500);
  assertStrictEquals(_batchSizeOf(fs, -1, true), -1);
  const own = new HTTPFileSystem({ asynchronous: true, batchSize: 300 });
  assertStrictEquals(_batchSizeOf(own, undefined, true), 300);
  assertStrictEquals(_batchSizeOf(own, 7, true), 7);
});

Deno.test("HTTPFileSystem: a smaller configured batch size stays; -1 or a larger one is capped", () => {
  const fs = new HTTPFileSystem({ asynchronous: true });
  const before = conf.nofiles_gather_batch_size;
  try {
    conf.nofiles_gather_batch_size = 8;
    assertStrictEquals(_batchSizeOf(fs, undefined, true), 8);
    conf.nofiles_gather_batch_size = -1;
    assertStrictEquals(_batchSizeOf(fs, undefined, true), 100);
    conf.nofiles_gather_batch_size = 5000;
    assertStrictEquals(_batchSizeOf(fs, undefined, true), 100);
  } finally {
    if (before === undefined) delete conf.nofiles_gather_batch_size;
    else conf.nofiles_gather_batch_size = before;
  }
});

Deno.test("HTTPFileSystem: without a per-host cap, and other filesystems, the defaults are the batcher's", () => {
  const uncapped = new HTTPFileSystem({ asynchronous: true, limitPerHost: -1 });
  assertStrictEquals(_batchSizeOf(uncapped, undefined, true), undefined);
  const memory = new MemoryFileSystem({ asynchronous: true });
  assertStrictEquals(_batchSizeOf(memory, undefined, true), undefined);
  assertStrictEquals(batchDefaults.nofilesBatchSize, 1280);
});
