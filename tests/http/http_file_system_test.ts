import {
  assert,
  assertEquals,
  assertInstanceOf,
  assertRejects,
  assertStrictEquals,
  assertThrows,
} from "@std/assert";
import {
  Callback,
  FileNotFoundError,
  filesystem,
  HTTPError,
  HTTPFileSystem,
  PermissionError,
} from "../../mod.ts";
import {
  closedPort,
  httpFs,
  pattern,
  startServer,
  text,
  treeServer,
} from "./test_server.ts";

Deno.test("filesystem() serves http and https with HTTPFileSystem", async () => {
  const a = await filesystem("http", {
    asynchronous: true,
    skipInstanceCache: true,
  });
  const b = await filesystem("https", {
    asynchronous: true,
    skipInstanceCache: true,
  });
  assert(a instanceof HTTPFileSystem);
  assert(b instanceof HTTPFileSystem);
  assertEquals(HTTPFileSystem.protocol, ["http", "https"]);
});

Deno.test("HTTPFileSystem.stripProtocol() keeps the URL whole but for trailing slashes", () => {
  assertStrictEquals(
    HTTPFileSystem.stripProtocol("http://h:1/a/b"),
    "http://h:1/a/b",
  );
  assertStrictEquals(
    HTTPFileSystem.stripProtocol("https://h/a/"),
    "https://h/a",
  );
  assertStrictEquals(HTTPFileSystem.stripProtocol("http://h/"), "http://h");
  assertStrictEquals(
    HTTPFileSystem.stripProtocol("http://h/q?x=a/"),
    "http://h/q?x=a/",
  );
});

Deno.test("HTTPFileSystem.globQuestionMark is false and parent() climbs URLs", () => {
  const fs = httpFs();
  assertStrictEquals(fs.globQuestionMark, false);
  assertStrictEquals(fs.parent("http://h:1/a/b"), "http://h:1/a");
  assertStrictEquals(fs.parent("http://h:1/a"), "http://h:1");
  assertStrictEquals(fs.parent("http://h:1"), "");
});

Deno.test("HTTPFileSystem() refuses bad options before any request", () => {
  assertThrows(() => new HTTPFileSystem({ fetch }), TypeError);
  assertThrows(() => httpFs({ retries: -1 }), RangeError);
  assertThrows(() => httpFs({ timeout: -1 }), RangeError);
  assertThrows(() => httpFs({ blockSize: 1.5 }), RangeError);
  assertThrows(() => httpFs({ limitPerHost: 0 }), RangeError);
  assertThrows(
    () => httpFs({ uploadMethod: "PATCH" as "PUT" }),
    TypeError,
  );
});

Deno.test("HTTPFileSystem._catFile() reads a whole file", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  const out = await fs._catFile(`${server.url}/index/realfile`);
  assertEquals(out, pattern(1000));
});

Deno.test("HTTPFileSystem._isDir() decides without downloading a file (fsspec #1707)", async () => {
  await using server = treeServer();
  server.files.set("/big.bin", new Uint8Array(1 << 20));
  await using fs = httpFs();
  assertStrictEquals(await fs._isDir(`${server.url}/simple/dir`), true);
  assertStrictEquals(await fs._isDir(`${server.url}/simple/dir/`), true);
  assertStrictEquals(await fs._isDir(`${server.url}/big.bin`), false);
  assertStrictEquals(await fs._isDir(`${server.url}/nothing`), false);
  assertStrictEquals(server.seen("/big.bin", "GET").length, 0);
});

Deno.test("HTTPFileSystem._isDir() counts an HTML page with links below it", async () => {
  await using server = startServer();
  server.files.set(
    "/index",
    new TextEncoder().encode(`<a href="${server.url}/index/realfile">x</a>`),
  );
  server.types.set("/index", "text/html");
  server.files.set("/lonely.html", new TextEncoder().encode("<p>no links</p>"));
  server.types.set("/lonely.html", "text/html");
  await using fs = httpFs();
  assertStrictEquals(await fs._isDir(`${server.url}/index`), true);
  assertStrictEquals(await fs._isDir(`${server.url}/lonely.html`), false);
});

