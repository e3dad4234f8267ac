import {
  assert,
  assertEquals,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";
import { httpFs, pattern, treeServer } from "./test_server.ts";

Deno.test("HTTPFileSystem._catFile() sends Range headers as fsspec's _process_limits", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  const url = `${server.url}/index/realfile`;
  const data = pattern(1000);
  const cases: [number | null, number | null, string, Uint8Array][] = [
    [1, 10, "bytes=1-9", data.subarray(1, 10)],
    [1, null, "bytes=1-", data.subarray(1)],
    [-10, null, "bytes=-10", data.subarray(990)],
    [-10, -2, "bytes=990-997", data.subarray(990, 998)],
    [null, -10, "bytes=0-989", data.subarray(0, 990)],
    [null, 5, "bytes=0-4", data.subarray(0, 5)],
  ];
  for (const [start, end, header, expected] of cases) {
    server.requests.length = 0;
    const out = await fs._catFile(url, { start, end });
    assertEquals(out, expected, `start ${start}, end ${end}`);
    const gets = server.seen("/index/realfile", "GET");
    assertStrictEquals(gets.at(-1)?.headers.get("range"), header);
  }
});

Deno.test("HTTPFileSystem._catFile() asks nothing for an empty range", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  const url = `${server.url}/index/realfile`;
  assertEquals(
    await fs._catFile(url, { start: 5, end: 5 }),
    new Uint8Array(0),
  );
  assertEquals(
    await fs._catFile(url, { start: 9, end: 3 }),
    new Uint8Array(0),
  );
  assertStrictEquals(server.requests.length, 0);
});

Deno.test("HTTPFileSystem._catFile() past the end (416) is empty", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  const out = await fs._catFile(`${server.url}/index/realfile`, {
    start: 5000,
    end: 6000,
  });
  assertEquals(out, new Uint8Array(0));
});

Deno.test("HTTPFileSystem._catFile() slices exactly the asked bytes when the server ignores Range", async () => {
  await using server = treeServer();
  server.behaviour.range = false;
  await using fs = httpFs();
  const url = `${server.url}/index/realfile`;
  const data = pattern(1000);
  assertEquals(
    await fs._catFile(url, { start: 10, end: 20 }),
    data.subarray(10, 20),
  );
  assertEquals(await fs._catFile(url, { start: 990 }), data.subarray(990));
  assertEquals(await fs._catFile(url, { start: -7 }), data.subarray(993));
  server.behaviour.length = false; // suffix of a body of unknown length
  assertEquals(await fs._catFile(url, { start: -7 }), data.subarray(993));
});

Deno.test("HTTPFileSystem._catFile() stops reading an ignored-Range body once past the end", async () => {
  // an endless body: reading it whole would never finish
  let pulled = 0;
  const endless: typeof fetch = () =>
    Promise.resolve(
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            controller.enqueue(pattern(65536));
            pulled++;
          },
        }),
        { status: 200 },
      ),
    );
  await using fs = httpFs({ fetch: endless });
  const out = await fs._catFile("http://127.0.0.1:9/endless", {
    start: 70000,
    end: 70010,
  });
  assertEquals(out, pattern(65536).subarray(70000 - 65536, 70010 - 65536));
  assert(pulled <= 4, `pulled ${pulled} chunks`);
});

Deno.test("HTTPFileSystem._catFile() rejects a 206 that does not cover the asked range", async () => {
  const wrong: typeof fetch = () =>
    Promise.resolve(
      new Response(new Uint8Array(10), {
        status: 206,
        headers: { "content-range": "bytes 50-59/1000" },
      }),
    );
  await using fs = httpFs({ fetch: wrong });
  await assertRejects(
    () => fs._catFile("http://127.0.0.1:9/f", { start: 10, end: 20 }),
    Error,
    "answered with bytes 50-59",
  );
});

Deno.test("HTTPFileSystem._catFile() accepts a 206 cut short at the end of the file", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  const out = await fs._catFile(`${server.url}/index/realfile`, {
    start: 995,
    end: 2000,
  });
  assertEquals(out, pattern(1000).subarray(995));
});

Deno.test("HTTPFileSystem._catFile() gets decoded bytes from a gzip server", async () => {
  await using server = treeServer();
  server.behaviour.gzip = true;
  await using fs = httpFs();
  const url = `${server.url}/index/realfile`;
  assertEquals(await fs._catFile(url), pattern(1000));
  assertEquals(
    await fs._catFile(url, { start: 3, end: 9 }),
    pattern(1000).subarray(3, 9),
  );
});

Deno.test("HTTPFileSystem._catFile() with negative offsets needs the size: RangeError where the server keeps it", async () => {
  await using server = treeServer();
  server.behaviour = { ...server.behaviour, length: false, range: false };
  await using fs = httpFs();
  const url = `${server.url}/index/realfile`;
  await assertRejects(
    () => fs._catFile(url, { start: -10, end: -2 }),
    RangeError,
    "the server does not say it",
  );
  await assertRejects(() => fs._catFile(url, { start: 1.5 }), RangeError);
});
