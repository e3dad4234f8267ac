/**
 * The `"parts"` cache (fsspec's `KnownPartsOfAFile`).
 *
 * @module
 */

import { concat } from "@std/bytes/concat";
import { _BaseCache } from "./_base_cache.ts";
import type { KnownPart } from "./cache_options.ts";

/**
 * Serves the byte ranges given up front (`cacheOptions.parts`, e.g. the
 * footer a catalogue already holds) without a request; the gaps of a read
 * between them are requested, each gap exactly (fsspec zero-fills or
 * raises there instead). Adjacent and overlapping parts are merged.
 */
export class _PartsCache extends _BaseCache {
  static override readonly cacheName = "parts";
  /** The known parts, sorted, merged, none touching another. */
  readonly parts: readonly KnownPart[] = _mergeParts(this.options.parts ?? []);

  protected async read(
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    const pieces: Promise<Uint8Array>[] = [];
    let at = start;
    let asked = false;
    for (const part of this.parts) {
      const partEnd = part.start + part.data.length;
      if (partEnd <= at) continue;
      if (part.start >= end) break;
      if (part.start > at) {
        asked = true;
        pieces.push(this.shared(at, part.start, signal));
        at = part.start;
      }
      const to = Math.min(end, partEnd);
      pieces.push(
        Promise.resolve(
          part.data.subarray(at - part.start, to - part.start),
        ),
      );
      at = to;
    }
    if (at < end) {
      asked = true;
      pieces.push(this.shared(at, end, signal));
    }
    if (asked) this.stats.misses++;
    else this.stats.hits++;
    return concat(await Promise.all(pieces));
  }
}

/** Sorts parts and merges those that touch or overlap. */
function _mergeParts(parts: readonly KnownPart[]): KnownPart[] {
  const sorted = [...parts].sort((a, b) => a.start - b.start);
  const merged: KnownPart[] = [];
  for (const part of sorted) {
    const last = merged.at(-1);
    const lastEnd = last ? last.start + last.data.length : -1;
    if (last && part.start <= lastEnd) {
      const extra = part.data.subarray(lastEnd - part.start);
      if (extra.length > 0) {
        merged[merged.length - 1] = {
          start: last.start,
          data: concat([last.data, extra]),
        };
      }
    } else merged.push({ start: part.start, data: part.data });
  }
  return merged;
}
