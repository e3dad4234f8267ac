/**
 * The one table of the standard `_` methods, and how each crosses to the IO
 * Worker. From it come the blocking twins (`cat` for `_cat`) and the
 * forwarding of a blocking-mode instance's `_` methods to the Worker.
 * Internal.
 *
 * Adding a standard method is: the `_` method on `AsyncFileSystem` (in the
 * class for the core a backend implements, else in its concept's interface
 * and implementation: `everyday_methods.ts`, `tree_methods.ts`,
 * `batch_methods.ts`, `file_methods.ts`), one row here, and one line in
 * `BlockingMethods` (the type checker holds the row and the line together).
 *
 * A backend's own methods are declared too, never guessed from the kind of
 * function: {@linkcode _declareFunction} (what `syncWrapper` does) or
 * {@linkcode _defineMethod}.
 *
 * @module
 */

import type { BlockingFile } from "./blocking_file.ts";
import type { BlockingMethods } from "./blocking_methods.ts";

/**
 * How a method crosses to the Worker: `call` resolves to a value, `generator`
 * yields values (an async generator), `handle` resolves to an object that
 * stays on the Worker (an open file) and is used through a handle.
 */
export type _Kind = "call" | "generator" | "handle";

/** The standard methods of every filesystem, and their kind. */
export const _STANDARD_METHODS = {
  _ls: "call",
  _info: "call",
  _exists: "call",
  _isFile: "call",
  _isDir: "call",
  _size: "call",
  _sizes: "call",
  _catFile: "call",
  _cat: "call",
  _catRanges: "call",
  _pipeFile: "call",
  _pipe: "call",
  _getFile: "call",
  _get: "call",
  _putFile: "call",
  _put: "call",
  _rmFile: "call",
  _rm: "call",
  _rmdir: "call",
  _cpFile: "call",
  _copy: "call",
  _mv: "call",
  _touch: "call",
  _head: "call",
  _tail: "call",
  _modified: "call",
  _checksum: "call",
  _lexists: "call",
  _mkdir: "call",
  _makeDirs: "call",
  _find: "call",
  _walk: "generator",
  _glob: "call",
  _du: "call",
  _expandPath: "call",
  _readText: "call",
  _writeText: "call",
  openAsync: "handle",
} as const satisfies Readonly<Record<string, _Kind>>;

/** A standard method's name. */
export type _StandardMethod = keyof typeof _STANDARD_METHODS;

/** The name of a method's blocking twin: `_cat` → `cat`, `openAsync` → `open`. */
export type _TwinName<M extends string> = M extends "openAsync" ? "open"
  : M extends `_${infer N}` ? N
  : M;

/**
 * The name of a method's blocking twin: `_cat` → `cat`, `openAsync` →
 * `open` (fsspec's `open_async` and `open`).
 */
export function _twinName(method: string): string {
  if (method === "openAsync") return "open";
  return method.startsWith("_") ? method.slice(1) : method;
}

/** Methods declared by name, per class (its prototype). */
const byClass = new WeakMap<object, Map<string, _Kind>>();
/** Methods declared by the function itself (`syncWrapper`). */
const byFunction = new WeakMap<object, _Kind>();

/**
 * Declare that a class's method `name` runs on the IO Worker for its
 * blocking-mode instances (and those of its subclasses), with its kind.
 * @param proto The class's prototype.
 * @param name The method's name.
 * @param kind How it crosses.
 */
export function _declareMethod(proto: object, name: string, kind: _Kind): void {
  let own = byClass.get(proto);
  if (!own) byClass.set(proto, own = new Map());
  own.set(name, kind);
}

/**
 * Declare that a method, wherever it is installed, runs on the IO Worker.
 * @param fn The method.
 * @param kind How it crosses.
 */
export function _declareFunction(fn: object, kind: _Kind): void {
  byFunction.set(fn, kind);
}

/**
 * How `fs`'s method `name` (the function `fn`) crosses to the Worker, or
 * undefined where it is not declared to (then it runs where it is called).
 */
export function _kindOf(
  fs: object,
  name: string,
  fn: unknown,
): _Kind | undefined {
  const declared = typeof fn === "function" ? byFunction.get(fn) : undefined;
  if (declared) return declared;
  for (
    let proto = Object.getPrototypeOf(fs);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    const kind = byClass.get(proto)?.get(name);
    if (kind) return kind;
  }
  return undefined;
}

/** The `_` methods of an instance's class chain: those a declaration may name. */
export function _methodNames(fs: object): Set<string> {
  const names = new Set<string>();
  for (
    let proto = Object.getPrototypeOf(fs);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const fn = Object.getOwnPropertyDescriptor(proto, name)?.value;
      if (name.startsWith("_") && typeof fn === "function") names.add(name);
    }
  }
  return names;
}

/**
 * Each row of the table above has its line in `BlockingMethods` (the twins'
 * signatures), and each line its row: the type checker fails otherwise.
 */
export type _TwinsMatchTable = _Assert<
  _Same<_TwinName<_StandardMethod>, keyof BlockingMethods>
>;

/** Each line's return type says its row's kind: a `Generator`, a `BlockingFile`, or a value. */
export type _TwinKindsMatchTable = _Assert<
  _Same<
    { [M in _StandardMethod]: (typeof _STANDARD_METHODS)[M] },
    { [M in _StandardMethod]: _KindOf<BlockingMethods[_TwinName<M>]> }
  >
>;

type _KindOf<F> = F extends (...args: never[]) => infer R
  ? R extends Generator ? "generator"
  : R extends BlockingFile ? "handle"
  : "call"
  : never;
type _Same<A, B> = [A] extends [B] ? [B] extends [A] ? true : false : false;
type _Assert<T extends true> = T;
