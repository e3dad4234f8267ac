/**
 * Where every remote call leaves this thread: one request to an IO loop,
 * blocking until its answer or returning a promise of it. Internal.
 *
 * @module
 */

import type { _Request } from "./_channel.ts";
import { _loop, type IOLoop } from "./io_loop.ts";

/** A request before the loop numbers it. */
export type _Req = Omit<_Request, "id">;

/**
 * Send one request on a loop.
 * @param loop The loop.
 * @param req The request.
 * @param blocking Block this thread until the answer (else a promise).
 * @param what The call, for error messages (`"cat()"`).
 * @param timeout Seconds a blocking call waits; 0 or unset: forever.
 * @returns The answer, or (not blocking) a promise of it.
 * @throws {FSTimeoutError} Where a blocking call's timeout ran out.
 */
export function _send(
  loop: IOLoop,
  req: _Req,
  blocking: boolean,
  what: string,
  timeout?: number,
): unknown {
  if (blocking) return _loop.call(loop, req, { timeout, what });
  return _loop.callAsync(loop, req, what);
}
