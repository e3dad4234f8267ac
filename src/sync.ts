/**
 * Blocking calls: {@linkcode sync} (fsspec's `sync(loop, func, …)`) and
 * {@linkcode syncWrapper} (fsspec's `sync_wrapper`), on which every blocking
 * twin of a filesystem rests.
 *
 * @module
 */

import { _onIOWorker } from "./channel.ts";
import { _loop, getLoop, type IOLoop } from "./io_loop.ts";

/** Options of {@linkcode sync}. */
export interface SyncOptions {
  /**
   * Seconds to wait before giving up with `FSTimeoutError`; 0 waits forever
   * (as in fsspec). The loop stays usable after a timeout.
   * @default {0}
   */
  timeout?: number;
}

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
 * @throws {Error} On the IO Worker, or for an asynchronous filesystem.
 * @throws {TypeError} For a class the IO Worker cannot import.
 */
export function _blockingInfo(
  fs: object,
  method: string,
  twin = `${method.replace(/^_/, "")}()`,
): _BlockingInfo {
  const info = blocking.get(fs);
  if (typeof info === "object") return info;
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

/** The blocking twin's body: run `fs[method](...args)` on the IO Worker and wait. */
export function _blocking(
  fs: object,
  method: string,
  args: readonly unknown[],
  options: SyncOptions = {},
): unknown {
  const info = _blockingInfo(fs, method);
  const loop = _loopOf(info);
  const what = `${method.replace(/^_/, "")}()`;
  return _loop.call(loop, {
    op: "call",
    fs: _loop.fsRef(loop, fs, info.spec, info.options, what),
    method,
    args: [...args],
  }, { timeout: options.timeout, what });
}

/**
 * Run an async method on an IO loop and block this thread until it settles
 * (fsspec's `sync`). The target is a blocking-mode filesystem (rebuilt on the
 * loop's Worker) and the name of one of its async methods, or a module URL
 * and the name of an async function it exports.
 *
 * @typeParam T What the method resolves to.
 * @param loop The loop to run on.
 * @param target A filesystem, or the URL of a module.
 * @param method The method's or the export's name.
 * @param args Its arguments: data only (`Callback`s are proxied; an
 * `AbortSignal` is replaced by one the timeout aborts).
 * @param options `timeout` in seconds.
 * @returns What the method resolved to.
 * @throws {FSTimeoutError} Where the timeout ran out first.
 * @throws {Error} Called on the IO Worker itself (it would wait for itself),
 * or where the Worker died during the call.
 *
 * @example
 * ```ts
 * import { filesystem, getLoop, sync } from "@fsspec/asyn";
 * import { assertStrictEquals } from "@std/assert";
 *
 * const fs = await filesystem("memory", { skipInstanceCache: true, store: "doc-sync" });
 * fs.pipe("/x", new Uint8Array([7]));
 * assertStrictEquals(sync(getLoop(), fs, "_size", ["/x"], { timeout: 5 }), 1);
 * await getLoop().close();
 * ```
 */
export function sync<T = unknown>(
  loop: IOLoop,
  target: object | string,
  method: string,
  args: readonly unknown[] = [],
  options: SyncOptions = {},
): T {
  const what = `${method}()`;
  if (typeof target === "string") {
    return _loop.call(loop, {
      op: "fn",
      module: target,
      export: method,
      args: [...args],
    }, { timeout: options.timeout, what }) as T;
  }
  const info = _blockingInfo(target, method);
  return _loop.call(loop, {
    op: "call",
    fs: _loop.fsRef(loop, target, info.spec, info.options, what),
    method,
    args: [...args],
  }, { timeout: options.timeout, what }) as T;
}

/**
 * The blocking twin of an async method of a user-defined backend (fsspec's
 * `sync_wrapper`): called on an instance, it runs the method on the IO Worker
 * and blocks until it settles.
 *
 * @typeParam A The method's arguments.
 * @typeParam R What it resolves to.
 * @param method The async method (its name must start with `_`), or its name.
 * @returns A function to install as the twin.
 * @throws {TypeError} Where the name does not start with `_`.
 *
 * @example A backend with an extra method and its twin
 * ```ts ignore
 * import { AsyncFileSystem, syncWrapper } from "@fsspec/asyn";
 *
 * export class MyFS extends AsyncFileSystem {
 *   async _checksum(path: string): Promise<number> {
 *     return (await this._catFile(path)).reduce((a, b) => a + b, 0);
 *   }
 *   checksum: (path: string) => number = syncWrapper(MyFS.prototype._checksum);
 *   // … _ls, _info, _catFile
 * }
 * ```
 */
export function syncWrapper<A extends unknown[], R>(
  method: string | ((...args: A) => Promise<R>),
): (this: object, ...args: A) => R {
  const name = typeof method === "string" ? method : method.name;
  if (!name.startsWith("_")) {
    throw new TypeError(
      `Cannot wrap "${name}": the async method's name must start with "_"`,
    );
  }
  return function (this: object, ...args: A): R {
    return _blocking(this, name, args) as R;
  };
}
