// Issue 11, row 3: a redirect loop is a clear error within seconds (not a
// network failure retried), and no Authorization or user header follows a
// redirect to another origin.
import { assertEquals, assertLess, assertRejects } from "@std/assert";
import { HTTPError, HTTPFileSystem } from "../../mod.ts";

/** A server that records what it was sent; `answer` decides the reply. */
function recordingServer(answer: (req: Request, url: URL) => Response) {
  const seen: { path: string; headers: Headers; method: string }[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (req) => {
      const url = new URL(req.url);
      seen.push({
        path: url.pathname,
        headers: req.headers,
        method: req.method,
      });
      await req.body?.cancel();
      return answer(req, url);
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    seen,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

const redirect = (to: string, status = 302) =>
  new Response(null, { status, headers: { location: to } });

Deno.test("HTTPFileSystem._catFile() reports a redirect loop as HTTPError with the 3xx status, after 21 requests and no retry", async () => {
  await using server = recordingServer((_req, url) =>
    redirect(url.pathname === "/a" ? "/b" : "/a")
  );
  await using fs = new HTTPFileSystem({ asynchronous: true });
  const start = performance.now();
  const error = await assertRejects(
    () => fs._catFile(`${server.url}/a`),
    HTTPError,
  );
  assertLess(performance.now() - start, 5_000);
  assertEquals(error.status, 302);
  assertEquals(error.url, `${server.url}/a`);
  assertEquals(
    error.message,
    `Cannot read "${server.url}/a": more than 20 redirects (the last to "${server.url}/b")`,
  );
  assertEquals(server.seen.length, 21);
});

Deno.test("HTTPFileSystem._info() and _ls() stop a redirect loop between two origins", async () => {
  const other = { url: "" };
  await using a = recordingServer(() => redirect(`${other.url}/x/`, 307));
  await using b = recordingServer((_req, url) =>
    redirect(`${a.url}${url.pathname}`, 308)
  );
  other.url = b.url;
  await using fs = new HTTPFileSystem({ asynchronous: true });
  for (
    const call of [() => fs._info(`${a.url}/x/`), () => fs._ls(`${a.url}/x/`)]
  ) {
    const before = a.seen.length + b.seen.length;
    const error = await assertRejects(call, HTTPError);
    assertEquals([307, 308].includes(error.status), true);
    assertEquals(a.seen.length + b.seen.length - before <= 21 * 3, true);
  }
});

Deno.test("HTTPFileSystem drops its headers and credentials on a redirect to another origin, and keeps them on the same origin", async () => {
  await using target = recordingServer(() => new Response("moved body"));
  await using origin = recordingServer((_req, url) =>
    url.pathname === "/here"
      ? new Response("same body")
      : url.pathname === "/same"
      ? redirect("/here", 301)
      : redirect(`${target.url}/there`)
  );
  await using fs = new HTTPFileSystem({
    asynchronous: true,
    headers: {
      Authorization: "Bearer s3cret",
      "X-Api-Key": "k1",
      Cookie: "c=1",
    },
  });
  const dec = (b: Uint8Array) => new TextDecoder().decode(b);
  assertEquals(dec(await fs._catFile(`${origin.url}/away`)), "moved body");
  assertEquals(
    dec(await fs._catFile(`${origin.url}/away`, { start: 1, end: 3 })),
    "ov",
  );
  assertEquals(
    (await fs._info(`${origin.url}/away`)).url,
    `${target.url}/there`,
  );
  assertEquals(target.seen.length >= 3, true);
  for (const { headers } of target.seen) {
    assertEquals(headers.get("authorization"), null);
    assertEquals(headers.get("x-api-key"), null);
    assertEquals(headers.get("cookie"), null);
  }
  assertEquals(dec(await fs._catFile(`${origin.url}/same`)), "same body");
  const here = origin.seen.find((s) => s.path === "/here")!;
  assertEquals(here.headers.get("authorization"), "Bearer s3cret");
  assertEquals(here.headers.get("x-api-key"), "k1");
});

Deno.test("HTTPFileSystem refuses a redirect to a scheme other than http(s)", async () => {
  await using server = recordingServer(() => redirect("file:///etc/passwd"));
  await using fs = new HTTPFileSystem({ asynchronous: true });
  const error = await assertRejects(
    () => fs._catFile(`${server.url}/f`),
    HTTPError,
  );
  assertEquals(error.status, 302);
  assertEquals(
    error.message,
    `Cannot read "${server.url}/f": the server redirected to "file:///etc/passwd", not http(s)`,
  );
  assertEquals(server.seen.length, 1);
});

Deno.test("HTTPFileSystem._putFile() refuses to send a streamed body again on a 307, and a 303 goes on as GET", async () => {
  await using server = recordingServer((req, url) =>
    url.pathname === "/up"
      ? redirect("/again", 307)
      : url.pathname === "/see"
      ? redirect("/done", 303)
      : new Response(req.method === "GET" ? "ok" : null)
  );
  await using fs = new HTTPFileSystem({
    asynchronous: true,
    uploadMethod: "PUT",
  });
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/f`, "data");
    const error = await assertRejects(
      () => fs._putFile(`${dir}/f`, `${server.url}/up`),
      HTTPError,
    );
    assertEquals(error.status, 307);
    await fs._putFile(`${dir}/f`, `${server.url}/see`);
    assertEquals(server.seen.map((s) => `${s.method} ${s.path}`), [
      "PUT /up",
      "PUT /see",
      "GET /done",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
