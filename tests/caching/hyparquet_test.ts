/**
 * hyparquet reads a Parquet file from nginx through `openAsync`: an
 * `AsyncFile` is a hyparquet `AsyncBuffer` as it is. The file is written by
 * hyparquet-writer into a temporary directory. A proxy in front of nginx
 * counts the requests hyparquet's reads cost through the file's cache.
 */

import { assertEquals } from "@std/assert";
import { parquetReadObjects } from "npm:hyparquet@1";
import { parquetWriteBuffer } from "npm:hyparquet-writer@0";
import { HTTPFileSystem } from "../../mod.ts";
import { requireBinary, startNginx } from "../http/servers.ts";
import { seededRandom, startCountingProxy } from "./_proxy.ts";

const ROWS = 120_000;
const ROW_GROUP = 30_000;

function rows(): { id: number; name: string; value: number }[] {
  const random = seededRandom(9);
  return Array.from({ length: ROWS }, (_, id) => ({
    id,
    name: `row ${id} ${Math.floor(random() * 1e9).toString(36)}`,
    value: random(),
  }));
}

Deno.test("hyparquet reads a Parquet file from nginx through openAsync with equal rows, in few requests", async (t) => {
  const bin = requireBinary("nginx", { fallbacks: ["/usr/sbin/nginx"] });
  if (!bin) return;
  const dir = await Deno.makeTempDir({ prefix: "fsspec_hyparquet_" });
  try {
    await using nginx = await startNginx(bin, dir);
    const expected = rows();
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: "id", data: expected.map((r) => r.id), type: "INT32" },
        { name: "name", data: expected.map((r) => r.name), type: "STRING" },
        { name: "value", data: expected.map((r) => r.value), type: "DOUBLE" },
      ],
      rowGroupSize: ROW_GROUP,
    });
    await Deno.writeFile(`${nginx.root}/t.parquet`, new Uint8Array(buffer));
    await using proxy = startCountingProxy(nginx.url);
    await using fs = new HTTPFileSystem({ asynchronous: true });
    const url = `${proxy.url}/t.parquet`;

    const read = async (options = {}) => {
      proxy.reset();
      await using file = await fs.openAsync(url, options);
      assertEquals(file.byteLength, buffer.byteLength);
      const got = await parquetReadObjects({ file });
      const seen = proxy.seen.map((r) => `${r.method} ${r.range ?? ""}`);
      return { got, seen };
    };

    const size = buffer.byteLength;
    // hyparquet reads the last 512 KiB (its initialFetchSize) for the footer,
    // then each row group's column chunks in one slice; the data starts
    // after the 4-byte magic "PAR1"
    const footer = Math.max(0, size - 512 * 1024);
    const rowGroups = ROWS / ROW_GROUP;

    await t.step(
      "the default cache (bytes): HEAD, the footer, the body before it",
      async () => {
        const { got, seen } = await read();
        assertEquals(got, expected);
        assertEquals(seen, [
          "HEAD ",
          `GET bytes=${footer}-${size - 1}`,
          `GET bytes=4-${footer - 1}`,
        ]);
      },
    );
    await t.step("none: HEAD, the footer, one GET per row group", async () => {
      const { got, seen } = await read({ cacheType: "none" });
      assertEquals(got, expected);
      assertEquals(seen.length, 2 + rowGroups);
      assertEquals(seen.slice(0, 2), [
        "HEAD ",
        `GET bytes=${footer}-${size - 1}`,
      ]);
    });
    await t.step(
      "blockcache of 1 MiB: HEAD, then each block once",
      async () => {
        const bs = 2 ** 20;
        const { got, seen } = await read({
          cacheType: "blockcache",
          blockSize: bs,
        });
        assertEquals(got, expected);
        const blocks = Array.from(
          { length: Math.ceil(size / bs) },
          (_, i) => `GET bytes=${i * bs}-${Math.min(size, (i + 1) * bs) - 1}`,
        );
        assertEquals(seen[0], "HEAD ");
        assertEquals(seen.slice(1).sort(), blocks.sort());
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
