import {
  assert,
  assertEquals,
  assertNotStrictEquals,
  assertStrictEquals,
} from "@std/assert";
import { assertSpyCalls, spy } from "@std/testing/mock";
import {
  httpFs,
  pattern,
  startServer,
  text,
  treeServer,
} from "./test_server.ts";

Deno.test("HTTPFileSystem: thousands of concurrent requests to one host do not hang", async () => {
  await using server = startServer();
  const n = 3000;
  const urls: string[] = [];
  for (let i = 0; i < n; i++) {
    server.files.set(`/many/f${i}`, pattern(16, i));
    urls.push(`${server.url}/many/f${i}`);
  }
  await using fs = httpFs();
  const out = await fs._cat(urls, {
    batchSize: -1,
    signal: AbortSignal.timeout(60_000),
  });
  assertStrictEquals(out.size, n);
  assertEquals(out.get(urls[1234]), pattern(16, 1234));
});

Deno.test("HTTPFileSystem.setSession() returns one session until closed, and close() releases its client", async () => {
  await using server = treeServer();
  const fs = httpFs({ client: { poolMaxIdlePerHost: 2, http2: false } });
  const session = await fs.setSession();
  assertStrictEquals(await fs.setSession(), session);
  assert(session.client);
  assertEquals(
    await fs._catFile(`${server.url}/simple/file`),
    pattern(10, 1),
  );
  await session.close();
  assert(session.closed);
  // a closed session is replaced on the next request
  assertEquals(
    await fs._catFile(`${server.url}/simple/file`),
    pattern(10, 1),
  );
  const second = await fs.setSession();
  assertNotStrictEquals(second, session);
  await fs.close();
  assert(second.closed);
});

Deno.test("HTTPFileSystem fetch option replaces fetch in async mode", async () => {
  const fake = spy((_input: string | URL | Request, _init?: RequestInit) =>
    Promise.resolve(new Response("fake"))
  );
  await using fs = httpFs({ fetch: fake });
  assertStrictEquals(
    text(await fs._catFile("http://example.invalid/x")),
    "fake",
  );
  assertSpyCalls(fake, 1);
  assertStrictEquals(String(fake.calls[0].args[0]), "http://example.invalid/x");
});

Deno.test("HTTPFileSystem limitPerHost caps requests in flight per host", async () => {
  let active = 0;
  let most = 0;
  const counting: typeof fetch = async () => {
    active++;
    most = Math.max(most, active);
    await new Promise((resolve) => setTimeout(resolve, 1)); // let the others pile up
    active--;
    return new Response("x");
  };
  await using fs = httpFs({ fetch: counting, limitPerHost: 5 });
  const a = Array.from({ length: 30 }, (_, i) => `http://a.invalid/${i}`);
  const b = Array.from({ length: 30 }, (_, i) => `http://b.invalid/${i}`);
  const out = await fs._cat([...a, ...b], { batchSize: -1 });
  assertStrictEquals(out.size, 60);
  assertStrictEquals(most, 10, "5 per host, two hosts");
});

Deno.test("HTTPFileSystem: await using releases the session's client", async () => {
  await using server = treeServer();
  let session;
  {
    await using fs = httpFs({ client: { poolMaxIdlePerHost: 1 } });
    session = await fs.setSession();
    await fs._catFile(`${server.url}/simple/file`);
    assertStrictEquals(session.closed, false);
  }
  assertStrictEquals(session.closed, true);
});
