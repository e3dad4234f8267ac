/**
 * The errors a caller is expected to catch, one class each, as fsspec maps its
 * failures onto Python's `FileNotFoundError`, `PermissionError` and friends.
 *
 * Every class extends `Error`, sets `name`, keeps `cause` and carries the path
 * or URL it is about. They are rebuilt with the same class on the caller's side
 * of the IO Worker, so `instanceof` holds for blocking calls too.
 *
 * @module
 */

/** Options common to the filesystem errors. */
export interface FSErrorOptions extends ErrorOptions {
  /** The path or URL the error is about. */
  path?: string;
}

/**
 * A path or URL that does not exist (a 404, a missing file).
 *
 * @example What a missing file gives
 * ```ts
 * import { filesystem, FileNotFoundError } from "@fsspec/asyn";
 * import { assertRejects } from "@std/assert";
 *
 * const fs = await filesystem("memory", { asynchronous: true, skipInstanceCache: true });
 * await assertRejects(() => fs._info("/nope"), FileNotFoundError);
 * ```
 */
export class FileNotFoundError extends Error {
  /** The path or URL that was not found. */
  path: string | undefined;
  /**
   * Makes one.
   *
   * @param message What failed, as `Cannot <action> "<path>": <state>`.
   * @param options `path` and `cause`.
   */
  constructor(message: string, options?: FSErrorOptions) {
    super(message, options);
    this.name = "FileNotFoundError";
    this.path = options?.path;
  }
}

/**
 * A path that exists already where it must not.
 *
 * @example Made with the path it is about
 * ```ts
 * import { FileExistsError } from "@fsspec/asyn";
 * import { assertStrictEquals } from "@std/assert";
 *
 * const error = new FileExistsError('Cannot make "/a": it exists already', { path: "/a" });
 * assertStrictEquals(error.name, "FileExistsError");
 * assertStrictEquals(error.path, "/a");
 * ```
 */
export class FileExistsError extends Error {
  /** The path that exists. */
  path: string | undefined;
  /**
   * Makes one.
   *
   * @param message What failed.
   * @param options `path` and `cause`.
   */
  constructor(message: string, options?: FSErrorOptions) {
    super(message, options);
    this.name = "FileExistsError";
    this.path = options?.path;
  }
}

/**
 * An operation refused for lack of rights (HTTP 401 or 403, EACCES).
 *
 * @example It keeps its cause
 * ```ts
 * import { PermissionError } from "@fsspec/asyn";
 * import { assertStrictEquals } from "@std/assert";
 *
 * const cause = new Error("EACCES");
 * const error = new PermissionError('Cannot read "/a": permission denied', { path: "/a", cause });
 * assertStrictEquals(error.cause, cause);
 * ```
 */
export class PermissionError extends Error {
  /** The path or URL refused. */
  path: string | undefined;
  /** The HTTP status, where there was one. */
  status: number | undefined;
  /**
   * Makes one.
   *
   * @param message What failed.
   * @param options `path`, `status` and `cause`.
   */
  constructor(message: string, options?: FSErrorOptions & { status?: number }) {
    super(message, options);
    this.name = "PermissionError";
    this.path = options?.path;
    this.status = options?.status;
  }
}

/**
 * An HTTP answer with a status that has no more specific class.
 *
 * @example Status and URL
 * ```ts
 * import { HTTPError } from "@fsspec/asyn";
 * import { assertStrictEquals } from "@std/assert";
 *
 * const url = "http://127.0.0.1:8000/a";
 * const error = new HTTPError(`Cannot read "${url}": server answered 500`, { status: 500, url });
 * assertStrictEquals(error.status, 500);
 * assertStrictEquals(error.url, url);
 * ```
 */
export class HTTPError extends Error {
  /** The HTTP status code. */
  status: number;
  /** The URL that answered. */
  url: string;
  /**
   * Makes one.
   *
   * @param message What failed.
   * @param options `status`, `url` and `cause`.
   */
  constructor(
    message: string,
    options: ErrorOptions & { status: number; url: string },
  ) {
    super(message, options);
    this.name = "HTTPError";
    this.status = options.status;
    this.url = options.url;
  }
}

/**
 * An operation that took longer than its timeout.
 *
 * @example The timeout that ran out
 * ```ts
 * import { FSTimeoutError } from "@fsspec/asyn";
 * import { assertInstanceOf, assertStrictEquals } from "@std/assert";
 *
 * const error = new FSTimeoutError("Cannot finish cat(): no answer within 0.05 s", { timeout: 0.05 });
 * assertInstanceOf(error, Error);
 * assertStrictEquals(error.timeout, 0.05);
 * ```
 */
export class FSTimeoutError extends Error {
  /** The timeout that ran out, in seconds. */
  timeout: number | undefined;
  /**
   * Makes one.
   *
   * @param message What timed out.
   * @param options `timeout` (seconds) and `cause`.
   */
  constructor(message: string, options?: ErrorOptions & { timeout?: number }) {
    super(message, options);
    this.name = "FSTimeoutError";
    this.timeout = options?.timeout;
  }
}

/**
 * The error classes of this module by name: what the IO Worker's wire codec
 * uses to rebuild an error with its own class on the caller's side.
 */
export const errorClasses: Readonly<Record<string, ErrorConstructor>> = {
  FileNotFoundError: FileNotFoundError as unknown as ErrorConstructor,
  FileExistsError: FileExistsError as unknown as ErrorConstructor,
  PermissionError: PermissionError as unknown as ErrorConstructor,
  HTTPError: HTTPError as unknown as ErrorConstructor,
  FSTimeoutError: FSTimeoutError as unknown as ErrorConstructor,
};
