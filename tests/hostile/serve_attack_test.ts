// Issue 11, row 9: serveFileSystem under attack (traversal spellings are in
// tests/serve/traversal_test.ts): a 1 GB PUT to a read-only server, 1,000
// concurrent Range requests, a client that reads slowly. Nothing outside
// the root is read or written, and other clients keep being answered.
import { assert, assertEquals, assertLess } from "@std/assert";
import {
  type CatFileOptions,
  type FileInfo,
  type IOOptions,
  MemoryFileSystem,
} from "../../mod.ts";
import { serve } from "../serve/_serve_helpers.ts";

const MiB = 2 ** 20;

/** A memory filesystem that records every path it is asked about and the bytes it reads. */
class Recording extends MemoryFileSystem {
  touched = new Set<string>();
  bytesRead = 0;
  writes = 0;

  override async _info(path: string, options?: IOOptions): Promise<FileInfo> {
    this.touched.add(path);
    return await super._info(path, options);
  }

  override async _catFile(
    path: string,
    options?: CatFileOptions,
  ): Promise<Uint8Array> {
    this.touched.add(path);
    const bytes = await super._catFile(path, options);
    this.bytesRead += bytes.length;
    return bytes;
  }

  override async _pipeFile(
    path: string,
    data: Uint8Array,
    options?: IOOptions,
  ): Promise<void> {
    this.writes++;
    return await super._pipeFile(path, data, options);
  }
}

async function tree(store: string): Promise<Recording> {
  const fs = new Recording({ asynchronous: true, store });
  await fs._pipeFile("/secret.txt", new TextEncoder().encode("outside"));
  const data = new Uint8Array(16 * MiB);
  for (let i = 0; i < data.length; i += 4096) data[i] = (i / 4096) & 0xff;
  await fs._pipeFile("/www/big.bin", data);
  await fs._pipeFile("/www/small.txt", new TextEncoder().encode("small"));
  fs.writes = 0;
  return fs;
}

/** Paths the filesystem was asked about that lie outside `/www`. */
function outside(fs: Recording): string[] {
  return [...fs.touched].filter((p) => p !== "/www" && !p.startsWith("/www/"));
}

/** Reads the status code of an HTTP/1.1 answer on a raw connection. */
async function readStatus(conn: Deno.TcpConn): Promise<number> {
  const buf = new Uint8Array(4096);
  let text = "";
  for (let reads = 0; reads < 100 && !text.includes("\r\n"); reads++) {
    const n = await conn.read(buf);
    if (n === null) break;
    text += new TextDecoder().decode(buf.subarray(0, n));
  }
  return Number(text.split(" ")[1]);
}

async function smallOk(url: string): Promise<void> {
  const res = await fetch(`${url}/small.txt`);
  assertEquals(await res.text(), "small");
}

Deno.test("serveFileSystem refuses a 1 GB PUT with 405 when not writable, without reading the body", async () => {
  const fs = await tree("hostile-put");
  await using server = serve(fs, { root: "/www" });
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: server.port });
  try {
    const head = `PUT /../secret.txt HTTP/1.1\r\nHost: x\r\n` +
      `Content-Length: ${1024 * MiB}\r\n\r\n`;
    await conn.write(new TextEncoder().encode(head));
    await conn.write(new Uint8Array(64 * 1024)); // 64 KiB of the promised 1 GiB
    const put = `PUT /new.bin HTTP/1.1\r\nHost: x\r\nContent-Length: ${
      1024 * MiB
    }\r\n\r\n`;
    const conn2 = await Deno.connect({
      hostname: "127.0.0.1",
      port: server.port,
    });
    try {
      await conn2.write(new TextEncoder().encode(put));
      // the answers come while almost all of the body is still unsent
      assert([400, 405].includes(await readStatus(conn)));
      assertEquals(await readStatus(conn2), 405);
    } finally {
      conn2.close();
    }
  } finally {
    conn.close();
  }
  await smallOk(server.url);
  assertEquals(fs.writes, 0);
  assertEquals(await fs._exists("/www/new.bin"), false);
  assertEquals(outside(fs), []);
});

Deno.test("serveFileSystem answers 1,000 concurrent Range requests, each with its bytes", async () => {
  const fs = await tree("hostile-ranges");
  await using server = serve(fs, { root: "/www" });
  const expected = await fs._catFile("/www/big.bin");
  const client = Deno.createHttpClient({});
  try {
    const answers = await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        const start = i * 16_001;
        const end = start + 4096;
        const res = await fetch(`${server.url}/big.bin`, {
          headers: { range: `bytes=${start}-${end - 1}` },
          client,
        });
        const body = await res.bytes();
        return {
          i,
          status: res.status,
          ok: equal(body, expected.subarray(start, end)),
        };
      }),
    );
    for (const { i, status, ok } of answers) {
      assertEquals(status, 206, `request ${i}`);
      assert(ok, `bytes of request ${i}`);
    }
  } finally {
    client.close();
  }
  await smallOk(server.url);
  assertEquals(outside(fs), []);
});

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

Deno.test("serveFileSystem keeps answering other clients while one reads a 16 MiB file slowly, and reads ahead of it only a little", async () => {
  const fs = await tree("hostile-slow");
  fs.bytesRead = 0;
  await using server = serve(fs, { root: "/www" });
  const slow = await Deno.connect({ hostname: "127.0.0.1", port: server.port });
  try {
    await slow.write(
      new TextEncoder().encode("GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n"),
    );
    // read a trickle: 10 reads of at most 1 KiB
    const buf = new Uint8Array(1024);
    let got = 0;
    for (let i = 0; i < 10; i++) got += (await slow.read(buf)) ?? 0;
    assert(got > 0);
    for (let i = 0; i < 20; i++) await smallOk(server.url);
    // the slow client's file is read as it takes it, not whole: socket
    // buffers and a chunk or two (1 MiB each) at most
    for (let i = 0; i < 10; i++) got += (await slow.read(buf)) ?? 0;
    const small = 21 * 5; // the small file's reads
    assert(fs.bytesRead - small >= got, "the big file was read");
    assertLess(fs.bytesRead - small, 8 * MiB, "not read whole");
  } finally {
    slow.close();
  }
  await smallOk(server.url);
  assertEquals(outside(fs), []);
});
