/**
 * Issue 12, case 1: where a 200 to a range request does not tell which
 * bytes it carries, the read is an `HTTPError`, never a guess.
 *
 * @module
 */

import { assertEquals, assertRejects } from "@std/assert";
import { HTTPError, HTTPFileSystem } from "../../mod.ts";

const DATA = new Uint8Array(1000).map((_, i) => (i * 31 + 7) & 0xff);

/** A body without Content-Length (streamed). */
function streamed(data: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      c.enqueue(data);
      c.close();
    },
  });
}

Deno.test("HTTPFileSystem._catFile() throws HTTPError for a 200 of range length when neither the size nor a one-byte range tells what it is", async () => {
  // HEAD refused; a one-byte range gets a 206 saying no total; any other
  // range a 200 of exactly the asked length, streamed without a length
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) => {
      if (request.method === "HEAD") return new Response(null, { status: 405 });
      const range = request.headers.get("range");
      if (range === "bytes=0-0") {
        return new Response(DATA.subarray(0, 1), {
          status: 206,
          headers: { "content-range": "bytes 0-0/*" },
        });
      }
      const m = range && /^bytes=(\d+)-(\d+)$/.exec(range);
      if (!m) return new Response(streamed(DATA));
      return new Response(streamed(DATA.subarray(+m[1], +m[2] + 1)));
    },
  );
  const url = `http://127.0.0.1:${server.addr.port}/f.bin`;
  await using fs = new HTTPFileSystem({ asynchronous: true, retries: 0 });
  const error = await assertRejects(
    () => fs._catFile(url, { start: 10, end: 110 }),
    HTTPError,
  );
  assertEquals(error.status, 200);
  assertEquals(error.url, url);
  assertEquals(
    error.message,
    `Cannot read "${url}" bytes=10-109: the server answered 200 with 100 bytes and no Content-Range, does not say the file's size, and its answer to a one-byte range does not tell whether they are the range or the whole file`,
  );
  // from byte 0 the answer is the same either way
  assertEquals(
    await fs._catFile(url, { start: 0, end: 10 }),
    DATA.subarray(0, 10),
  );
});

Deno.test("HTTPFileSystem._catFile() throws HTTPError for a 200 as long as neither the file nor the range", async () => {
  // the size is known (1000), but a range gets a 200 of half the asked bytes
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) => {
      if (request.method === "HEAD") {
        return new Response(null, { headers: { "content-length": "1000" } });
      }
      return new Response(DATA.subarray(0, 50));
    },
  );
  const url = `http://127.0.0.1:${server.addr.port}/f.bin`;
  await using fs = new HTTPFileSystem({ asynchronous: true, retries: 0 });
  const error = await assertRejects(
    () => fs._catFile(url, { start: 10, end: 110 }),
    HTTPError,
    "neither the file's 1000 bytes nor the range's 100",
  );
  assertEquals(error.status, 200);
});
