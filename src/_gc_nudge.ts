/**
 * The blocked caller's GC nudge after a big answer. Internal.
 *
 * V8 frees a dropped `ArrayBuffer`'s memory only after a GC on the thread
 * that holds it; big external memory starts an incremental marking, which
 * advances in the thread's tasks and by its allocation. A thread that loops
 * on blocking calls sleeps in `Atomics.wait` instead of running tasks and
 * allocates next to nothing, so the marking stalls for hundreds of ms,
 * dropped results pile up, and each new result lands on memory the kernel
 * must fault in afresh (4-5x slower to touch on a VM). Allocating in
 * proportion to what arrived lets the GC advance as if this thread had made
 * the bytes itself.
 *
 * It pays on Deno 2.9.6: BENCHMARKS.md, "Blocking calls", group
 * `catFile 64 MiB`, the row "blocking catFile of 64 MiB, without the GC
 * nudge" against the row with it (bench/sync_bench.ts).
 *
 * @module
 */

/** What the nudge measures; mutable only so the bench can turn it off. */
export const _gcNudge: {
  /** Bytes transferred by one answer from which the caller nudges its GC. */
  minAnswerBytes: number;
  /** Bytes transferred per short-lived object the nudge allocates (~1/20 of the bytes, in 80-byte arrays). */
  answerBytesPerObject: number;
  /** Objects allocated at most per answer. */
  maxObjects: number;
} = {
  minAnswerBytes: 16 * 2 ** 20,
  answerBytesPerObject: 1600,
  maxObjects: 100_000,
};

/** Where the nudge's objects go, so that the compiler keeps them. */
const sink: { last?: unknown } = {};

/**
 * Allocate short-lived objects in proportion to an answer's transferred
 * buffers, where they are big.
 * @param buffers The answer's out-of-band buffers.
 */
export function _nudgeGc(
  buffers: readonly (ArrayBuffer | SharedArrayBuffer)[] | undefined,
): void {
  let size = 0;
  for (const b of buffers ?? []) {
    if (b instanceof ArrayBuffer) size += b.byteLength;
  }
  if (size < _gcNudge.minAnswerBytes) return;
  const n = Math.min(size / _gcNudge.answerBytesPerObject, _gcNudge.maxObjects);
  for (let k = 0; k < n; k++) sink.last = [k, k, k, k, k, k];
  sink.last = undefined;
}
