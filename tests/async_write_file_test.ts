import {
  assertEquals,
  assertMatch,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";
import { AsyncWriteFile } from "../src/async_write_file.ts";
import type { _WriteSink } from "../src/write_sink.ts";

/** A sink that records what it is asked, and fails the write `failAt`. */
function recordingSink(failAt = Infinity) {
  const calls: string[] = [];
  const sink: _WriteSink = {
    write(chunk) {
      calls.push(`write ${chunk.length}`);
      if (calls.length === failAt) {
        return Promise.reject(new RangeError("disk full"));
      }
      return Promise.resolve();
    },
    commit() {
      calls.push("commit");
      return Promise.resolve();
    },
    abort(reason) {
      calls.push(`abort ${(reason as Error)?.message}`);
      return Promise.resolve();
    },
  };
  return { sink, calls };
}

Deno.test("AsyncWriteFile: a write that fails midway fails the later ones and close, and nothing is committed", async () => {
  const { sink, calls } = recordingSink(2);
  const f = new AsyncWriteFile("/f", "wb", sink);
  assertEquals(await f.write(new Uint8Array(3)), 3);
  const second = f.write(new Uint8Array(4));
  const third = f.write(new Uint8Array(5)); // queued behind the failing one
  await assertRejects(() => second, RangeError, "disk full");
  await assertRejects(() => third, RangeError, "disk full");
  await assertRejects(() => f.flush(), RangeError, "disk full");
  await assertRejects(() => f.close(), RangeError, "disk full");
  assertEquals(calls, ["write 3", "write 4", "abort disk full"]);
  assertEquals(f.closed, true);
});

Deno.test("AsyncWriteFile: writes not awaited run in order, and close commits once", async () => {
  const { sink, calls } = recordingSink();
  const f = new AsyncWriteFile("/f", "ab", sink);
  const writes = [1, 2, 3].map((n) => f.write(new Uint8Array(n)));
  const closing = [f.close(), f.close()];
  assertEquals(await Promise.all(writes), [1, 2, 3]);
  await Promise.all(closing);
  await f.abort(); // after close: nothing
  assertEquals(calls, ["write 1", "write 2", "write 3", "commit"]);
});

Deno.test("AsyncWriteFile.writable: an aborted stream aborts the file with its reason", async () => {
  const { sink, calls } = recordingSink();
  const f = new AsyncWriteFile("/f", "xb", sink);
  assertStrictEquals(f.writable, f.writable);
  const writer = f.writable.getWriter();
  await writer.write(new Uint8Array(2));
  await writer.abort(new Error("source failed"));
  assertEquals(calls, ["write 2", "abort source failed"]);
  assertEquals(f.closed, true);
  assertEquals(f.mode, "xb");
});

Deno.test("AsyncWriteFile: files dropped unclosed leave nothing on disk (async and blocking faces)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-all",
        "--v8-flags=--expose-gc",
        new URL("./fixtures/write_gc_script.ts", import.meta.url).pathname,
        dir,
      ],
      stdin: "null",
    }).output();
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    assertEquals(out.code, 0, text(out.stderr));
    const { before, after } = JSON.parse(text(out.stdout));
    // while they were open, each had a temporary file beside its destination
    assertEquals(before.handles, 1);
    assertEquals(before.names.length, 2);
    for (const name of before.names) {
      assertMatch(name, /^(async|blocking)\.bin\.part-/);
    }
    assertEquals(after, { names: [], handles: 0 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
