import {
  assertEquals,
  assertMatch,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";

import { run } from "./_cli.ts";

const FILES: Record<string, string> = {
  "/a.txt": "alpha\n",
  "/b.txt": "bravo bravo\n",
  "/": '<html><body><a href="a.txt">a</a> <a href="b.txt">b</a></body></html>',
};

/** A local server of FILES on 127.0.0.1 for the body of one test. */
async function withServer(fn: (base: string) => Promise<void>) {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => {
      const body = FILES[new URL(req.url).pathname];
      if (body === undefined) return new Response("missing", { status: 404 });
      const bytes = new TextEncoder().encode(body);
      return new Response(req.method === "HEAD" ? null : bytes, {
        headers: {
          "content-length": String(bytes.length),
          "content-type": body.startsWith("<") ? "text/html" : "text/plain",
        },
      });
    },
  );
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`);
  } finally {
    await server.shutdown();
  }
}

/** A temp directory holding `a` (3 bytes) and `sub/b` (5 bytes). */
async function withTree(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/a`, "one");
    await Deno.mkdir(`${dir}/sub`);
    await Deno.writeTextFile(`${dir}/sub/b`, "three");
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("cli ls lists names, and with --long name, type and size", async () => {
  await withTree(async (dir) => {
    const short = await run("ls", dir);
    assertStrictEquals(short.code, 0);
    assertStrictEquals(short.text, `${dir}/a\n${dir}/sub\n`);
    const long = await run("ls", dir, "--long");
    assertStrictEquals(long.code, 0);
    const lines = long.text.trimEnd().split("\n").map((l) => l.split("\t"));
    assertEquals(lines[0], [`${dir}/a`, "file", "3"]);
    assertEquals(lines[1].slice(0, 2), [`${dir}/sub`, "directory"]);
  });
});

Deno.test("cli ls of an HTML index page lists its links", async () => {
  await withServer(async (base) => {
    const out = await run("ls", `${base}/`);
    assertStrictEquals(out.code, 0, out.stderr);
    assertStrictEquals(out.text, `${base}/a.txt\n${base}/b.txt\n`);
  });
});

Deno.test("cli cat writes many URLs' bytes concatenated in order", async () => {
  await withTree(async (dir) => {
    await withServer(async (base) => {
      const out = await run(
        "cat",
        `${base}/b.txt`,
        `${dir}/sub/b`,
        `${base}/a.txt`,
        `${dir}/a`,
        "--batch-size",
        "1",
      );
      assertStrictEquals(out.code, 0, out.stderr);
      assertEquals(
        out.stdout,
        new TextEncoder().encode("bravo bravo\nthreealpha\none"),
      );
    });
  });
});

Deno.test("cli cat of a 404 prints one Cannot line and exits 1", async () => {
  await withServer(async (base) => {
    const out = await run("cat", `${base}/a.txt`, `${base}/nope.txt`);
    assertStrictEquals(out.code, 1);
    assertStrictEquals(out.text, "");
    assertMatch(out.stderr, /^Cannot [^\n]*nope\.txt[^\n]*\n$/);
  });
});

Deno.test("cli info prints the FileInfo as JSON", async () => {
  await withServer(async (base) => {
    const out = await run("info", `${base}/b.txt`);
    assertStrictEquals(out.code, 0, out.stderr);
    const info = JSON.parse(out.text);
    assertStrictEquals(info.name, `${base}/b.txt`);
    assertStrictEquals(info.size, 12);
    assertStrictEquals(info.type, "file");
  });
});

Deno.test("cli find, find --maxdepth and du walk a local tree", async () => {
  await withTree(async (dir) => {
    const all = await run("find", dir);
    assertStrictEquals(all.text, `${dir}/a\n${dir}/sub/b\n`);
    const shallow = await run("find", dir, "--maxdepth", "1");
    assertStrictEquals(shallow.text, `${dir}/a\n`);
    const du = await run("du", dir);
    assertStrictEquals(du.code, 0);
    assertStrictEquals(du.text, "8\n");
  });
});

Deno.test("cli get downloads a URL and a tree with --recursive", async () => {
  await withTree(async (dir) => {
    await withServer(async (base) => {
      const one = await run("get", `${base}/a.txt`, `${dir}/got.txt`);
      assertStrictEquals(one.code, 0, one.stderr);
      assertStrictEquals(await Deno.readTextFile(`${dir}/got.txt`), "alpha\n");
    });
    const tree = await run("get", `${dir}/sub`, `${dir}/copy`, "-r");
    assertStrictEquals(tree.code, 0, tree.stderr);
    assertStrictEquals(await Deno.readTextFile(`${dir}/copy/b`), "three");
  });
});

Deno.test("cli put uploads a local tree with --recursive", async () => {
  await withTree(async (dir) => {
    const out = await run(
      "put",
      `${dir}/sub`,
      `file://${dir}/up`,
      "--recursive",
      "--batch-size",
      "2",
    );
    assertStrictEquals(out.code, 0, out.stderr);
    assertStrictEquals(await Deno.readTextFile(`${dir}/up/b`), "three");
  });
});

Deno.test("cli rm deletes a file, a tree with --recursive, and exits 1 for a missing one", async () => {
  await withTree(async (dir) => {
    assertStrictEquals((await run("rm", `${dir}/a`)).code, 0);
    await assertRejects(() => Deno.stat(`${dir}/a`), Deno.errors.NotFound);
    assertStrictEquals((await run("rm", `${dir}/sub`, "-r")).code, 0);
    await assertRejects(() => Deno.stat(`${dir}/sub`), Deno.errors.NotFound);
    const missing = await run("rm", `${dir}/gone`);
    assertStrictEquals(missing.code, 1);
    assertMatch(missing.stderr, /^Cannot [^\n]*gone[^\n]*\n$/);
  });
});

Deno.test("cli bad usage prints usage to stderr and exits 2", async () => {
  for (
    const args of [
      [],
      ["frobnicate", "/"],
      ["cat"],
      ["get", "/only-one"],
      ["ls", "/", "--nope"],
      ["find", "/", "--maxdepth", "x"],
      ["cat", "/", "--batch-size", "0"],
    ]
  ) {
    const out = await run(...args);
    assertStrictEquals(out.code, 2, args.join(" "));
    assertStrictEquals(out.text, "");
    assertMatch(out.stderr, /Usage: cli\.ts/);
  }
});

Deno.test("cli --help prints usage to stdout and exits 0", async () => {
  const out = await run("--help");
  assertStrictEquals(out.code, 0);
  assertMatch(out.text, /^Usage: cli\.ts/);
  assertMatch(out.text, /--batch-size N/);
});
