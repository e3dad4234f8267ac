import {
  assert,
  assertEquals,
  assertInstanceOf,
  assertMatch,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";
import { assertSpyCalls, resolvesNext, spy } from "@std/testing/mock";
import { FakeTime } from "@std/testing/time";
import {
  FileNotFoundError,
  FSTimeoutError,
  HTTPError,
  PermissionError,
} from "../../mod.ts";
import {
  closedPort,
  httpFs,
  startServer,
  text,
  treeServer,
} from "./test_server.ts";

Deno.test("HTTPFileSystem maps 404 to FileNotFoundError, 401/403 to PermissionError, others to HTTPError", async () => {
  await using server = treeServer();
  server.statuses.set("/unauthorized", 401);
  server.statuses.set("/forbidden", 403);
  server.statuses.set("/broken", 500);
  await using fs = httpFs({ retries: 0 });
  for (const method of ["_catFile", "_info", "_ls"] as const) {
    const call = (p: string) => fs[method](`${server.url}${p}`);
    await assertRejects(
      () => call("/missing"),
      FileNotFoundError,
      undefined,
      method,
    );
    const unauthorized = await assertRejects(
      () => call("/unauthorized"),
      PermissionError,
    );
    assertStrictEquals(unauthorized.status, 401, method);
    const forbidden = await assertRejects(
      () => call("/forbidden"),
      PermissionError,
    );
    assertStrictEquals(forbidden.status, 403, method);
    const broken = await assertRejects(() => call("/broken"), HTTPError);
    assertStrictEquals(broken.status, 500);
    assertStrictEquals(broken.url, `${server.url}/broken`);
    assertStrictEquals(
      broken.message,
      `Cannot ${
        method === "_catFile"
          ? "read"
          : method === "_info"
          ? "get info of"
          : "list"
      } "${server.url}/broken": server answered 500 Internal Server Error`,
    );
  }
});

Deno.test("HTTPFileSystem._info() keeps a 500 and a refused connection as they are (not FileNotFoundError)", async () => {
  await using server = treeServer();
  server.statuses.set("/broken", 500);
  await using fs = httpFs({ retries: 0 });
  const e500 = await fs._info(`${server.url}/broken`).catch((e) => e);
  assert(e500 instanceof HTTPError && !(e500 instanceof FileNotFoundError));
  const closed = `http://127.0.0.1:${closedPort()}/x`;
  const refused = await assertRejects(() => fs._info(closed), HTTPError);
  assertStrictEquals(refused.status, 0);
  assertStrictEquals(refused.url, closed);
  assertInstanceOf(refused.cause, TypeError);
  assertMatch(
    refused.message,
    /^Cannot get info of "http:.*": the connection failed \(.*Connection refused/,
  );
});

Deno.test("HTTPFileSystem POST is never retried", async () => {
  await using server = startServer();
  server.flaky.set("/up", { count: 5, status: 503 });
  await using fs = httpFs({ retries: 3 });
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(`${dir}/src`, new Uint8Array(4));
    const error = await assertRejects(
      () => fs._putFile(`${dir}/src`, `${server.url}/up`),
      HTTPError,
    );
    assertStrictEquals(error.status, 503);
    assertStrictEquals(server.seen("/up").length, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("HTTPFileSystem retries GET on 503 after a jittered, doubling backoff, and not on 500", async () => {
  using time = new FakeTime();
  const fake = spy(resolvesNext<Response>([
    new Response(null, { status: 503 }),
    new Response(null, { status: 503 }),
    new Response("done"),
  ]));
  await using fs = httpFs({ fetch: fake, retries: 3 });
  const pending = fs._catFile("http://a.invalid/f");
  await time.tickAsync(0);
  assertSpyCalls(fake, 1);
  // the first backoff is 50-100 ms, the second 100-200 ms
  await time.tickAsync(49);
  assertSpyCalls(fake, 1);
  await time.tickAsync(51);
  await time.runMicrotasks();
  assertSpyCalls(fake, 2);
  await time.tickAsync(99);
  assertSpyCalls(fake, 2);
  await time.tickAsync(101);
  assertStrictEquals(text(await pending), "done");
  assertSpyCalls(fake, 3);

  const once = spy(resolvesNext<Response>([
    new Response(null, { status: 500 }),
    new Response(null, { status: 502 }),
    new Response(null, { status: 502 }),
  ]));
  await using oneRetry = httpFs({ fetch: once, retries: 1 });
  const broken = await assertRejects(
    () => oneRetry._catFile("http://a.invalid/broken"),
    HTTPError,
  );
  assertStrictEquals(broken.status, 500);
  assertSpyCalls(once, 1);
  const gateway = oneRetry._catFile("http://a.invalid/f");
  await time.tickAsync(100);
  const error = await assertRejects(() => gateway, HTTPError);
  assertStrictEquals(error.status, 502);
  assertSpyCalls(once, 3);
});

Deno.test("HTTPFileSystem does not retry a real server's 500", async () => {
  await using server = treeServer();
  server.statuses.set("/broken", 500);
  await using fs = httpFs({ retries: 3 });
  const error = await assertRejects(
    () => fs._catFile(`${server.url}/broken`),
    HTTPError,
  );
  assertStrictEquals(error.status, 500);
  assertStrictEquals(server.seen("/broken").length, 1);
});

Deno.test("HTTPFileSystem retries a body cut mid-way for _catFile", async () => {
  using time = new FakeTime();
  let first = true;
  const flaky = spy((): Promise<Response> => {
    const cut = first;
    first = false;
    return Promise.resolve(
      new Response(
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new Uint8Array([1, 2]));
            if (cut) c.error(new TypeError("connection reset"));
            else c.close();
          },
        }),
      ),
    );
  });
  await using fs = httpFs({ fetch: flaky, retries: 2 });
  const pending = fs._catFile("http://127.0.0.1:9/f");
  await time.tickAsync(100); // the longest first backoff
  assertEquals(await pending, new Uint8Array([1, 2]));
  assertSpyCalls(flaky, 2);
});

Deno.test("HTTPFileSystem honours Retry-After on 429, in seconds or as a date", async () => {
  using time = new FakeTime(Date.UTC(2026, 0, 1));
  const fake = spy(resolvesNext<Response>([
    new Response(null, { status: 429, headers: { "retry-after": "1" } }),
    new Response("one"),
    new Response(null, {
      status: 429,
      headers: { "retry-after": new Date(Date.now() + 3000).toUTCString() },
    }),
    new Response("two"),
  ]));
  await using fs = httpFs({ fetch: fake, retries: 2 });
  const one = fs._catFile("http://a.invalid/f");
  await time.tickAsync(999);
  assertSpyCalls(fake, 1);
  await time.tickAsync(1);
  assertStrictEquals(text(await one), "one");
  assertSpyCalls(fake, 2);
  const two = fs._catFile("http://a.invalid/f");
  await time.tickAsync(2999);
  assertSpyCalls(fake, 3);
  await time.tickAsync(1);
  assertStrictEquals(text(await two), "two");
  assertSpyCalls(fake, 4);
});

Deno.test("HTTPFileSystem does not wait for a Retry-After beyond a minute", async () => {
  await using server = treeServer();
  server.flaky.set("/index/realfile", {
    count: 1,
    status: 429,
    retryAfter: "3600",
  });
  await using fs = httpFs({ retries: 2 });
  const error = await assertRejects(
    () => fs._catFile(`${server.url}/index/realfile`),
    HTTPError,
  );
  assertStrictEquals(error.status, 429);
  assertStrictEquals(server.seen("/index/realfile").length, 1);
});

Deno.test("HTTPFileSystem timeout gives FSTimeoutError once the time is up", async () => {
  using time = new FakeTime();
  const never = spy((_input: string | URL | Request, init?: RequestInit) =>
    new Promise<Response>((_, reject) => {
      const signal = init!.signal!;
      signal.addEventListener("abort", () => reject(signal.reason), {
        once: true,
      });
    })
  );
  await using fs = httpFs({ fetch: never, timeout: 0.2 });
  let settled = false;
  const pending = fs._catFile("http://a.invalid/slow");
  pending.then(() => settled = true, () => settled = true);
  await time.tickAsync(199);
  await time.runMicrotasks();
  assertStrictEquals(settled, false);
  await time.tickAsync(1);
  const error = await assertRejects(() => pending, FSTimeoutError);
  assertStrictEquals(error.timeout, 0.2);
  assertSpyCalls(never, 1);
});

Deno.test("HTTPFileSystem timeout ends a request a real server does not answer", async () => {
  await using server = startServer();
  server.slow.add("/slow");
  await using fs = httpFs({ timeout: 0.02 });
  const error = await assertRejects(
    () => fs._catFile(`${server.url}/slow`),
    FSTimeoutError,
  );
  assertStrictEquals(error.timeout, 0.02);
  assertStrictEquals(server.seen("/slow").length, 1);
});

Deno.test("HTTPFileSystem stops at once when the caller aborts", async () => {
  await using server = startServer();
  server.slow.add("/slow");
  await using fs = httpFs();
  const controller = new AbortController();
  const pending = fs._catFile(`${server.url}/slow`, {
    signal: controller.signal,
  });
  controller.abort(new Error("no longer wanted"));
  await assertRejects(() => pending, Error, "no longer wanted");
});

Deno.test("HTTPFileSystem encoded: false quotes unsafe characters, encoded: true sends the URL as given", async () => {
  await using server = startServer();
  await using plain = httpFs();
  const out = JSON.parse(
    text(await plain._catFile(`${server.url}/echo/Hello: Günter`)),
  );
  assertStrictEquals(out.target, "/echo/Hello:%20G%C3%BCnter");
  const pct = JSON.parse(text(await plain._catFile(`${server.url}/echo/100%`)));
  assertStrictEquals(pct.target, "/echo/100%25");
  await using encoded = httpFs({ encoded: true });
  const raw = JSON.parse(
    text(await encoded._catFile(`${server.url}/echo/Hello%3A%20G%C3%BCnter`)),
  );
  assertStrictEquals(raw.target, "/echo/Hello%3A%20G%C3%BCnter");
  await assertRejects(
    () => encoded._catFile(`${server.url}/echo/Hello: Günter`),
    TypeError,
  );
  assertStrictEquals(server.seen("/echo/Hello:%20G%C3%BCnter").length, 1);
});

Deno.test("HTTPFileSystem sends the instance's headers with every request", async () => {
  await using server = treeServer();
  await using fs = httpFs({ headers: { "x-api-key": "k" } });
  await fs._info(`${server.url}/index/realfile`);
  await fs._catFile(`${server.url}/index/realfile`, { start: 1, end: 2 });
  await fs._ls(`${server.url}/index/`);
  assert(server.requests.length >= 3);
  for (const r of server.requests) {
    assertStrictEquals(r.headers.get("x-api-key"), "k");
  }
});

Deno.test("HTTPFileSystem keeps a connection dropped mid-body as a network error", async () => {
  await using server = treeServer();
  server.dropped.add("/index/realfile");
  await using fs = httpFs({ retries: 0 });
  const dropped = async (call: () => Promise<unknown>) => {
    const error = await assertRejects(call, HTTPError);
    assertStrictEquals(error.status, 0);
    assertInstanceOf(error.cause, TypeError);
  };
  await dropped(() => fs._catFile(`${server.url}/index/realfile`));
  await using retrying = httpFs({ retries: 1 });
  await dropped(() => retrying._catFile(`${server.url}/index/realfile`));
  assertStrictEquals(server.seen("/index/realfile", "GET").length, 1 + 2);
});
