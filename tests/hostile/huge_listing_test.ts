// Issue 11, row 4: a 20 MB index page. `_ls` rejects past `maxListingBytes`
// (16 MiB by default) without reading the rest, or, with a higher cap,
// lists it; link parsing is one linear pass, even on hostile HTML.
import { assertEquals, assertLess, assertRejects } from "@std/assert";
import { HTTPError, HTTPFileSystem } from "../../mod.ts";
import { _hrefs } from "../../src/http/links.ts";

const MB = 1_000_000;
const encoder = new TextEncoder();

/**
 * Serves a page of `size` bytes made of `unit` repeated, then a tail,
 * chunk by chunk; counts the bytes it was asked for.
 */
function pageServer(
  unit: string,
  withLength: boolean,
  tail = "",
  size = 20 * MB,
) {
  const chunk = encoder.encode(
    unit.repeat(Math.ceil(64 * 1024 / unit.length)),
  );
  const chunks = Math.ceil(size / chunk.length);
  const end = encoder.encode(tail);
  const counts = { pulled: 0 };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === chunks) {
            controller.enqueue(end);
            counts.pulled += end.length;
            return controller.close();
          }
          sent++;
          counts.pulled += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const headers: Record<string, string> = { "content-type": "text/html" };
      if (withLength) {
        headers["content-length"] = String(chunks * chunk.length + end.length);
      }
      return new Response(body, { headers });
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    counts,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

const LINKS = '<a href="f0123456">f0123456</a>\n';

async function rejectsPastCap(url: string): Promise<void> {
  await using fs = new HTTPFileSystem({ asynchronous: true });
  const start = performance.now();
  const error = await assertRejects(() => fs._ls(`${url}/big/`), HTTPError);
  assertLess(performance.now() - start, 20_000);
  assertEquals(error.status, 200);
  assertEquals(
    error.message,
    `Cannot list "${url}/big/": the page is larger than maxListingBytes (16777216 bytes)`,
  );
}

Deno.test("HTTPFileSystem._ls() rejects a 20 MB index page whose Content-Length is past the 16 MiB default cap, unread", async () => {
  await using server = pageServer(LINKS, true);
  await rejectsPastCap(server.url);
  // the server got ahead by socket buffers at most
  assertLess(server.counts.pulled, 4 * MB);
});

Deno.test("HTTPFileSystem._ls() stops reading an index page without Content-Length at the 16 MiB default cap", async () => {
  // 1 GB offered: the client must stop, not hold it
  await using server = pageServer(LINKS, false, "", 1000 * MB);
  await rejectsPastCap(server.url);
  assertLess(server.counts.pulled, 100 * MB);
});

Deno.test("HTTPFileSystem._ls() with a higher maxListingBytes lists a 20 MB page of hostile HTML in one linear pass", async () => {
  // 20 MB of "<a " that never closes a tag: a backtracking href regex is
  // quadratic here (hours); the real links come at the end
  await using server = pageServer(
    "<a  x",
    true,
    '\n<a href="one">1</a> <A title="a href=no" HREF=two>2</A>',
  );
  await using fs = new HTTPFileSystem({
    asynchronous: true,
    maxListingBytes: 32 * 2 ** 20,
  });
  const start = performance.now();
  assertEquals(await fs._ls(`${server.url}/d/`, { detail: false }), [
    `${server.url}/d/one`,
    `${server.url}/d/two`,
  ]);
  assertLess(performance.now() - start, 20_000);
});

Deno.test("_hrefs() reads quoted, unquoted and upper-case hrefs, not href text inside other attributes", () => {
  assertEquals(
    _hrefs(
      `<a href="a b">x</a><A HREF='c'> <a class=x href=d> <a data-href="no" title='href="no"'>` +
        `<a\thref = "e" href="second"> <abbr href="no"> <a/href="f"> <a href="unclosed`,
    ),
    ["a b", "c", "d", "e", "f"],
  );
  // "<a " over and over, unclosed: linear, so 2 MB is quick at any load
  assertEquals(_hrefs("<a =".repeat(500_000)), []);
  assertEquals(_hrefs(`<a ${"x ".repeat(1_000_000)}`), []);
});

Deno.test("HTTPFileSystem rejects a bad maxListingBytes with RangeError before any request", () => {
  for (const bad of [-1, 1.5, Infinity]) {
    let error: unknown;
    try {
      new HTTPFileSystem({ asynchronous: true, maxListingBytes: bad });
    } catch (e) {
      error = e;
    }
    assertEquals(error instanceof RangeError, true, String(bad));
  }
});
