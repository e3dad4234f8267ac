/**
 * HTTPFileSystem against servers nobody here wrote: nginx (autoindex, Range,
 * WebDAV PUT/DELETE) and Python's `http.server` (no Range), each started by
 * the test in a temporary directory. Where a binary is missing the test
 * prints a notice and skips, except on CI (`CI` set, and neither `false` nor
 * `0`), where it fails.
 */

import {
  assert,
  assertEquals,
  assertRejects,
  assertStrictEquals,
  assertThrows,
} from "@std/assert";
import {
  FileNotFoundError,
  filesystem,
  HTTPFileSystem,
  type HTTPFileSystemOptions,
  IOLoop,
} from "../../mod.ts";
import { requireBinary, startNginx, startPythonServer } from "./servers.ts";

function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed * 7) & 0xff;
  return out;
}

/** The tree every suite serves: relative name → bytes. */
const TREE: Record<string, Uint8Array> = {
  "a.txt": new TextEncoder().encode("alpha\n"),
  "space name.txt": new TextEncoder().encode("with a space\n"),
  "sub/b.bin": bytes(5000, 1),
  "sub/deeper/c.txt": new TextEncoder().encode("gamma gamma\n"),
  "sub/deeper/d.bin": bytes(70_000, 2),
};

async function writeTree(root: string): Promise<void> {
  for (const [name, data] of Object.entries(TREE)) {
    const path = `${root}/data/${name}`;
    await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    await Deno.writeFile(path, data);
  }
}

async function localTree(root: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(`${root}/${prefix}`)) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) out.push(...await localTree(root, name));
    else out.push(name);
  }
  return out.sort();
}

