/**
 * How a filesystem's batch methods run their work: the call's batch size,
 * then the instance's, then the no-files defaults; the call's signal; its
 * callback told the count and then each settle. Internal.
 *
 * @module
 */

import { getBatchSize } from "./config.ts";
import { runCorosInChunks, type Thunk } from "./run_coros_in_chunks.ts";
import type { BatchOptions } from "./types.ts";

/** Per filesystem, the most requests its batches can have in flight. */
const inFlightCaps = new WeakMap<object, number>();

/**
 * Caps the default batch size of `fs`'s batch calls at `cap`, the most it
 * can have in flight (HTTP: its per-host cap): a wider window only queues
 * requests, and costs memory and GC. A `batchSize` the caller gives (on the
 * call or the instance) is not capped.
 *
 * @param fs The filesystem.
 * @param cap The most in flight; -1: none.
 */
export function _capDefaultBatchSize(fs: object, cap: number): void {
  if (cap === -1) inFlightCaps.delete(fs);
  else inFlightCaps.set(fs, cap);
}

/**
 * The batch size of a batch call of `fs`: the call's, the instance's, else
 * the one in force (see {@linkcode getBatchSize}) capped by
 * {@linkcode _capDefaultBatchSize}; `undefined` leaves it to the batcher.
 */
export function _batchSizeOf(
  fs: { batchSize: number | undefined },
  batchSize: number | undefined,
  nofiles: boolean,
): number | undefined {
  const given = batchSize ?? fs.batchSize;
  const cap = inFlightCaps.get(fs);
  if (given !== undefined || cap === undefined) return given;
  const inForce = getBatchSize(nofiles);
  return inForce === -1 ? cap : Math.min(inForce, cap);
}

/** Runs thunks for a batch method of `fs`, errors in place. */
export function _runBatch<T>(
  fs: { batchSize: number | undefined },
  thunks: Thunk<T>[],
  options: BatchOptions | undefined,
  returnExceptions: true,
): Promise<(T | Error)[]>;
/** Runs thunks for a batch method of `fs`; the first error rejects. */
export function _runBatch<T>(
  fs: { batchSize: number | undefined },
  thunks: Thunk<T>[],
  options?: BatchOptions,
  returnExceptions?: false,
): Promise<T[]>;
export function _runBatch<T>(
  fs: { batchSize: number | undefined },
  thunks: Thunk<T>[],
  options?: BatchOptions,
  returnExceptions = false,
): Promise<(T | Error)[]> {
  options?.callback?.setSize(thunks.length);
  return runCorosInChunks(thunks, {
    batchSize: _batchSizeOf(fs, options?.batchSize, true),
    nofiles: true,
    signal: options?.signal,
    callback: options?.callback,
    returnExceptions,
  });
}
