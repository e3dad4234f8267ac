/**
 * `_catRanges`: byte ranges of many files read concurrently; with `maxGap`,
 * nearby ranges of one file merged into one read (fsspec's
 * `merge_offset_ranges`), then cut apart again. Internal.
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import { _runBatch } from "./_batch.ts";
import type { CatRangesOptions } from "./types.ts";

interface Read {
  path: string;
  start: number | null;
  end: number | null;
  members: { index: number; start: number; end: number }[];
}

/**
 * Plans the reads: one per range, or with `maxGap`, ranges with known,
 * non-negative bounds merged across gaps of at most `maxGap`.
 */
export function _planReads(
  paths: readonly string[],
  starts: readonly (number | null)[],
  ends: readonly (number | null)[],
  maxGap: number | undefined,
): Read[] {
  if (maxGap === undefined) {
    return paths.map((path, index) => ({
      path,
      start: starts[index],
      end: ends[index],
      members: [{ index, start: 0, end: Infinity }],
    }));
  }
  if (!Number.isInteger(maxGap) || maxGap < 0) {
    throw new RangeError(
      `Cannot merge ranges with maxGap ${maxGap}: it must be a non-negative integer`,
    );
  }
  const reads: Read[] = [];
  const mergeable = paths.map((path, index) => ({
    path,
    index,
    start: starts[index],
    end: ends[index],
  }))
    .filter((r) => {
      if (r.start !== null && r.end !== null && r.start >= 0 && r.end >= 0) {
        return true;
      }
      reads.push({
        path: r.path,
        start: r.start,
        end: r.end,
        members: [{ index: r.index, start: 0, end: Infinity }],
      });
      return false;
    }) as { path: string; index: number; start: number; end: number }[];
  mergeable.sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.start - b.start
  );
  let current: Read | undefined;
  for (const r of mergeable) {
    if (
      current && current.path === r.path &&
      r.start - (current.end as number) <= maxGap
    ) {
      current.end = Math.max(current.end as number, r.end);
    } else {
      current = { path: r.path, start: r.start, end: r.end, members: [] };
      reads.push(current);
    }
    current.members.push({ index: r.index, start: r.start, end: r.end });
  }
  return reads;
}

/**
 * Reads ranges of many files (scalars broadcast) and puts each slice, or
 * its read's error, in its place.
 *
 * @throws {RangeError} Where `starts` or `ends` is a list of another length.
 */
export async function _catRangesOf(
  fs: AsyncFileSystem,
  paths: readonly string[],
  starts: number | null | readonly (number | null)[],
  ends: number | null | readonly (number | null)[],
  options: CatRangesOptions,
): Promise<(Uint8Array | Error)[]> {
  const n = paths.length;
  const s: (number | null)[] = Array.isArray(starts)
    ? starts
    : new Array(n).fill(starts);
  const e: (number | null)[] = Array.isArray(ends)
    ? ends
    : new Array(n).fill(ends);
  if (s.length !== n || e.length !== n) {
    throw new RangeError(
      `Cannot read ${n} ranges: got ${s.length} starts and ${e.length} ends`,
    );
  }
  const reads = _planReads(paths, s, e, options.maxGap);
  const data = await _runBatch(
    fs,
    reads.map((r) => (signal: AbortSignal) =>
      fs._catFile(r.path, { start: r.start, end: r.end, signal })
    ),
    options,
    true,
  );
  const out: (Uint8Array | Error)[] = new Array(paths.length);
  reads.forEach((read, i) => {
    const bytes = data[i];
    for (const m of read.members) {
      if (bytes instanceof Error) out[m.index] = bytes;
      else if (m.end === Infinity) out[m.index] = bytes;
      else {
        const offset = m.start - (read.start as number);
        out[m.index] = bytes.subarray(offset, offset + (m.end - m.start));
      }
    }
  });
  if (options.onError === "raise") {
    const error = out.find((x) => x instanceof Error);
    if (error) throw error;
  }
  return out;
}
