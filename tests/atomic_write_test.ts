import { assertEquals, assertRejects } from "@std/assert";
import { _SYNC_WRITE_MAX, _writeToFile } from "../src/_atomic_write.ts";
import { Callback } from "../src/callbacks.ts";
import { HTTPFileSystem } from "../src/http/http_file_system.ts";

/** A byte stream (as fetch bodies are) of `parts`, then `end` as its error, if given. */
function byteStream(
  parts: Uint8Array[],
  end?: Error,
): ReadableStream<Uint8Array> {
  const queue = [...parts];
  return new ReadableStream({
    type: "bytes",
    pull(controller) {
      const next = queue.shift();
      if (next) controller.enqueue(next.slice());
      else if (end) controller.error(end);
      else {
        controller.close();
        controller.byobRequest?.respond(0); // a pending read ends
      }
    },
  });
}

/** Both kinds of body: chunks (`ReadableStream.from`) and a byte stream. */
const kinds = {
  chunks: (parts: Uint8Array[]) => ReadableStream.from(parts),
  bytes: (parts: Uint8Array[]) => byteStream(parts),
};

/** `count` chunks of `size` bytes, chunk `i` filled with `i & 0xff`. */
function chunks(count: number, size: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => new Uint8Array(size).fill(i));
}

for (const [kind, stream] of Object.entries(kinds)) {
  Deno.test(`_writeToFile() writes every chunk in order across the 1 MiB runs, and reports each (${kind})`, async () => {
    const dir = await Deno.makeTempDir();
    try {
      const parts = chunks(50, 65_536 - 7); // runs end mid-chunk, and a tail is left
      const seen: number[] = [];
      const callback = new (class extends Callback {
        override relativeUpdate(inc = 1): void {
          seen.push(inc);
        }
      })();
      await _writeToFile(
        stream(parts),
        `${dir}/out`,
        callback,
      );
      const written = await Deno.readFile(`${dir}/out`);
      assertEquals(written.length, 50 * (65_536 - 7));
      for (const [i, part] of parts.entries()) {
        const at = i * part.length;
        assertEquals(written.subarray(at, at + part.length), part);
      }
      assertEquals(seen.reduce((a, b) => a + b), written.length);
      if (kind === "chunks") assertEquals(seen, parts.map((p) => p.length));
      assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["out"]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });

  Deno.test(`_writeToFile() splits a chunk larger than several runs (${kind})`, async () => {
    const dir = await Deno.makeTempDir();
    try {
      const big = new Uint8Array(3 * 2 ** 20 + 5).map((_, i) => i % 251);
      const parts = [new Uint8Array([1, 2, 3]), big, new Uint8Array([4])];
      // with a callback: the chunks pass through the 1 MiB runs
      await _writeToFile(stream(parts), `${dir}/out`, new Callback());
      const written = await Deno.readFile(`${dir}/out`);
      assertEquals(written.length, 3 + big.length + 1);
      assertEquals(written.subarray(0, 3), parts[0]);
      assertEquals(written.subarray(3, 3 + big.length), big);
      assertEquals(written.at(-1), 4);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

/** Bodies of 40 chunks of 64 KiB that then fail, both kinds. */
const failing = {
  chunks: () => {
    const parts = chunks(40, 65_536);
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = parts.shift();
        if (next) controller.enqueue(next);
        else controller.error(new RangeError("cut short"));
      },
    });
  },
  bytes: () => byteStream(chunks(40, 65_536), new RangeError("cut short")),
};

for (const [kind, body] of Object.entries(failing)) {
  Deno.test(`_writeToFile() leaves nothing where the body fails after some runs (${kind})`, async () => {
    const dir = await Deno.makeTempDir();
    try {
      await assertRejects(
        () => _writeToFile(body(), `${dir}/out`, undefined),
        RangeError,
        "cut short",
      );
      assertEquals([...Deno.readDirSync(dir)], []);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("_writeToFile() pipes a fetch body into the file without a callback, byte-exact (HTTPFileSystem._getFile of 5 MiB)", async () => {
  const body = new Uint8Array(5 * 2 ** 20 + 3).map((_, i) => (i * 31) % 251);
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => new Response(body),
  );
  await using fs = new HTTPFileSystem({ asynchronous: true });
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/out`, "older");
    await fs._getFile(`http://127.0.0.1:${server.addr.port}/f`, `${dir}/out`);
    assertEquals(await Deno.readFile(`${dir}/out`), body);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["out"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** Bytes in hand: written with synchronous calls up to the limit, asynchronous ones above. */
const inHand = {
  "small, synchronous": _SYNC_WRITE_MAX,
  "larger, asynchronous": _SYNC_WRITE_MAX + 1,
};

for (const [kind, size] of Object.entries(inHand)) {
  Deno.test(`_writeToFile() writes bytes in hand over an older file, and reports them (${kind})`, async () => {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeTextFile(`${dir}/out`, "older");
      const body = new Uint8Array(size).map((_, i) => i % 253);
      const seen: number[] = [];
      const callback = new (class extends Callback {
        override relativeUpdate(inc = 1): void {
          seen.push(inc);
        }
      })();
      await _writeToFile(body, `${dir}/out`, callback);
      assertEquals(await Deno.readFile(`${dir}/out`), body);
      assertEquals(seen, [size]);
      assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["out"]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });

  Deno.test(`_writeToFile() of bytes in hand leaves no temporary file and keeps what was there where the rename fails (${kind})`, async () => {
    const dir = await Deno.makeTempDir();
    try {
      // a directory with an entry cannot be renamed over
      await Deno.mkdir(`${dir}/out`);
      await Deno.writeTextFile(`${dir}/out/kept`, "kept");
      await assertRejects(
        () => _writeToFile(new Uint8Array(size), `${dir}/out`, undefined),
        Deno.errors.IsADirectory,
      );
      assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["out"]);
      assertEquals(await Deno.readTextFile(`${dir}/out/kept`), "kept");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