Deno.test("HTTPFileSystem._exists() is false for 404, and for other failures unless strict", async () => {
  await using server = treeServer();
  server.statuses.set("/unauthorized", 401);
  server.statuses.set("/broken", 500);
  await using fs = httpFs({ retries: 0 });
  const u = server.url;
  assertStrictEquals(await fs._exists(`${u}/index/realfile`), true);
  assertStrictEquals(await fs._exists(`${u}/notafile`), false);
  assertStrictEquals(
    await fs._exists(`${u}/notafile`, { strict: true }),
    false,
  );
  assertStrictEquals(await fs._exists(`${u}/broken`), false);
  await assertRejects(
    () => fs._exists(`${u}/broken`, { strict: true }),
    HTTPError,
  );
  const refused = await assertRejects(
    () => fs._exists(`${u}/unauthorized`, { strict: true }),
    PermissionError,
  );
  assertStrictEquals(refused.status, 401);
  const closed = `http://127.0.0.1:${closedPort()}/x`;
  assertStrictEquals(await fs._exists(closed), false);
  const error = await assertRejects(
    () => fs._exists(closed, { strict: true }),
    HTTPError,
    closed,
  );
  assertStrictEquals(error.status, 0);
  assertStrictEquals(error.url, closed);
  assertInstanceOf(error.cause, TypeError);
});

Deno.test("HTTPFileSystem._isFile() is true for files and false for listings and missing URLs", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  assertStrictEquals(await fs._isFile(`${server.url}/simple/file`), true);
  assertStrictEquals(await fs._isFile(`${server.url}/simple/dir`), false);
  assertStrictEquals(await fs._isFile(`${server.url}/nothing`), false);
});

Deno.test("HTTPFileSystem._find(), _glob() and _du() walk listings with real sizes", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  const u = server.url;
  assertEquals(await fs._find(`${u}/simple`), [
    `${u}/simple/dir/file`,
    `${u}/simple/file`,
  ]);
  const detail = await fs._find(`${u}/simple`, { detail: true });
  assertStrictEquals(detail.get(`${u}/simple/dir/file`)?.size, 20);
  assertEquals(await fs._glob(`${u}/simple/*`), [
    `${u}/simple/dir`,
    `${u}/simple/file`,
  ]);
  assertEquals(await fs._glob(`${u}/index/*file`), [
    `${u}/index/otherfile`,
    `${u}/index/realfile`,
  ]);
  assertEquals(await fs._glob(`${u}/**/file`), [
    `${u}/simple/dir/file`,
    `${u}/simple/file`,
  ]);
  assertStrictEquals(await fs._du(`${u}/simple`), 30);
  assertStrictEquals(await fs._du(`${u}/`), 2030);
});

Deno.test("HTTPFileSystem._glob() takes ? as part of a query, not a wildcard", async () => {
  await using server = treeServer();
  server.files.set("/q", new Uint8Array(3));
  await using fs = httpFs();
  const url = `${server.url}/q?x=1`;
  assertEquals(await fs._glob(url), [url]);
  assertEquals(await fs._cat(url), new Uint8Array(3));
});

Deno.test("HTTPFileSystem._cat() reads many URLs concurrently, and a glob", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  const a = `${server.url}/index/realfile`;
  const b = `${server.url}/index/otherfile`;
  const out = await fs._cat([a, b]);
  assertEquals(out, new Map([[a, pattern(1000)], [b, pattern(1000)]]));
  const globbed = await fs._cat(`${server.url}/index/*`);
  assertEquals([...globbed.keys()].sort(), [b, a]);
  const mixed = await fs._cat([a, `${server.url}/nope`], { onError: "return" });
  assert(mixed.get(`${server.url}/nope`) instanceof FileNotFoundError);
});

