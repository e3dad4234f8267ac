import { assert, assertStrictEquals } from "@std/assert";
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
    assert(error instanceof Error);
    assertStrictEquals(error.name, name);
    assertStrictEquals(error.cause, cause);
  }
  assertStrictEquals((cases[0][0] as FileNotFoundError).path, "/p");
  assertStrictEquals((cases[2][0] as PermissionError).status, 403);
  assertStrictEquals((cases[3][0] as HTTPError).status, 500);
  assertStrictEquals((cases[3][0] as HTTPError).url, "http://x/");
});
