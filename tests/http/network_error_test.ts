/**
 * Issue 9 point 7: a connection failure is one `HTTPError` with `status` 0,
 * the URL and fetch's cause in its message, and `cause` set, in both faces.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertInstanceOf,
  assertRejects,
  assertThrows,
} from "@std/assert";
import { HTTPError, HTTPFileSystem, IOLoop } from "../../mod.ts";
import { closedPort } from "./test_server.ts";
import { blockingHttp } from "./switch_server.ts";

function checkRefused(error: HTTPError, url: string): void {
  assertEquals(error.status, 0);
  assertEquals(error.url, url);
  assertInstanceOf(error.cause, TypeError);
  assert(
    error.message.startsWith(`Cannot read "${url}": the connection failed (`),
    error.message,
  );
  assert(error.message.includes("Connection refused"), error.message);
}

Deno.test("HTTPFileSystem._catFile() of a refused connection is HTTPError with status 0 and the cause", async () => {
  const url = `http://127.0.0.1:${closedPort()}/x`;
  await using fs = new HTTPFileSystem({ asynchronous: true, retries: 1 });
  checkRefused(await assertRejects(() => fs._catFile(url), HTTPError), url);
});

Deno.test("HTTPFileSystem.catFile() of a refused connection is HTTPError with status 0 and the cause (blocking face)", async () => {
  const url = `http://127.0.0.1:${closedPort()}/x`;
  await using loop = new IOLoop();
  const fs = await blockingHttp(loop);
  checkRefused(assertThrows(() => fs.catFile(url), HTTPError), url);
});
