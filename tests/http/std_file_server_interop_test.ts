/**
 * HTTPFileSystem against `@std/http/file-server` (`serveDir`), a third real
 * server beside nginx and Python's `http.server`: Deno's own static file
 * server, run as a process of its own so that the blocking face can be
 * tested too.
 */

import { assert, assertEquals } from "@std/assert";
import { filesystem, HTTPFileSystem, IOLoop } from "../../mod.ts";
import { startStdFileServer } from "./servers.ts";
import { pattern } from "./test_server.ts";

/** The lengths of the files served below `/data`. */
const LENGTHS: Record<string, number> = {
  "a.txt": 6,
  "space name.txt": 13,
  "sub/b.bin": 5000,
  "sub/deeper/c.txt": 12,
  "sub/deeper/d.bin": 70_000,
};
/** Relative name → bytes, each file its own pattern. */
const TREE: Record<string, Uint8Array> = Object.fromEntries(
  Object.entries(LENGTHS).map(([name, n], seed) => [name, pattern(n, seed)]),
);

const quoted = (name: string) => name.replace(" ", "%20");

Deno.test("HTTPFileSystem against @std/http/file-server serveDir: ls, find, info, cat, catFile ranges, in both faces", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "fsspec_servedir_" });
  try {
    for (const [name, data] of Object.entries(TREE)) {
      const path = `${dir}/data/${name}`;
      await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), {
        recursive: true,
      });
      await Deno.writeFile(path, data);
    }
    await using server = await startStdFileServer(dir);
    await using fs = new HTTPFileSystem({ asynchronous: true });
    const base = `${server.url}/data`;
    const files = Object.keys(TREE).map((n) => `${base}/${quoted(n)}`).sort();
    const d = `${base}/sub/deeper/d.bin`;

    await t.step("ls lists names and types", async () => {
      assertEquals(
        (await fs._ls(`${base}/`)).map((i) => [i.name, i.type]),
        [
          [`${base}/a.txt`, "file"],
          [`${base}/space%20name.txt`, "file"],
          [`${base}/sub`, "directory"],
        ],
      );
    });

    await t.step(
      "find gives every file, with real sizes in detail",
      async () => {
        assertEquals(await fs._find(base), files);
        const detail = await fs._find(base, { detail: true });
        assertEquals(
          [...detail.values()].map((i) => [i.name, i.size, i.type]),
          Object.entries(TREE)
            .map(([n, data]) => [`${base}/${quoted(n)}`, data.length, "file"])
            .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
        );
      },
    );

    await t.step("info gives size, type, mimetype and validators", async () => {
      const info = await fs._info(d);
      assertEquals([info.size, info.type], [70_000, "file"]);
      assert(typeof info.ETag === "string" && info.ETag !== "");
      assert(typeof info["Last-Modified"] === "string");
      assertEquals((await fs._info(`${base}/a.txt`)).mimetype, "text/plain");
      assertEquals((await fs._info(`${base}/sub`)).type, "directory");
      assertEquals(await fs._isDir(`${base}/sub`), true);
      assertEquals(await fs._isFile(`${base}/sub/b.bin`), true);
    });

    await t.step(
      "cat and catFile give the bytes, whole and in ranges",
      async () => {
        const data = TREE["sub/deeper/d.bin"];
        assertEquals(await fs._catFile(d), data);
        assertEquals(
          await fs._catFile(d, { start: 100, end: 65_000 }),
          data.subarray(100, 65_000),
        );
        assertEquals(await fs._catFile(d, { start: -10 }), data.subarray(-10));
        assertEquals(
          await fs._catFile(d, { start: 80_000, end: 90_000 }),
          new Uint8Array(0),
        );
        const all = await fs._cat(base, { recursive: true });
        assert(all instanceof Map);
        assertEquals([...all.keys()].sort(), files);
        for (const [name, bytes] of Object.entries(TREE)) {
          assertEquals(all.get(`${base}/${quoted(name)}`), bytes);
        }
      },
    );

    await t.step(
      "the blocking face gives the same ls, find, info and bytes",
      async () => {
        await using loop = new IOLoop();
        const blocking = await filesystem("http", {
          loop,
          skipInstanceCache: true,
        });
        assertEquals(
          blocking.ls(`${base}/`, { detail: false }),
          [`${base}/a.txt`, `${base}/space%20name.txt`, `${base}/sub`],
        );
        assertEquals(blocking.find(base), files);
        assertEquals(blocking.info(d).size, 70_000);
        assertEquals(
          blocking.catFile(d, { start: 10, end: 20 }),
          TREE["sub/deeper/d.bin"].subarray(10, 20),
        );
        assertEquals(
          blocking.cat(`${base}/sub/b.bin`),
          TREE["sub/b.bin"],
        );
        await blocking.close();
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
