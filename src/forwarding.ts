/**
 * One source of truth for a blocking-mode filesystem: the caller's instance
 * sends its async `_` methods to its twin on the IO Worker, so `fs.pipe()`
 * and `await fs._cat()` see the same state. Internal.
 *
 * @module
 */

import { _onIOWorker } from "./channel.ts";
import { _implementationOf, type FileSystemClass } from "./registry.ts";
import { _loop } from "./io_loop.ts";
import { _blockingInfo, _loopOf, _setBlocking } from "./sync.ts";
import { _encode } from "./wire.ts";

/** The `_` methods every filesystem has; each runs on the IO Worker in blocking mode. */
export const _STANDARD_METHODS: readonly string[] = [
  "_ls",
  "_info",
  "_exists",
  "_isFile",
  "_isDir",
  "_size",
  "_sizes",
  "_catFile",
  "_cat",
  "_catRanges",
  "_pipeFile",
  "_pipe",
  "_getFile",
  "_get",
  "_putFile",
  "_put",
  "_rmFile",
  "_rm",
  "_rmdir",
  "_cpFile",
  "_copy",
  "_mkdir",
  "_makeDirs",
  "_find",
  "_walk",
  "_glob",
  "_du",
  "_expandPath",
  "_readText",
  "_writeText",
];

const kindOf = (fn: unknown) =>
  (fn as { constructor?: { name?: string } })
    ?.constructor?.name;

/** The async `_` methods of an instance's class chain, and which are generators. */
function asyncMethods(fs: object): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const name of _STANDARD_METHODS) out.set(name, name === "_walk");
  for (
    let proto = Object.getPrototypeOf(fs);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (!name.startsWith("_") || out.has(name)) continue;
      const fn = Object.getOwnPropertyDescriptor(proto, name)?.value;
      const kind = kindOf(fn);
      if (kind === "AsyncFunction") out.set(name, false);
      if (kind === "AsyncGeneratorFunction") out.set(name, true);
    }
  }
  return out;
}

/**
 * Called by the `AsyncFileSystem` constructor: decides whether the instance
 * blocks through the IO Worker and, if so, makes its `_` methods run there.
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
  const target = fs as Record<string, unknown>;
  for (const [name, generator] of asyncMethods(fs)) {
    const forward = generator
      ? forwardGenerator(fs, name)
      : function (...args: unknown[]): Promise<unknown> {
        return call(fs, name, { op: "call", method: name, args });
      };
    Object.defineProperty(forward, "name", { value: name });
    Object.defineProperty(target, name, {
      value: forward,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
  const close = target.close as () => unknown;
  Object.defineProperty(target, "close", {
    value: async function close_(): Promise<void> {
      const info = _blockingInfo(fs, "close");
      const loop = _loopOf(info);
      if (loop.running) {
        await call(fs, "close", { op: "close" });
        _loop.forget(loop, fs);
      }
      await close.call(fs);
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

function call(
  fs: object,
  method: string,
  req: { op: "call" | "iter" | "close"; method?: string; args?: unknown[] },
): Promise<unknown> {
  try {
    const info = _blockingInfo(fs, method);
    const loop = _loopOf(info);
    const what = `${method}()`;
    return _loop.callAsync(loop, {
      ...req,
      fs: _loop.fsRef(loop, fs, info.spec, info.options, what),
    }, what);
  } catch (error) {
    return Promise.reject(error);
  }
}

function forwardGenerator(
  fs: object,
  name: string,
): (...args: unknown[]) => AsyncGenerator<unknown> {
  return async function* (...args: unknown[]): AsyncGenerator<unknown> {
    const loop = _loopOf(_blockingInfo(fs, name));
    const iter = await call(fs, name, { op: "iter", method: name, args });
    let done = false;
    try {
      for (;;) {
        const [end, value] = await _loop.callAsync(loop, {
          op: "next",
          iter: iter as number,
        }, `${name}()`) as [boolean, unknown];
        if (end) {
          done = true;
          return;
        }
        yield value;
      }
    } finally {
      if (!done) {
        await _loop.callAsync(
          loop,
          { op: "ret", iter: iter as number },
          `${name}()`,
        );
      }
    }
  };
}
