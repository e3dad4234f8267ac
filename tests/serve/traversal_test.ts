/**
 * No request reaches outside the served root: each spelling of a way out is
 * sent raw (fetch would normalise most of them away) to a LocalFileSystem
 * served from `<tmp>/www`, beside a sentinel file at `<tmp>/secret.txt`.
 * Each answers 4xx, the filesystem is not called at all, and the sentinel is
 * neither read, written nor deleted.
 */

import { assert, assertEquals } from "@std/assert";
import { spy } from "@std/testing/mock";
import { LocalFileSystem } from "../../mod.ts";
import { rawRequest, serve } from "./_serve_helpers.ts";

const SECRET = "the sentinel outside the root\n";

/** Every method the handler could reach the filesystem by. */
const METHODS = [
  "_info",
  "_ls",
  "_catFile",
  "_exists",
  "_pipeFile",
  "_makeDirs",
  "_rmFile",
  "_rm",
  "openAsync",
] as const;

/** Spellings of a way out; `$` stands for the sentinel's absolute path without its leading `/`. */
const SPELLINGS: [string, string][] = [
  ["a dot-dot segment", "/../secret.txt"],
  ["a dot-dot below a real directory", "/sub/../../secret.txt"],
  ["%2e%2e", "/%2e%2e/secret.txt"],
  ["%2E%2E in capitals", "/%2E%2E/secret.txt"],
  ["a half-encoded .%2e", "/sub/.%2e/.%2e/secret.txt"],
  ["..%2f", "/..%2fsecret.txt"],
  ["..%2F after a directory", "/sub/..%2F..%2Fsecret.txt"],
  ["a backslash", "/..\\secret.txt"],
  ["%5c", "/..%5csecret.txt"],
  ["a double slash", "//$"],
  ["an encoded absolute path", "/%2F$"],
  ["a NUL", "/a.txt%00/../../secret.txt"],
  ["a lone NUL", "/a.txt%00"],
  ["a single dot", "/./a.txt"],
  ["a malformed escape", "/%E0%A4%A/../secret.txt"],
  ["an absolute-form target with dot-dot", "http://127.0.0.1/../secret.txt"],
];

for (const method of ["GET", "HEAD", "PUT", "DELETE"]) {
  for (const [label, spelling] of SPELLINGS) {
    Deno.test(`serveFileSystem() answers ${method} of ${label} with 4xx and touches nothing`, async () => {
      const dir = await Deno.makeTempDir({ prefix: "fsspec_traversal_" });
      try {
        const secret = `${dir}/secret.txt`;
        await Deno.writeTextFile(secret, SECRET);
        await Deno.mkdir(`${dir}/www/sub`, { recursive: true });
        await Deno.writeTextFile(`${dir}/www/a.txt`, "inside\n");
        const before = await Deno.stat(secret);
        const fs = new LocalFileSystem({ asynchronous: true });
        const spies = METHODS.map((name) => spy(fs, name));
        try {
          await using server = serve(fs, {
            root: `${dir}/www`,
            writable: true,
          });
          const target = spelling.replace("$", secret.slice(1));
          const answer = await rawRequest(
            server.port,
            method,
            target,
            method === "PUT" ? "overwritten" : "",
          );
          assert(
            answer.status >= 400 && answer.status < 500,
            `${target}: ${answer.status}`,
          );
          for (const s of spies) {
            assertEquals(s.calls.map((c) => c.args[0]), [], "no call");
          }
          assertEquals(await Deno.readTextFile(secret), SECRET);
          const after = await Deno.stat(secret);
          assertEquals(after.mtime, before.mtime);
          assertEquals(
            [...Deno.readDirSync(dir)].map((e) => e.name).sort(),
            ["secret.txt", "www"],
          );
        } finally {
          for (const s of spies) s.restore();
        }
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  }
}

Deno.test("serveFileSystem() still serves the same file by a plain path, so the spellings above are refused for what they are", async () => {
  const dir = await Deno.makeTempDir({ prefix: "fsspec_traversal_" });
  try {
    await Deno.mkdir(`${dir}/www`);
    await Deno.writeTextFile(`${dir}/www/a.txt`, "inside\n");
    await using server = serve(new LocalFileSystem({ asynchronous: true }), {
      root: `${dir}/www`,
    });
    const answer = await rawRequest(server.port, "GET", "/a.txt");
    assertEquals([answer.status, answer.body], [200, "inside\n"]);
    const encoded = await rawRequest(server.port, "GET", "/%61.txt");
    assertEquals([encoded.status, encoded.body], [200, "inside\n"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
