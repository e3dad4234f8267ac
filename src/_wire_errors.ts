/**
 * The error half of the wire codec: where an error's class comes from, what
 * of it crosses, and how the other side builds an error of the same class
 * from that without calling its constructor. Internal.
 *
 * Classes are found by kind: `fs` (this library's `errorClasses`), `builtin`
 * (`TypeError` and the rest), `deno` (`Deno.errors`), `dom` (`DOMException`)
 * or `other` (rebuilt as a plain `Error` that keeps its name).
 *
 * @module
 */

import { errorClasses } from "./errors.ts";

const builtinErrors: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
  AggregateError: AggregateError as unknown as ErrorConstructor,
};

/** `Deno.errors`, where this runtime has it. */
function denoErrors(): Record<string, ErrorConstructor> | undefined {
  return (globalThis as { Deno?: { errors?: object } }).Deno?.errors as
    | Record<string, ErrorConstructor>
    | undefined;
}

/**
 * Where a class of error comes from, so the other side finds the same class.
 * @param e The error.
 * @returns Its kind and its class's name.
 */
export function _errorKind(e: Error | DOMException): [string, string] {
  const name = (e.constructor as { name?: string }).name ?? "Error";
  if (e instanceof DOMException) return ["dom", e.name];
  if (errorClasses[name] === e.constructor) return ["fs", name];
  if (builtinErrors[name] === e.constructor) return ["builtin", name];
  if (denoErrors()?.[name] === e.constructor) return ["deno", name];
  return ["other", name];
}

/**
 * What of an error crosses: `message`, `stack`, `cause` where it has one, and
 * its own enumerable properties (a status, a path).
 * @param e The error.
 * @returns The properties, by name.
 */
export function _errorProps(e: Error | DOMException): Record<string, unknown> {
  const props: Record<string, unknown> = { message: e.message, stack: e.stack };
  if ("cause" in e) props.cause = e.cause;
  for (const k of Object.keys(e)) {
    if (!(k in props)) props[k] = (e as unknown as Record<string, unknown>)[k];
  }
  return props;
}

const hidden = { writable: true, configurable: true, enumerable: false };

/**
 * An error of the named class with the given properties, built without
 * calling its constructor: `message`, `stack` and `cause` as a thrown error
 * has them, the rest as own properties.
 * @param kind Where the class comes from, as {@linkcode _errorKind} gives it.
 * @param cls The class's name.
 * @param name The error's `name`.
 * @param props Its properties, as {@linkcode _errorProps} gives them.
 * @returns The error.
 */
export function _rebuildError(
  kind: string,
  cls: string,
  name: string,
  props: Record<string, unknown>,
): Error {
  const message = String(props.message ?? "");
  let error: Error;
  if (kind === "dom") {
    error = new DOMException(message, name) as Error;
  } else {
    const ctor = kind === "fs"
      ? errorClasses[cls]
      : kind === "builtin"
      ? builtinErrors[cls]
      : kind === "deno"
      ? denoErrors()?.[cls]
      : undefined;
    error = Object.create((ctor ?? Error).prototype);
    Object.defineProperty(error, "message", { ...hidden, value: message });
  }
  Object.defineProperty(error, "stack", { ...hidden, value: props.stack });
  if ("cause" in props) {
    Object.defineProperty(error, "cause", { ...hidden, value: props.cause });
  }
  for (const [k, v] of Object.entries(props)) {
    if (k === "message" || k === "stack" || k === "cause") continue;
    (error as unknown as Record<string, unknown>)[k] = v;
  }
  if (error.name !== name) {
    Object.defineProperty(error, "name", { ...hidden, value: name });
  }
  return error;
}
