/**
 * How a filesystem's batch methods run their work: the call's batch size,
 * then the instance's, then the no-files defaults; the call's signal; its
 * callback told the count and then each settle. Internal.
 *
 * @module
 */

import { runCorosInChunks, type Thunk } from "./run_coros_in_chunks.ts";
import type { BatchOptions } from "./types.ts";

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
    batchSize: options?.batchSize ?? fs.batchSize,
    nofiles: true,
    signal: options?.signal,
    callback: options?.callback,
    returnExceptions,
  });
}
