/**
 * Issue 12, cases 1-4: exact bytes (or a clear error where no exact bytes
 * can be had) from `_catFile` with a range, `seek` + `read` from the middle
 * of an open file, and `read()` of a whole file, under every combination of
 * the switch server's switches, through the async and the blocking face.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import { HTTPError, HTTPFileSystem, IOLoop } from "../../mod.ts";
import {
  allSwitches,
  blockingHttp,
  label,
  startRemoteSwitchServer,
  type Switches,
} from "./switch_server.ts";

/** The file's size, as in the issue. */
const SIZE = 14999;
const DATA = new Uint8Array(SIZE).map((_, i) => (i * 31 + 7) & 0xff);
const PATH = "/data/file.bin";

/** The three reads every combination is checked with. */
interface Face {
  /** `_catFile(url, { start: 1000, end: 1100 })`. */
  catRange(url: string): Promise<Uint8Array>;
  /** Open, `seek(5000)`, `read(100)`. */
  readMiddle(url: string): Promise<Uint8Array>;
  /** Open, `read()`. */
  readAll(url: string): Promise<Uint8Array>;
}

const READS = [
  { name: "catRange", from: 1000, to: 1100 },
  { name: "readMiddle", from: 5000, to: 5100 },
  { name: "readAll", from: 0, to: SIZE },
] as const;

/** What a read gave: "exact", the error's class and status, or what was wrong. */
async function outcome(
  read: Promise<Uint8Array>,
  from: number,
  to: number,
): Promise<string> {
  try {
    const got = await read;
    const want = DATA.subarray(from, to);
    if (got.length === want.length && got.every((b, i) => b === want[i])) {
      return "exact";
    }
    return `wrong bytes (${got.length})`;
  } catch (error) {
    if (error instanceof HTTPError) return `HTTPError ${error.status}`;
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

async function checkMatrix(face: Face, server: {
  url: string;
  set(s: Switches): Promise<void>;
}): Promise<void> {
  const url = server.url + PATH;
  const problems: string[] = [];
  let combinations = 0;
  for (const s of allSwitches()) {
    combinations++;
    await server.set(s);
    for (const read of READS) {
      const got = await outcome(face[read.name](url), read.from, read.to);
      // every combination tells which bytes were sent: by Content-Range, by
      // the lengths and the size, or by what a one-byte range gives (servers
      // where none can tell are in range_errors_test.ts)
      const want = "exact";
      if (got !== want) {
        problems.push(`${read.name} under ${label(s)}: ${got}, want ${want}`);
      }
    }
  }
  assertEquals(combinations, 210);
  assertEquals(problems, [], `${problems.length} reads wrong`);
}

function asyncFace(fs: HTTPFileSystem): Face {
  return {
    catRange: (url) => fs._catFile(url, { start: 1000, end: 1100 }),
    async readMiddle(url) {
      await using f = await fs.openAsync(url);
      f.seek(5000);
      return await f.read(100);
    },
    async readAll(url) {
      await using f = await fs.openAsync(url);
      return await f.read();
    },
  };
}

Deno.test("HTTPFileSystem reads exact bytes under every switch combination (async face)", async () => {
  await using server = await startRemoteSwitchServer({ [PATH]: DATA });
  await using fs = new HTTPFileSystem({
    asynchronous: true,
    retries: 0,
    skipInstanceCache: true,
  });
  await checkMatrix(asyncFace(fs), server);
});

Deno.test("HTTPFileSystem reads exact bytes under every switch combination (blocking face)", async () => {
  await using server = await startRemoteSwitchServer({ [PATH]: DATA });
  await using loop = new IOLoop();
  const fs = await blockingHttp(loop);
  const face: Face = {
    catRange: (url) =>
      Promise.resolve().then(() => fs.catFile(url, { start: 1000, end: 1100 })),
    readMiddle: (url) =>
      Promise.resolve().then(() => {
        using f = fs.open(url);
        f.seek(5000);
        return f.read(100);
      }),
    readAll: (url) =>
      Promise.resolve().then(() => {
        using f = fs.open(url);
        return f.read();
      }),
  };
  await checkMatrix(face, server);
});
