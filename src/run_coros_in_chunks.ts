/**
 * The batch engine: fsspec's `_run_coros_in_chunks` for promises.
 *
 * @module
 */

import type { Callback } from "./callbacks.ts";
import { getBatchSize } from "./config.ts";
import { FSTimeoutError } from "./errors.ts";

/**
 * One unit of work: a function that starts it when called. The batcher calls
 * it when a slot is free; the signal aborts when the work is no longer wanted.
 */
export type Thunk<T> = (signal: AbortSignal) => Promise<T>;

/** Options of {@linkcode runCorosInChunks}. */
export interface RunCorosInChunksOptions {
  /**
   * At most this many thunks in flight; -1 runs all at once. Unset: the
   * config key, then the built-in default (see {@linkcode getBatchSize}).
   * @default {undefined}
   */
  batchSize?: number;
  /**
   * The work opens no local files, so the larger no-files default applies.
   * @default {false}
   */
  nofiles?: boolean;
  /**
   * Seconds each thunk may take; then its signal aborts and its slot holds an
   * {@linkcode FSTimeoutError}. 0 or unset: no timeout.
   * @default {undefined}
   */
  timeout?: number;
  /**
   * Put errors in the results in place, instead of rejecting on the first.
   * @default {false}
   */
  returnExceptions?: boolean;
  /**
   * Gets `relativeUpdate(1)` as each thunk settles, failures included.
   * @default {undefined}
   */
  callback?: Callback;
  /**
   * Aborts every thunk in flight, starts no more, and rejects the call.
   * @default {undefined}
   */
  signal?: AbortSignal;
}

/**
 * Checks a batch size and turns it into a window: -1 means all at once.
 *
 * @throws {RangeError} For 0, a negative number other than -1, or a non-integer.
 */
export function _windowSize(batchSize: number, count: number): number {
  if (batchSize === -1) return Math.max(count, 1);
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new RangeError(
      `Cannot run with batch size ${batchSize}: it must be a positive integer or -1`,
    );
  }
  return batchSize;
}

/**
 * Runs thunks with at most `batchSize` in flight, starting a new one as one
 * settles (a sliding window), and returns their results in input order.
 *
 * Without `returnExceptions`, the first error stops the run: no new thunk
 * starts, the signals of those in flight abort, and the call rejects with that
 * error once they have settled, so nothing runs on behind the caller's back.
 * A timed-out thunk's slot is filled at once and does not wait for it.
 *
 * @typeParam T The thunks' result type.
 * @param thunks The work, not yet started.
 * @param options Batch size, timeout, error handling, callback, signal.
 * @returns The results, in the order of `thunks`; with `returnExceptions`, errors in place.
 * @throws {RangeError} For a bad batch size, before any thunk starts.
 * @throws {FSTimeoutError} Where a thunk timed out, without `returnExceptions`.
 *
 * @example Fetch three things, two at a time
 * ```ts
 * import { runCorosInChunks } from "@fsspec/asyn";
 * import { assertEquals } from "@std/assert";
 *
 * const thunks = [1, 2, 3].map((n) => () => Promise.resolve(n * 10));
 * assertEquals(await runCorosInChunks(thunks, { batchSize: 2 }), [10, 20, 30]);
 * ```
 */
export function runCorosInChunks<T>(
  thunks: readonly Thunk<T>[],
  options: RunCorosInChunksOptions & { returnExceptions: true },
): Promise<(T | Error)[]>;
/**
 * Runs thunks with at most `batchSize` in flight; the first error rejects.
 *
 * @typeParam T The thunks' result type.
 * @param thunks The work, not yet started.
 * @param options Batch size, timeout, callback, signal.
 * @returns The results, in the order of `thunks`.
 */
export function runCorosInChunks<T>(
  thunks: readonly Thunk<T>[],
  options?: RunCorosInChunksOptions,
): Promise<T[]>;
export function runCorosInChunks<T>(
  thunks: readonly Thunk<T>[],
  options: RunCorosInChunksOptions = {},
): Promise<(T | Error)[]> {
  const n = thunks.length;
  let window: number;
  try {
    window = _windowSize(options.batchSize ?? getBatchSize(options.nofiles), n);
  } catch (error) {
    return Promise.reject(error);
  }
  const { callback, signal, returnExceptions = false } = options;
  const timeoutMs = options.timeout ? options.timeout * 1000 : 0;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const results: (T | Error)[] = new Array(n);
  if (n === 0) return Promise.resolve(results);

  return new Promise((resolve, reject) => {
    const controller = new AbortController();
    let next = 0;
    let active = 0;
    let settled = 0;
    let failure: { error: unknown } | undefined;

    const onCallerAbort = () => fail(signal!.reason);
    signal?.addEventListener("abort", onCallerAbort, { once: true });

    function finish() {
      signal?.removeEventListener("abort", onCallerAbort);
      if (failure) reject(failure.error);
      else resolve(results);
    }

    function fail(error: unknown) {
      if (failure) return;
      failure = { error };
      controller.abort(error);
      if (active === 0) finish();
    }

    function settle(i: number, value: T | Error, isError: boolean) {
      active--;
      settled++;
      callback?.relativeUpdate(1);
      if (failure) {
        if (active === 0) finish();
        return;
      }
      if (isError && !returnExceptions) return fail(value);
      results[i] = value;
      if (settled === n) finish();
      else launch();
    }

    function start(i: number): Promise<T> {
      if (!timeoutMs) {
        try {
          return thunks[i](controller.signal);
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return startWithTimeout(
        thunks[i],
        controller.signal,
        timeoutMs,
        options.timeout!,
      );
    }

    function launch() {
      while (active < window && next < n && !failure) {
        const i = next++;
        active++;
        start(i).then(
          (value) => settle(i, value, false),
          (error) => settle(i, toError(error), true),
        );
      }
    }

    launch();
  });
}

function toError(error: unknown): Error {
  return error instanceof Error
    ? error
    : new Error(String(error), { cause: error });
}

/** Starts a thunk under its own timeout; the batch's signal still reaches it. */
function startWithTimeout<T>(
  thunk: Thunk<T>,
  batchSignal: AbortSignal,
  ms: number,
  seconds: number,
): Promise<T> {
  const own = new AbortController();
  const onBatchAbort = () => own.abort(batchSignal.reason);
  batchSignal.addEventListener("abort", onBatchAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new FSTimeoutError(
        `Cannot finish the operation: it took longer than ${seconds} s`,
        { timeout: seconds },
      );
      own.abort(error);
      reject(error);
    }, ms);
  });
  let work: Promise<T>;
  try {
    work = thunk(own.signal);
  } catch (error) {
    work = Promise.reject(error);
  }
  work.catch(() => {}); // its failure after a timeout is not the caller's
  return Promise.race([work, expired]).finally(() => {
    clearTimeout(timer);
    batchSignal.removeEventListener("abort", onBatchAbort);
  });
}
