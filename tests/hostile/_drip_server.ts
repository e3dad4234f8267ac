/**
 * The slow-drip server of issue 11, row 1: HEAD answers at once; a GET's
 * headers come at once, then one byte every 500 ms (100 bytes at most,
 * stopping when the server stops).
 *
 * @module
 */

import { head, pause, type RawServer, rawServer, send } from "./_raw_server.ts";

/** The size the server announces. */
export const SIZE = 100;

/** Answers HEAD at once; drips a GET's body one byte per 500 ms. */
export function dripServer(): RawServer {
  return rawServer(async (conn, request) => {
    const headers = {
      "content-length": SIZE,
      "content-type": "application/octet-stream",
      "accept-ranges": "bytes",
    };
    if (request.method === "HEAD") {
      await send(conn, head(200, headers));
      return "keep";
    }
    if (!await send(conn, head(200, headers))) return "close";
    for (let i = 0; i < SIZE && !request.signal.aborted; i++) {
      await pause(500, request.signal);
      if (!await send(conn, "x")) break;
    }
    return "close";
  });
}
