/**
 * Blocking calls: {@linkcode sync} (fsspec's `sync(loop, func, …)`) and
 * {@linkcode syncWrapper} (fsspec's `sync_wrapper`), on which every blocking
 * twin of a filesystem rests.
 *
 * @module
 */

import { _declareFunction } from "./_methods.ts";
import { _remote } from "./_remote_call.ts";
import { type _Req, _send } from "./_send.ts";
import { _twin } from "./_twins.ts";
import type { IOLoop } from "./io_loop.ts";

/** Options of {@linkcode sync}. */
export interface SyncOptions {
  /**
   * Seconds to wait before giving up with `FSTimeoutError`; 0 waits forever
   * (as in fsspec). The loop stays usable after a timeout.
   * @default {0}
   */
  timeout?: number;
}

/** Options of {@linkcode syncWrapper}. */
export interface SyncWrapperOptions {
  /**
   * The method is an async generator: the twin is a generator that takes
   * one step on the IO Worker per value.
   * @default {false}
   */
  generator?: boolean;
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
 * import { assertEquals } from "@std/assert";
 *
 * const fs = await filesystem("memory", { skipInstanceCache: true, store: "doc-sync" });
 * fs.pipe("/x", new Uint8Array([7]));
 * assertEquals(sync(getLoop(), fs, "_size", ["/x"], { timeout: 5 }), 1);
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
  const { timeout } = options;
  if (typeof target !== "string") {
    return _remote(target, method, args, {
      blocking: true,
      loop,
      timeout,
      what,
    }) as T;
  }
  const req: _Req = {
    op: "fn",
    module: target,
    export: method,
    args: [...args],
  };
  return _send(loop, req, true, what, timeout) as T;
}

/**
 * The blocking twin of an async method of a user-defined backend (fsspec's
 * `sync_wrapper`): called on an instance, it runs the method on the IO Worker
 * and blocks until it settles. It also declares the method as one that runs
 * on the IO Worker, so `await fs._method()` on a blocking-mode instance runs
 * there too and sees the same state. The twin's last argument, where it is
 * an options object, may add `timeout` (seconds, as {@linkcode sync}).
 *
 * @typeParam A The method's arguments.
 * @typeParam R What it resolves to.
 * @param method The async method (its name must start with `_`), or its
 * name (then the twin works, but nothing is declared).
 * @param options `generator` for an async generator method.
 * @returns A function to install as the twin.
 * @throws {TypeError} Where the name does not start with `_`.
 *
 * @example A backend with an extra method and its twin
 * ```ts
 * import { AsyncFileSystem, type FileInfo, syncWrapper } from "@fsspec/asyn";
 * import { assertEquals, assertThrows } from "@std/assert";
 *
 * class MyFS extends AsyncFileSystem {
 *   _byteSum(path: string): Promise<number> {
 *     return Promise.resolve(path.length);
 *   }
 *   byteSum: (path: string) => number = syncWrapper(MyFS.prototype._byteSum);
 *   _ls(): Promise<never> {
 *     throw new Error("Cannot list: no files");
 *   }
 *   _info(): Promise<FileInfo> {
 *     throw new Error("Cannot stat: no files");
 *   }
 *   _catFile(): Promise<Uint8Array> {
 *     throw new Error("Cannot read: no files");
 *   }
 * }
 *
 * // A class registered by module specifier blocks on the IO Worker; on an
 * // asynchronous instance the twin names the method to await instead.
 * const fs = new MyFS({ asynchronous: true });
 * assertEquals(await fs._byteSum("/abc"), 4);
 * assertThrows(() => fs.byteSum("/abc"), Error, "await _byteSum() instead");
 * ```
 */
export function syncWrapper<A extends unknown[], R>(
  method: string | ((...args: A) => Promise<R>),
  options?: SyncWrapperOptions & { generator?: false },
): (this: object, ...args: A) => R;
/**
 * The blocking twin of an async generator method: a generator that takes one
 * step on the IO Worker per value.
 * @typeParam A The method's arguments.
 * @typeParam T What it yields.
 * @param method The async generator method (its name must start with `_`).
 * @param options `{ generator: true }`.
 * @returns A generator function to install as the twin.
 */
export function syncWrapper<A extends unknown[], T>(
  method: (...args: A) => AsyncGenerator<T>,
  options: SyncWrapperOptions & { generator: true },
): (this: object, ...args: A) => Generator<T>;
export function syncWrapper(
  method: string | ((...args: unknown[]) => unknown),
  options: SyncWrapperOptions = {},
): (this: object, ...args: unknown[]) => unknown {
  const name = typeof method === "string" ? method : method.name;
  if (!name.startsWith("_")) {
    throw new TypeError(
      `Cannot wrap "${name}": the async method's name must start with "_"`,
    );
  }
  const kind = options.generator ? "generator" : "call";
  if (typeof method === "function") _declareFunction(method, kind);
  return _twin(name, kind);
}
