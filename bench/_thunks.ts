/**
 * The gather workloads of `bench/gather_bench.ts` and
 * `bench/batch_size_chart.ts`: thunks that do nothing (the engine's own
 * cost) and thunks that wait 1 ms on a timer.
 *
 * @module
 */

import type { Thunk } from "../mod.ts";

/** `count` thunks that resolve at once (to their index). */
export function noopThunks(count: number): Thunk<number>[] {
  return Array.from({ length: count }, (_, i) => () => Promise.resolve(i));
}

/** `count` thunks that each wait 1 ms on `setTimeout`. */
export function wait1msThunks(count: number): Thunk<void>[] {
  return Array.from(
    { length: count },
    () => () => new Promise<void>((r) => setTimeout(r, 1)),
  );
}