Deno.test("HTTPFileSystem._getFile() streams to disk with progress and no leftovers", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  const dir = await Deno.makeTempDir();
  try {
    const events: [string, number | null][] = [];
    const callback = new Callback({
      hooks: {
        record: (size: number | null, value: number) =>
          events.push([`${size}`, value]),
      },
    });
    const lpath = `${dir}/afile`;
    await fs._getFile(`${server.url}/index/realfile`, lpath, { callback });
    assertEquals(await Deno.readFile(lpath), pattern(1000));
    assertStrictEquals(callback.size, 1000);
    assertStrictEquals(callback.value, 1000);
    assertEquals(
      [...Deno.readDirSync(dir)].map((e) => e.name),
      ["afile"],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("HTTPFileSystem._getFile() leaves no file when the download fails", async () => {
  await using server = treeServer();
  server.dropped.add("/index/realfile");
  await using fs = httpFs({ retries: 0 });
  const dir = await Deno.makeTempDir();
  try {
    const error = await assertRejects(
      () => fs._getFile(`${server.url}/index/realfile`, `${dir}/afile`),
      HTTPError,
    );
    assertStrictEquals(error.status, 0);
    assertInstanceOf(error.cause, TypeError);
    await assertRejects(
      () => fs._getFile(`${server.url}/missing`, `${dir}/bfile`),
      FileNotFoundError,
    );
    assertEquals([...Deno.readDirSync(dir)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("HTTPFileSystem._get() downloads many files and a listed tree", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  const dir = await Deno.makeTempDir();
  try {
    await fs._get(
      [`${server.url}/index/realfile`, `${server.url}/index/otherfile`],
      [`${dir}/a`, `${dir}/b`],
    );
    assertEquals(await Deno.readFile(`${dir}/b`), pattern(1000));
    await fs._get(`${server.url}/simple`, `${dir}/tree`, { recursive: true });
    assertEquals(await Deno.readFile(`${dir}/tree/file`), pattern(10, 1));
    assertEquals(
      await Deno.readFile(`${dir}/tree/dir/file`),
      pattern(20, 2),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("HTTPFileSystem._putFile() streams a file with POST, or PUT by option, with the instance's headers", async () => {
  await using server = startServer();
  await using fs = httpFs({ headers: { authorization: "Bearer t" } });
  const dir = await Deno.makeTempDir();
  try {
    const data = pattern(3 << 20);
    await Deno.writeFile(`${dir}/src`, data);
    const callback = new Callback();
    await fs._putFile(`${dir}/src`, `${server.url}/up/a`, { callback });
    await fs._putFile(`${dir}/src`, `${server.url}/up/b`, { method: "PUT" });
    const [post] = server.seen("/up/a");
    const [put] = server.seen("/up/b");
    assertStrictEquals(post.method, "POST");
    assertStrictEquals(put.method, "PUT");
    assertEquals(post.body, data);
    assertStrictEquals(post.headers.get("authorization"), "Bearer t");
    assertStrictEquals(put.headers.get("authorization"), "Bearer t");
    assertStrictEquals(callback.value, data.length);
    await assertRejects(
      () => fs._putFile(`${dir}/absent`, `${server.url}/up/c`),
      FileNotFoundError,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("HTTPFileSystem._pipeFile() PUTs with the instance's headers (fsspec forgets them) and _rmFile() DELETEs", async () => {
  await using server = startServer();
  await using fs = httpFs({ headers: { "x-token": "t" } });
  const url = `${server.url}/piped`;
  await fs._pipeFile(url, new TextEncoder().encode("hello"));
  const [put] = server.seen("/piped", "PUT");
  assertStrictEquals(put.headers.get("x-token"), "t");
  assertStrictEquals(text(await fs._catFile(url)), "hello");
  await fs._rmFile(url);
  assertStrictEquals(
    server.seen("/piped", "DELETE")[0].headers.get("x-token"),
    "t",
  );
  assertStrictEquals(await fs._exists(url), false);
  await assertRejects(() => fs._rmFile(url), FileNotFoundError);
});

Deno.test("HTTPFileSystem.openAsync() reads and seeks with ranges, also when Range is ignored", async () => {
  await using server = treeServer();
  await using fs = httpFs({ blockSize: 64 });
  const url = `${server.url}/index/realfile`;
  const data = pattern(1000);
  for (const range of [true, false]) {
    server.behaviour.range = range;
    await using f = await fs.openAsync(url);
    assertStrictEquals(f.size, 1000);
    assertEquals(await f.read(5), data.subarray(0, 5));
    f.seek(5, 1);
    assertEquals(await f.read(5), data.subarray(10, 15));
    f.seek(-3, 2);
    assertEquals(await f.read(), data.subarray(997));
  }
});

Deno.test("HTTPFileSystem.openAsync() reads a file whose HEAD says length 0", async () => {
  const lying: typeof fetch = (_input, init) =>
    Promise.resolve(
      init?.method === "HEAD"
        ? new Response(null, { headers: { "content-length": "0" } })
        : new Response("some data"),
    );
  await using fs = httpFs({ fetch: lying });
  await using f = await fs.openAsync("http://h.invalid/f");
  assertStrictEquals(text(await f.read()), "some data");
});

Deno.test("HTTPFileSystem._expandPath() and _walk() follow listings as fsspec's", async () => {
  await using server = treeServer();
  await using fs = httpFs();
  const index = `${server.url}/index`;
  assertEquals(
    await fs._expandPath(index, { recursive: true, maxDepth: 1 }),
    [index, `${index}/otherfile`, `${index}/realfile`],
  );
  await assertRejects(() => fs._expandPath(index, { maxDepth: 0 }), RangeError);
  const steps = [];
  for await (const step of fs._walk(`${server.url}/simple`)) steps.push(step);
  assertEquals(steps, [
    [`${server.url}/simple`, ["dir"], ["file"]],
    [`${server.url}/simple/dir`, [], ["file"]],
  ]);
});
