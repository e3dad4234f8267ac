/**
 * Deno's errors as this library's classes, for the local backend. Internal.
 *
 * @module
 */

import {
  FileExistsError,
  FileNotFoundError,
  PermissionError,
} from "../errors.ts";

/**
 * A Deno error as this library's class: not found (or a file where a
 * directory should be) → {@linkcode FileNotFoundError}, exists →
 * {@linkcode FileExistsError}, denied → {@linkcode PermissionError}; the
 * original is the `cause`. Anything else is returned as it is.
 */
export function _mapLocalError(
  error: unknown,
  action: string,
  path: string,
): unknown {
  const options = { path, cause: error };
  if (
    error instanceof Deno.errors.NotFound ||
    error instanceof Deno.errors.NotADirectory
  ) {
    return new FileNotFoundError(
      `Cannot ${action} "${path}": no such file or directory`,
      options,
    );
  }
  if (error instanceof Deno.errors.AlreadyExists) {
    return new FileExistsError(
      `Cannot ${action} "${path}": it exists already`,
      options,
    );
  }
  if (
    error instanceof Deno.errors.PermissionDenied ||
    error instanceof Deno.errors.NotCapable
  ) {
    return new PermissionError(
      `Cannot ${action} "${path}": permission denied`,
      options,
    );
  }
  return error;
}
