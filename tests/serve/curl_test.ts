/**
 * serveFileSystem() as curl sees it: a ranged GET, HEAD, and a traversal
 * sent with `--path-as-is`. Where curl is missing the tests print a notice
 * and skip, except under CI, where they fail.
 */

import { assertEquals, assertMatch } from "@std/assert";
import { MemoryFileSystem } from "../../mod.ts";
import { requireBinary } from "../http/servers.ts";
import { serve } from "./_serve_helpers.ts";

const DATA = new TextEncoder().encode("0123456789abcdefghijKLMNOPQRST");

async function curl(bin: string, ...args: string[]) {
  const out = await new Deno.Command(bin, {
    args: ["--silent", "--show-error", ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

async function served() {
  const fs = new MemoryFileSystem({
    asynchronous: true,
    store: crypto.randomUUID(),
  });
  await fs._pipeFile("/www/data.txt", DATA);
  await fs._pipeFile("/secret.txt", new TextEncoder().encode("secret"));
  return serve(fs, { root: "/www" });
}

Deno.test("serveFileSystem() gives curl -r 10-19 the ten bytes asked for", async () => {
  const bin = requireBinary("curl");
  if (!bin) return;
  await using server = await served();
  const body = await curl(bin, "-r", "10-19", `${server.url}/data.txt`);
  assertEquals(body, "abcdefghij");
  const head = await curl(
    bin,
    "-r",
    "10-19",
    "--dump-header",
    "-",
    "--output",
    "/dev/null",
    `${server.url}/data.txt`,
  );
  assertMatch(head, /^HTTP\/1\.1 206 /);
  assertMatch(head, /\r\ncontent-range: bytes 10-19\/30\r\n/i);
});

Deno.test("serveFileSystem() answers curl -I with the length, validators and ranges", async () => {
  const bin = requireBinary("curl");
  if (!bin) return;
  await using server = await served();
  const head = await curl(bin, "-I", `${server.url}/data.txt`);
  assertMatch(head, /^HTTP\/1\.1 200 /);
  assertMatch(head, /\r\ncontent-length: 30\r\n/i);
  assertMatch(head, /\r\naccept-ranges: bytes\r\n/i);
  assertMatch(head, /\r\netag: W\/"1e-[^"]+"\r\n/i);
  assertMatch(
    head,
    /\r\nlast-modified: \w{3}, \d\d \w{3} \d{4} [\d:]{8} GMT\r\n/i,
  );
  assertMatch(head, /\r\ncontent-type: text\/plain; charset=UTF-8\r\n/i);
});

Deno.test("serveFileSystem() answers curl --path-as-is /../secret.txt with 400", async () => {
  const bin = requireBinary("curl");
  if (!bin) return;
  await using server = await served();
  const status = await curl(
    bin,
    "--path-as-is",
    "--output",
    "/dev/null",
    "--write-out",
    "%{http_code}",
    `${server.url}/../secret.txt`,
  );
  assertEquals(status, "400");
});
