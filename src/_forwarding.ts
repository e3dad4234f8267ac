/**
 * One source of truth for a blocking-mode filesystem: the caller's instance
 * sends its declared `_` methods to its twin on the IO Worker, so `fs.pipe()`
 * and `await fs._cat()` see the same state. Internal.
 *
 * @module
 */

import { _onIOWorker } from "./_channel.ts";
import { _blockingState, _loopOf, _setBlocking } from "./_blocking_state.ts";
import { _kindOf, _methodNames } from "./_methods.ts";
import { _remote } from "./_remote_call.ts";
import { _encode } from "./_wire.ts";
import { _loop } from "./io_loop.ts";
import { _implementationOf, type FileSystemClass } from "./registry.ts";

/**
 * Called by the `AsyncFileSystem` constructor: decides whether the instance
 * blocks through the IO Worker and, if so, makes its declared `_` methods
 * run there (a method declared later, by `syncWrapper` in a field, too).
 *
 * @throws {TypeError} For a blocking-mode option the Worker cannot receive (a function).
 */
export function _attachBlocking(
  fs: object,
  options: Record<string, unknown>,
): void {
  if (options.asynchronous || _onIOWorker()) return;
  const cls = fs.constructor as FileSystemClass;
  const spec = _implementationOf(cls);
  // a subclass that inherits a registered protocol is not what the spec exports
  if (!spec || spec.export !== cls.name) {
    _setBlocking(
      fs,
      `the IO Worker cannot import ${cls.name}; register it by module specifier (registerImplementation("name", { module, export: "${cls.name}" })) before making the instance, or pass asynchronous: true`,
    );
    return;
  }
  const { loop, skipInstanceCache: _, ...sent } = options;
  for (const [key, value] of Object.entries(sent)) {
    try {
      _encode(value);
      structuredClone(value); // refuses platform objects the codec would flatten
    } catch (error) {
      throw new TypeError(
        `Cannot use option "${key}" in blocking mode: the IO Worker cannot receive it (${
          (error as Error).message
        }); pass asynchronous: true to use it`,
        { cause: error },
      );
    }
  }
  _setBlocking(fs, {
    spec: { ...spec },
    options: sent,
    loop: loop as never,
  });
  const target = fs as Record<string, (...args: unknown[]) => unknown>;
  for (const name of _methodNames(fs)) {
    const own = target[name];
    install(fs, name, function (this: unknown, ...args: unknown[]): unknown {
      const kind = _kindOf(fs, name, own);
      if (kind !== "call" && kind !== "generator") return own.apply(this, args);
      return _remote(fs, name, args, { blocking: false, kind });
    });
  }
  const close = target.close;
  install(fs, "close", async function (): Promise<void> {
    const info = _blockingState(fs);
    const loop = info && _loopOf(info);
    if (loop?.running) {
      await _remote(fs, "close", [], { blocking: false, kind: "close" });
      _loop.forget(loop, fs);
    }
    await close.call(fs);
  });
}

function install(fs: object, name: string, fn: object): void {
  Object.defineProperty(fn, "name", { value: name });
  Object.defineProperty(fs, name, {
    value: fn,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
