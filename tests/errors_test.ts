import assert from "node:assert/strict";
import {
  FileExistsError,
  FileNotFoundError,
  FSTimeoutError,
  HTTPError,
  PermissionError,
} from "../mod.ts";

Deno.test("errors extend Error, set name, keep cause and carry their subject", () => {
  const cause = new Error("root");
  const cases: [Error, string][] = [
    [new FileNotFoundError("m", { path: "/p", cause }), "FileNotFoundError"],
    [new FileExistsError("m", { path: "/p", cause }), "FileExistsError"],
    [
      new PermissionError("m", { path: "/p", status: 403, cause }),
      "PermissionError",
    ],
    [new HTTPError("m", { status: 500, url: "http://x/", cause }), "HTTPError"],
    [new FSTimeoutError("m", { timeout: 1, cause }), "FSTimeoutError"],
  ];
  for (const [error, name] of cases) {
    assert.ok(error instanceof Error);
    assert.equal(error.name, name);
    assert.equal(error.cause, cause);
  }
  assert.equal((cases[0][0] as FileNotFoundError).path, "/p");
  assert.equal((cases[2][0] as PermissionError).status, 403);
  assert.equal((cases[3][0] as HTTPError).status, 500);
  assert.equal((cases[3][0] as HTTPError).url, "http://x/");
});
