// Issue 11, row 6: under `ulimit -n 256` (and lower), `_cat` and `_get` of
// 3,000 URLs succeed with the default settings, because the defaults
// (batch sizes, requests per host) follow the open-file limit in force;
// `_get` of 20,000 small files keeps RSS under 200 MiB. Each runs in a
// subprocess (`bash -c "ulimit -n …; exec deno run …"`) against a server
// in this process.
import { assertEquals, assertLess } from "@std/assert";
import { bodyServer } from "./_raw_server.ts";

const SCRIPT = new URL("./_limits_script.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

/** Runs the script under an open-file limit; returns what it printed. */
async function underLimit(
  limit: number,
  args: string[],
): Promise<Record<string, unknown>> {
  const dir = await Deno.makeTempDir();
  try {
    const command = [
      `ulimit -n ${limit}`,
      `exec "$0" run --allow-all --config="$1" "$2" "$3" "$4" "$5" "$6"`,
    ].join(" && ");
    const out = await new Deno.Command("bash", {
      args: ["-c", command, Deno.execPath(), CONFIG, SCRIPT, ...args, dir],
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(150_000),
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assertEquals(out.code, 0, stderr.slice(0, 2000));
    const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
    return JSON.parse(lines.at(-1)!);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

for (const limit of [256, 96]) {
  Deno.test(`_cat() and _get() of 3,000 URLs with default settings succeed under ulimit -n ${limit}`, async () => {
    await using server = bodyServer();
    const result = await underLimit(limit, ["many", server.url, "3000"]);
    assertEquals(
      { cat: result.cat, catError: result.catError, get: result.get },
      { cat: 3000, catError: null, get: 3000 },
    );
  });
}

Deno.test("_get() of 20,000 small files under ulimit -n 256 keeps RSS under 200 MiB", async () => {
  await using server = bodyServer();
  const result = await underLimit(256, ["rss", server.url, "20000"]);
  assertEquals(result.get, 20000);
  assertLess(result.peakRssMiB as number, 200);
});