Deno.test("HTTPFileSystem against nginx: ls, find, glob, info, cat, du, get, put, rm, in both faces", async (t) => {
  const bin = requireBinary("nginx", { fallbacks: ["/usr/sbin/nginx"] });
  if (!bin) return;
  const dir = await Deno.makeTempDir({ prefix: "fsspec_nginx_" });
  try {
    await using server = await startNginx(bin, dir, {
      autoindex: true,
      webdav: true,
    });
    await writeTree(server.root);
    const options: HTTPFileSystemOptions = {
      asynchronous: true,
      uploadMethod: "PUT",
    };
    await using fs = new HTTPFileSystem(options);
    const base = `${server.url}/data`;
    const quoted = (name: string) => name.replace(" ", "%20");
    const files = Object.keys(TREE).map((n) => `${base}/${quoted(n)}`).sort();

    await t.step("ls lists names and types", async () => {
      assertEquals(await fs._ls(base), [
        { name: `${base}/a.txt`, size: null, type: "file" },
        { name: `${base}/space%20name.txt`, size: null, type: "file" },
        { name: `${base}/sub`, size: null, type: "directory" },
      ]);
    });

    await t.step(
      "find gives every file, with real sizes in detail",
      async () => {
        assertEquals(await fs._find(base), files);
        const detail = await fs._find(base, { detail: true });
        for (const [name, data] of Object.entries(TREE)) {
          assertStrictEquals(
            detail.get(`${base}/${quoted(name)}`)?.size,
            data.length,
          );
        }
        assertEquals(
          await fs._find(base, { withDirs: true, maxDepth: 1 }),
          [
            base,
            `${base}/a.txt`,
            `${base}/space%20name.txt`,
            `${base}/sub`,
          ],
        );
      },
    );

    await t.step("glob matches within and across directories", async () => {
      assertEquals(await fs._glob(`${base}/*.txt`), [
        `${base}/a.txt`,
        `${base}/space%20name.txt`,
      ]);
      assertEquals(await fs._glob(`${base}/**/*.bin`), [
        `${base}/sub/b.bin`,
        `${base}/sub/deeper/d.bin`,
      ]);
    });

    await t.step("info gives size, type, mimetype, ETag", async () => {
      const info = await fs._info(`${base}/sub/deeper/d.bin`);
      assertStrictEquals(info.size, 70_000);
      assertStrictEquals(info.type, "file");
      assertStrictEquals(typeof info.ETag, "string");
      assertStrictEquals(typeof info["Last-Modified"], "string");
      assertStrictEquals(
        (await fs._info(`${base}/a.txt`)).mimetype,
        "text/plain",
      );
      const sub = await fs._info(`${base}/sub`);
      assertStrictEquals(sub.type, "directory");
      assertStrictEquals(sub.url, `${base}/sub/`);
      assertStrictEquals(await fs._isDir(`${base}/sub`), true);
      assertStrictEquals(await fs._isDir(`${base}/sub/b.bin`), false);
      assertStrictEquals(await fs._isFile(`${base}/sub/b.bin`), true);
    });

    await t.step("cat gives the bytes, whole and in ranges", async () => {
      const d = TREE["sub/deeper/d.bin"];
      const url = `${base}/sub/deeper/d.bin`;
      assertEquals(await fs._catFile(url), d);
      assertEquals(
        await fs._catFile(url, { start: 100, end: 65_000 }),
        d.subarray(100, 65_000),
      );
      assertEquals(await fs._catFile(url, { start: -10 }), d.subarray(-10));
      assertEquals(
        await fs._catFile(url, { start: 80_000, end: 90_000 }),
        new Uint8Array(0),
      );
      const all = await fs._cat(base, { recursive: true });
      assert(all instanceof Map);
      assertEquals([...all.keys()].sort(), files);
      for (const [name, data] of Object.entries(TREE)) {
        assertEquals(all.get(`${base}/${quoted(name)}`), data);
      }
      assertEquals(
        await fs._cat(`${base}/space name.txt`),
        TREE["space name.txt"],
      );
    });

    await t.step("du sums the real sizes", async () => {
      const total = Object.values(TREE).reduce((n, d) => n + d.length, 0);
      assertStrictEquals(await fs._du(base), total);
    });

    await t.step("get(recursive) reproduces the tree locally", async () => {
      const target = `${dir}/copy`;
      await fs._get(base, target, { recursive: true });
      assertEquals(
        await localTree(target),
        Object.keys(TREE).map(quoted).sort(),
      );
      for (const [name, data] of Object.entries(TREE)) {
        assertEquals(
          await Deno.readFile(`${target}/${quoted(name)}`),
          data,
        );
      }
    });

    await t.step(
      "the blocking face gives the same ls, find, glob, info, cat, du, get",
      async () => {
        await using loop = new IOLoop();
        const blocking = await filesystem("http", {
          ...options,
          asynchronous: false,
          loop,
          skipInstanceCache: true,
        });
        const d = `${base}/sub/deeper/d.bin`;
        const served = new Map(
          Object.entries(TREE).map(([name, data]) => [
            `${base}/${quoted(name)}`,
            data,
          ]),
        );
        // each against known values, and against the async face
        assertEquals(blocking.ls(base, { detail: false }), [
          `${base}/a.txt`,
          `${base}/space%20name.txt`,
          `${base}/sub`,
        ]);
        assertEquals(blocking.ls(base), await fs._ls(base));
        assertEquals(blocking.find(base), files);
        const detail = blocking.find(base, { detail: true });
        assertEquals(
          [...detail].map(([name, info]) => [name, info.size, info.type]),
          files.map((url) => [url, served.get(url)?.length ?? null, "file"]),
        );
        assertEquals(detail, await fs._find(base, { detail: true }));
        assertEquals(blocking.glob(`${base}/**/*.bin`), [
          `${base}/sub/b.bin`,
          `${base}/sub/deeper/d.bin`,
        ]);
        const info = blocking.info(d);
        assertStrictEquals(info.size, 70_000);
        assertStrictEquals(info.type, "file");
        assertEquals(info, await fs._info(d));
        assertEquals(blocking.catFile(d), TREE["sub/deeper/d.bin"]);
        assertEquals(
          blocking.catFile(d, { start: 10, end: 20 }),
          TREE["sub/deeper/d.bin"].subarray(10, 20),
        );
        assertEquals(
          blocking.cat(base, { recursive: true }),
          served,
        );
        assertStrictEquals(
          blocking.du(base),
          Object.values(TREE).reduce((sum, data) => sum + data.length, 0),
        );
        assertThrows(() => blocking.info(`${base}/nope`), FileNotFoundError);
        const target = `${dir}/blocking-copy`;
        blocking.get(base, target, { recursive: true });
        assertEquals(
          await localTree(target),
          Object.keys(TREE).map(quoted).sort(),
        );
      },
    );

    await t.step("put, pipe and rm go through WebDAV", async () => {
      const src = `${dir}/upload.bin`;
      await Deno.writeFile(src, bytes(3 << 20, 3));
      await fs._putFile(src, `${server.url}/up/new/upload.bin`);
      assertEquals(
        await Deno.readFile(`${server.root}/up/new/upload.bin`),
        bytes(3 << 20, 3),
      );
      await fs._pipeFile(`${server.url}/up/piped.txt`, new Uint8Array([1, 2]));
      assertEquals(
        await fs._catFile(`${server.url}/up/piped.txt`),
        new Uint8Array([1, 2]),
      );
      await fs._rm([
        `${server.url}/up/piped.txt`,
        `${server.url}/up/new/upload.bin`,
      ]);
      assertStrictEquals(await fs._exists(`${server.url}/up/piped.txt`), false);
      assertStrictEquals(
        await fs._exists(`${server.url}/up/new/upload.bin`),
        false,
      );
      // a recursive rm takes the directories too (DELETE of "dir/")
      await fs._put(`${dir}/upload.bin`, `${server.url}/up/tree/a/b.bin`);
      await fs._rm(`${server.url}/up`, { recursive: true });
      await assertRejects(
        () => Deno.stat(`${server.root}/up`),
        Deno.errors.NotFound,
      );
    });

    await t.step(
      "cat of 5,000 files returns every one, byte-exact",
      async () => {
        const many = `${server.root}/many`;
        await Deno.mkdir(many);
        const urls: string[] = [];
        const writes: Promise<void>[] = [];
        for (let i = 0; i < 5000; i++) {
          writes.push(Deno.writeFile(`${many}/f${i}`, bytes(1024, i)));
          urls.push(`${server.url}/many/f${i}`);
        }
        await Promise.all(writes); // in parallel: faster than one by one
        const out = await fs._cat(urls);
        assertStrictEquals(out.size, 5000);
        for (let i = 0; i < 5000; i++) {
          assertEquals(out.get(urls[i]), bytes(1024, i), urls[i]);
        }
        // all 5,000 at once: the per-host cap keeps nginx (1024 connections) and fetch whole
        const burst = await fs._cat(urls, { batchSize: -1 });
        assertStrictEquals(burst.size, 5000);
        assertEquals(burst.get(urls[4999]), bytes(1024, 4999));
        assertStrictEquals((await fs._find(`${server.url}/many`)).length, 5000);
        // and in the blocking face
        await using loop = new IOLoop();
        const blocking = await filesystem("http", {
          loop,
          skipInstanceCache: true,
        });
        const blocked = blocking.cat(urls);
        assert(blocked instanceof Map);
        assertStrictEquals(blocked.size, 5000);
        for (let i = 0; i < 5000; i++) {
          assertEquals(blocked.get(urls[i]), bytes(1024, i), urls[i]);
        }
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("HTTPFileSystem against python3 -m http.server: ranges sliced from whole answers, listings, info", async (t) => {
  const bin = requireBinary("python3");
  if (!bin) return;
  const dir = await Deno.makeTempDir({ prefix: "fsspec_python_" });
  try {
    await writeTree(dir);
    await using server = await startPythonServer(bin, dir);
    await using fs = new HTTPFileSystem({ asynchronous: true });
    const base = `${server.url}/data`;

    await t.step(
      "catFile(start: 10, end: 20) gives exactly those 10 bytes",
      async () => {
        const url = `${base}/sub/b.bin`;
        const out = await fs._catFile(url, { start: 10, end: 20 });
        assertEquals(out, TREE["sub/b.bin"].subarray(10, 20));
        assertEquals(
          await fs._catFile(url, { start: -5 }),
          TREE["sub/b.bin"].subarray(-5),
        );
        await using loop = new IOLoop();
        const blocking = await filesystem("http", {
          loop,
          skipInstanceCache: true,
        });
        assertEquals(
          blocking.catFile(url, { start: 10, end: 20 }),
          TREE["sub/b.bin"].subarray(10, 20),
        );
      },
    );

    await t.step("info and listings", async () => {
      assertStrictEquals(
        (await fs._info(`${base}/sub/deeper/d.bin`)).size,
        70_000,
      );
      assertEquals(await fs._ls(base, { detail: false }), [
        `${base}/a.txt`,
        `${base}/space%20name.txt`,
        `${base}/sub`,
      ]);
      assertStrictEquals(await fs._isDir(`${base}/sub`), true);
      assertStrictEquals(
        (await fs._find(base)).length,
        Object.keys(TREE).length,
      );
    });

    await t.step(
      "a file opened for random access reads right without Range",
      async () => {
        await using f = await fs.openAsync(`${base}/sub/deeper/d.bin`, {
          blockSize: 4096,
        });
        f.seek(60_000);
        assertEquals(
          await f.read(100),
          TREE["sub/deeper/d.bin"].subarray(60_000, 60_100),
        );
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
