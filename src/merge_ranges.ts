/**
 * `_catRanges` with `maxGap`: nearby ranges of one file merged into one read
 * (fsspec's `merge_offset_ranges`), then cut apart again. Internal.
 *
 * @module
 */

import type { AsyncFileSystem } from "./async_file_system.ts";
import { runCorosInChunks } from "./run_coros_in_chunks.ts";
import type { CatRangesOptions } from "./types.ts";

interface Read {
  path: string;
  start: number | null;
  end: number | null;
  members: { index: number; start: number; end: number }[];
}

/** Plans the reads: ranges with known, non-negative bounds merge across gaps of at most `maxGap`. */
export function _planReads(
  paths: readonly string[],
  starts: readonly (number | null)[],
  ends: readonly (number | null)[],
  maxGap: number,
): Read[] {
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
      reads.push({ path: r.path, start: r.start, end: r.end, members: [] });
      reads.at(-1)!.members.push({ index: r.index, start: 0, end: Infinity });
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

/** Reads the planned ranges and puts each slice (or the read's error) in its place. */
export async function _catMergedRanges(
  fs: AsyncFileSystem,
  paths: readonly string[],
  starts: readonly (number | null)[],
  ends: readonly (number | null)[],
  options: CatRangesOptions,
): Promise<(Uint8Array | Error)[]> {
  const reads = _planReads(paths, starts, ends, options.maxGap!);
  const data = await runCorosInChunks(
    reads.map((r) => (signal: AbortSignal) =>
      fs._catFile(r.path, { start: r.start, end: r.end, signal })
    ),
    {
      batchSize: options.batchSize ?? fs.batchSize,
      nofiles: true,
      returnExceptions: true,
      signal: options.signal,
    },
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
