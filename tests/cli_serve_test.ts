import { assertEquals, assertMatch, assertStrictEquals } from "@std/assert";
import { format } from "@std/fmt/bytes";
import { TextLineStream } from "@std/streams/text-line-stream";
import { HTTPFileSystem } from "../mod.ts";
import { _Progress } from "../src/cli/_progress.ts";
import { cliCommand, run } from "./_cli.ts";

const decoder = new TextDecoder();

/** A temp directory holding `a.txt` (3 bytes) and `sub/big.bin` (1,500 bytes). */
async function withTree(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "fsspec_cli_serve_" });
  try {
    await Deno.writeTextFile(`${dir}/a.txt`, "one");
    await Deno.mkdir(`${dir}/sub`);
    await Deno.writeFile(`${dir}/sub/big.bin`, new Uint8Array(1500).fill(7));
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * Runs `cli serve` on port 0, gives the URL it prints to `fn`, then sends
 * SIGINT and returns how the process ended.
 */
async function withServe(
  args: string[],
  fn: (url: string) => Promise<void>,
): Promise<Deno.CommandStatus> {
  const child = cliCommand(["serve", ...args, "--port", "0"], "null").spawn();
  const lines = child.stdout
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new TextLineStream())
    .getReader();
  try {
    const first = await lines.read();
    const url = /at (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(first.value ?? "")
      ?.[1];
    assertMatch(first.value ?? "<no line>", /^Serving .* at http:/);
    await fn(url!.replace(/\/$/, ""));
  } finally {
    child.kill("SIGINT");
    while (!(await lines.read()).done) {
      // drain stdout to its end
    }
  }
  return await child.status;
}

Deno.test("cli serve prints its URL, serves the tree to HTTPFileSystem, and stops on SIGINT", async () => {
  await withTree(async (dir) => {
    const status = await withServe([dir], async (base) => {
      await using http = new HTTPFileSystem({ asynchronous: true });
      assertEquals(await http._find(base), [
        `${base}/a.txt`,
        `${base}/sub/big.bin`,
      ]);
      assertEquals(
        await http._catFile(`${base}/sub/big.bin`, { start: 10, end: 20 }),
        new Uint8Array(10).fill(7),
      );
      const put = await fetch(`${base}/new.txt`, { method: "PUT", body: "x" });
      assertEquals(put.status, 405);
      await put.body?.cancel();
    });
    assertEquals([status.code, status.signal], [0, null]);
  });
});

Deno.test("cli serve --writable accepts PUT and DELETE", async () => {
  await withTree(async (dir) => {
    const status = await withServe([dir, "--writable"], async (base) => {
      const put = await fetch(`${base}/new/n.txt`, {
        method: "PUT",
        body: "new",
      });
      assertEquals(put.status, 201);
      await put.body?.cancel();
      assertEquals(await Deno.readTextFile(`${dir}/new/n.txt`), "new");
      const del = await fetch(`${base}/a.txt`, { method: "DELETE" });
      assertEquals(del.status, 204);
      await del.body?.cancel();
    });
    assertStrictEquals(status.success, true);
    assertEquals(
      [...Deno.readDirSync(dir)].map((e) => e.name).sort(),
      ["new", "sub"],
    );
  });
});

Deno.test("cli ls --long --human and du -H give sizes from @std/fmt/bytes", async () => {
  await withTree(async (dir) => {
    const ls = await run("ls", `${dir}/sub`, "--long", "--human");
    assertEquals(ls.code, 0, ls.stderr);
    assertEquals(ls.text, `${dir}/sub/big.bin\tfile\t${format(1500)}\n`);
    assertEquals(format(1500), "1.5 kB");
    const du = await run("du", dir, "-H");
    assertEquals(du.text, `${format(1503)}\n`);
    assertEquals((await run("du", dir)).text, "1503\n");
  });
});

Deno.test("cli get of many files draws no progress bar where stderr is not a terminal, --quiet or not", async () => {
  await withTree(async (dir) => {
    for (const extra of [[], ["--quiet"], ["-q"]]) {
      const out = await run(
        "get",
        dir,
        `${dir}/copy${extra.length}`,
        "-r",
        ...extra,
      );
      assertEquals([out.code, out.stderr], [0, ""]);
      assertEquals(
        await Deno.readTextFile(`${dir}/copy${extra.length}/a.txt`),
        "one",
      );
    }
  });
});

Deno.test("cli serve with a bad --port is bad usage", async () => {
  for (const port of ["x", "65536", "-3", ""]) {
    const out = await run("serve", ".", `--port=${port}`);
    assertEquals(out.code, 2, port);
    assertMatch(out.stderr, /Cannot use --port/);
  }
});

/** A writable that collects what a progress bar draws. */
function collector() {
  const chunks: Uint8Array[] = [];
  const writable = new WritableStream<Uint8Array>({
    write: (chunk) => void chunks.push(chunk),
  });
  const text = () => chunks.map((c) => decoder.decode(c)).join("");
  return { writable, text };
}

Deno.test("_Progress sums the files of several batch calls into one bar", async () => {
  const { writable, text } = collector();
  const progress = new _Progress({ enabled: true, writable });
  const first = progress.callback()!;
  const second = progress.callback()!;
  first.setSize(2);
  second.setSize(3);
  for (const cb of [first, first, second, second, second]) cb.relativeUpdate();
  await progress.stop();
  assertMatch(text(), /\[5\/5 files\]\n$/);
  assertMatch(text(), /\[#{50}\]/);
});

Deno.test("_Progress draws nothing for one file, or when disabled", async () => {
  const one = collector();
  const single = new _Progress({ enabled: true, writable: one.writable });
  const cb = single.callback()!;
  cb.setSize(1);
  cb.relativeUpdate();
  await single.stop();
  assertEquals(one.text(), "");
  const off = new _Progress({ enabled: false });
  assertStrictEquals(off.callback(), undefined);
  await off.stop();
});
