/**
 * The blocking twins, made from the method table: `cat` for `_cat`, each a
 * blocking remote call of its `_` method. Internal.
 *
 * @module
 */

import { _declareMethod, type _Kind, _twinName } from "./_methods.ts";
import { _remote } from "./_remote_call.ts";

/**
 * Take the blocking call's own `timeout` (seconds, as `sync`'s) out of a
 * twin's options, the last argument, without changing the caller's object.
 * @returns The timeout, if one was given.
 */
function takeTimeout(args: unknown[]): number | undefined {
  const last = args.at(-1);
  if (
    typeof last !== "object" || last === null || !("timeout" in last) ||
    last.timeout instanceof Uint8Array
  ) return undefined;
  const { timeout, ...rest } = last as { timeout: number };
  args[args.length - 1] = rest;
  return timeout;
}

/**
 * The blocking twin of `method`: it runs the method on the IO Worker and
 * blocks until it settles; its options may add `timeout` (seconds).
 * @param method The `_` method (or `openAsync`).
 * @param kind How it crosses.
 * @returns The twin, to install as a method.
 */
export function _twin(
  method: string,
  kind: _Kind,
): (this: object, ...args: unknown[]) => unknown {
  const twin = function (this: object, ...args: unknown[]): unknown {
    const timeout = takeTimeout(args);
    return _remote(this, method, args, { blocking: true, kind, timeout });
  };
  Object.defineProperty(twin, "name", { value: _twinName(method) });
  return twin;
}

/**
 * Make `method` a declared method of a class: its blocking-mode instances
 * run it on the IO Worker, and the class gets its blocking twin. The
 * standard methods are defined this way, from the table.
 * @param cls The class.
 * @param method The `_` method's name.
 * @param kind How it crosses.
 */
export function _defineMethod(
  cls: { prototype: object },
  method: string,
  kind: _Kind,
): void {
  _declareMethod(cls.prototype, method, kind);
  Object.defineProperty(cls.prototype, _twinName(method), {
    value: _twin(method, kind),
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
