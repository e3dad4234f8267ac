/**
 * Which filesystems of this thread are in blocking mode, how the IO Worker
 * rebuilds each, and the error that says why another is not. Internal.
 *
 * @module
 */

import { _onIOWorker } from "./_channel.ts";
import { _twinName } from "./_methods.ts";
import { getLoop, type IOLoop } from "./io_loop.ts";

/** How a blocking-mode filesystem is rebuilt on the IO Worker. */
export interface _BlockingInfo {
  spec: { module: string; export: string };
  options: Record<string, unknown>;
  loop: IOLoop | undefined;
}

/** The blocking-mode filesystems of this thread, and why the others are not. */
const blocking = new WeakMap<object, _BlockingInfo | string>();

/** Record how a filesystem blocks, or (a string) why it cannot. */
export function _setBlocking(fs: object, info: _BlockingInfo | string): void {
  blocking.set(fs, info);
}

/** How a filesystem blocks, or undefined where it does not. */
export function _blockingState(fs: object): _BlockingInfo | undefined {
  const info = blocking.get(fs);
  return typeof info === "object" ? info : undefined;
}

/** The loop a blocking-mode filesystem uses. */
export function _loopOf(info: _BlockingInfo): IOLoop {
  return info.loop ?? getLoop();
}

/**
 * The blocking facts of a filesystem, or the error that says why it has none.
 * @param fs The filesystem.
 * @param method The `_` method called (or whose twin was).
 * @throws {Error} On the IO Worker, or for an asynchronous filesystem.
 * @throws {TypeError} For a class the IO Worker cannot import.
 */
export function _blockingInfo(fs: object, method: string): _BlockingInfo {
  const info = blocking.get(fs);
  if (typeof info === "object") return info;
  const twin = `${_twinName(method)}()`;
  if (_onIOWorker()) {
    throw new Error(
      `Cannot call ${twin} on the IO Worker: it would wait for itself; await ${method}() instead`,
    );
  }
  if (info === undefined || info === "asynchronous") {
    throw new Error(
      `Cannot call ${twin} on an asynchronous filesystem: await ${method}() instead`,
    );
  }
  throw new TypeError(`Cannot call ${twin}: ${info}`);
}
