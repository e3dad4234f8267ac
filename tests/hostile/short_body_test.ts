// Issue 11, row 2: Content-Length promises more bytes than arrive, then
// the connection closes. The read is an error, never truncated bytes.
import { assertEquals, assertRejects } from "@std/assert";
import { Callback, HTTPError, HTTPFileSystem } from "../../mod.ts";
import { head, type RawServer, rawServer, send } from "./_raw_server.ts";

const PROMISED = 1000;
const SENT = 400;

/** Promises 1000 bytes (200 or 206), sends 400, closes. HEAD tells the truth of the promise. */
function shortServer(promised = PROMISED, sent = SENT): RawServer {
  return rawServer(async (conn, request) => {
    const range = request.headers.get("range");
    const m = range && /^bytes=(\d+)-(\d*)$/.exec(range);
    const headers: Record<string, string | number> = {
      "content-length": promised,
      "accept-ranges": "bytes",
      "content-type": "application/octet-stream",
    };
    if (request.method === "HEAD") {
      await send(conn, head(200, headers));
      return "keep";
    }
    if (m) {
      const first = Number(m[1]);
      const last = m[2] ? Number(m[2]) : 9_999;
      headers["content-length"] = last - first + 1;
      headers["content-range"] = `bytes ${first}-${last}/10000`;
      await send(conn, head(206, headers));
    } else {
      await send(conn, head(200, headers));
    }
    await send(conn, new Uint8Array(sent).fill(7));
    return "close";
  });
}

function isCut(error: HTTPError): void {
  assertEquals(error.status, 0);
  assertEquals(error.message.startsWith("Cannot "), true, error.message);
}

Deno.test("HTTPFileSystem._catFile() rejects a body shorter than its Content-Length with HTTPError, never truncated bytes", async () => {
  await using server = shortServer();
  await using fs = new HTTPFileSystem({ asynchronous: true, retries: 1 });
  isCut(await assertRejects(() => fs._catFile(`${server.url}/f`), HTTPError));
  isCut(
    await assertRejects(
      () => fs._catFile(`${server.url}/f`, { start: 0, end: 900 }),
      HTTPError,
    ),
  );
  // each failed GET was tried again once (retries: 1), then reported
  assertEquals(server.requests.filter((r) => r.method === "GET").length, 4);
});

Deno.test("HTTPFileSystem.openAsync().read() rejects a short range body with HTTPError", async () => {
  await using server = shortServer();
  await using fs = new HTTPFileSystem({ asynchronous: true, retries: 0 });
  const file = await fs.openAsync(`${server.url}/f`, { blockSize: 800 });
  try {
    isCut(await assertRejects(() => file.read(600), HTTPError));
  } finally {
    await file.close();
  }
});

Deno.test("HTTPFileSystem._getFile() of a short body rejects, keeps the older file and leaves no temporary file", async () => {
  await using server = shortServer();
  await using fs = new HTTPFileSystem({ asynchronous: true });
  const dir = await Deno.makeTempDir();
  try {
    isCut(
      await assertRejects(
        () => fs._getFile(`${server.url}/new`, `${dir}/new`),
        HTTPError,
      ),
    );
    await Deno.writeTextFile(`${dir}/old`, "older");
    isCut(
      await assertRejects(
        () => fs._getFile(`${server.url}/old`, `${dir}/old`),
        HTTPError,
      ),
    );
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["old"]);
    assertEquals(await Deno.readTextFile(`${dir}/old`), "older");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("HTTPFileSystem._getFile() of a short streamed body (over 1 MiB) rejects and leaves nothing, piped or with progress", async () => {
  // 4 MiB promised, 3 MiB sent: too large to be read whole, so the body is
  // piped into the file (no callback) or written in runs (with a callback)
  await using server = shortServer(4 << 20, 3 << 20);
  await using fs = new HTTPFileSystem({ asynchronous: true, retries: 0 });
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/old`, "older");
    isCut(
      await assertRejects(
        () => fs._getFile(`${server.url}/old`, `${dir}/old`),
        HTTPError,
      ),
    );
    const seen: number[] = [];
    const callback = new Callback({ hooks: { h: (_s, v) => seen.push(v) } });
    isCut(
      await assertRejects(
        () => fs._getFile(`${server.url}/new`, `${dir}/new`, { callback }),
        HTTPError,
      ),
    );
    assertEquals(seen.length > 0, true, "the callback saw the chunks");
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["old"]);
    assertEquals(await Deno.readTextFile(`${dir}/old`), "older");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
