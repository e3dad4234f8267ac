// Issue 11, row 7: a `deno run` script blocked in `cat` against a server
// that never answers exits within 2 s of SIGINT; a script in a `get` of
// 1,000 files that gets SIGINT leaves no partial file, and no temporary
// file older than the run.
import { assert, assertEquals, assertLess, assertMatch } from "@std/assert";
import { _writeToFile } from "../../src/_atomic_write.ts";
import {
  head,
  rawServer,
  send,
  silentServer,
  untilStopped,
} from "./_raw_server.ts";

const SCRIPT = new URL("./_interrupt_script.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;
const SIZE = 8 * 1024;

function script(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", `--config=${CONFIG}`, SCRIPT, ...args],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(120_000),
  }).spawn();
}

/** Sends SIGINT; returns the milliseconds until the process ended, and how. */
async function interrupt(
  child: Deno.ChildProcess,
): Promise<{ ms: number; output: Deno.CommandOutput }> {
  const start = performance.now();
  child.kill("SIGINT");
  const output = await child.output();
  return { ms: performance.now() - start, output };
}

function killedBySigint(output: Deno.CommandOutput): void {
  assert(
    output.signal === "SIGINT" || output.code === 130,
    `${output.code} ${output.signal} ${
      new TextDecoder().decode(output.stderr)
    }`,
  );
  assert(!new TextDecoder().decode(output.stdout).includes("finished"));
}

Deno.test("a script blocked in cat() against a server that never answers exits within 2 s of SIGINT", async () => {
  const asked = Promise.withResolvers<void>();
  await using server = silentServer(() => asked.resolve(), 10);
  const child = script(["cat", `${server.url}/never`]);
  await asked.promise; // the request is out: the script is blocked in cat
  const { ms, output } = await interrupt(child);
  killedBySigint(output);
  assertLess(ms, 2_000);
});

function fileBytes(i: number): Uint8Array {
  return Uint8Array.from({ length: SIZE }, (_, j) => (i * 7 + j) & 0xff);
}

Deno.test("a script in a get() of 1,000 files that gets SIGINT leaves no partial file; the next run leaves no temporary file older than it", async () => {
  const dir = await Deno.makeTempDir();
  // a temporary file of an earlier run that was killed (another pid, an hour old)
  const stale = `${dir}/f5.part-999999-deadbeef`;
  await Deno.writeTextFile(stale, "half");
  const hourAgo = new Date(Date.now() - 3_600_000);
  await Deno.utime(stale, hourAgo, hourAgo);
  await Deno.writeTextFile(`${dir}/keep.part`, "not ours");
  let gets = 0;
  let stall = true;
  const stalled = Promise.withResolvers<void>();
  const stalledNames = new Set<string>();
  await using server = rawServer(async (conn, request) => {
    const i = Number(request.target.slice(2));
    const bytes = fileBytes(i);
    const headers = { "content-length": SIZE, "accept-ranges": "bytes" };
    if (request.method === "HEAD") {
      await send(conn, head(200, headers));
      return "keep";
    }
    if (stall && ++gets > 300) {
      stalledNames.add(request.target.slice(1));
      // half the body, chunked (no length: it is streamed to a temporary
      // file), then nothing: the download is in flight when SIGINT comes
      await send(conn, head(200, { "transfer-encoding": "chunked" }));
      await send(conn, `${(SIZE / 2).toString(16)}\r\n`);
      await send(conn, bytes.subarray(0, SIZE / 2));
      await send(conn, "\r\n");
      if (gets >= 320) stalled.resolve();
      return await untilStopped(request);
    }
    await send(conn, head(200, headers));
    await send(conn, bytes);
    return "keep";
  }, 10_000);
  try {
    const watcher = Deno.watchFs(dir);
    // a temporary file of a stalled download appears: the get is mid-write
    const midWrite = (async () => {
      for await (const event of watcher) {
        for (const path of event.paths) {
          const m = /\/(f\d+)\.part-[^/]*$/.exec(path);
          if (m && stalledNames.has(m[1])) return;
        }
      }
    })();
    const first = script(["get", server.url, "1000", dir]);
    await stalled.promise;
    await Promise.race([midWrite, first.status]);
    watcher.close();
    await midWrite;
    const { output } = await interrupt(first);
    killedBySigint(output);
    const names = [...Deno.readDirSync(dir)].map((e) => e.name);
    const done = names.filter((n) => /^f\d+$/.test(n));
    const temporaries = names.filter((n) => n.includes(".part-"));
    assert(done.length > 0 && done.length < 1000, `${done.length} done`);
    for (const name of done) {
      // no partial file: every file under its own name is whole
      assertEquals(
        await Deno.readFile(`${dir}/${name}`),
        fileBytes(Number(name.slice(1))),
        name,
      );
    }
    // what is left is this run's own temporary files, never the stale one
    for (const name of temporaries) {
      assertMatch(name, new RegExp(`^f\\d+\\.part-${first.pid}-[0-9a-f]{8}$`));
    }
    assert(temporaries.length > 0, "the interrupted downloads left theirs");

    stall = false;
    const second = script(["get", server.url, "1000", dir]);
    const out = await second.output();
    assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
    const after = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assertEquals(
      after,
      [...Array.from({ length: 1000 }, (_, i) => `f${i}`), "keep.part"].sort(),
    );
    for (const i of [0, 500, 999]) {
      assertEquals(await Deno.readFile(`${dir}/f${i}`), fileBytes(i));
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("_writeToFile() removes another process's temporary files older than this one, and keeps newer ones and its own", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const old = new Date(performance.timeOrigin - 60_000);
    const names = {
      stale: "a.part-999999-0123abcd",
      recent: "b.part-999998-0123abcd",
      own: `c.part-${Deno.pid}-0123abcd`,
      other: "d.part-x",
    };
    for (const name of Object.values(names)) {
      await Deno.writeTextFile(`${dir}/${name}`, "x");
    }
    for (const name of [names.stale, names.own, names.other]) {
      await Deno.utime(`${dir}/${name}`, old, old);
    }
    await _writeToFile(
      ReadableStream.from([new Uint8Array([1])]),
      `${dir}/new`,
      undefined,
    );
    assertEquals(
      [...Deno.readDirSync(dir)].map((e) => e.name).sort(),
      [names.recent, names.own, names.other, "new"].sort(),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
