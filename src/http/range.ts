/**
 * Byte ranges over HTTP: the `Range` header for a `_catFile(start, end)`
 * (fsspec's `_process_limits`, negative offsets included) and reading the
 * answer, whether the server honoured the range (206, or a 200 that says
 * so with `Content-Range`), ignored it (200: the whole body, sliced as it
 * streams), sent the range alone as a 200 without saying so (told from the
 * whole file by the lengths), or found it past the end (416). Internal.
 *
 * @module
 */

import { concat } from "@std/bytes/concat";
import { STATUS_CODE } from "@std/http/status";
import { HTTPError } from "../errors.ts";
import type { _Requester } from "./request.ts";

/** A range to ask for: bytes `[start, end)` (`end` null: to the end), or the last `suffix` bytes. */
export type _ByteRange =
  | { start: number; end: number | null; suffix?: undefined }
  | { suffix: number; start?: undefined; end?: undefined };

/** A `Content-Range` header: first and last byte sent (null for `*`), and the total (null for `*`). */
export interface _ContentRange {
  first: number | null;
  last: number | null;
  total: number | null;
}

function checkOffset(url: string, name: string, value: number): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(
      `Cannot read "${url}" with ${name} ${value}: it must be an integer`,
    );
  }
}

/**
 * The range `_catFile` asks for, as fsspec's `_process_limits`: a negative
 * start without an end is a suffix (`bytes=-n`); other negative offsets
 * count from the end, which needs the size.
 *
 * @param url The URL, for messages.
 * @param start First byte; negative from the end; null for 0.
 * @param end Byte after the last; negative from the end; null for the end.
 * @param size Fetches the size where a negative offset needs it.
 * @returns The range, or null where it is empty (nothing to ask for).
 * @throws {RangeError} For a non-integer offset, or a negative one where the size is unknown.
 */
export async function _resolveRange(
  url: string,
  start: number | null | undefined,
  end: number | null | undefined,
  size: () => Promise<number | null>,
): Promise<_ByteRange | null> {
  if (start != null) checkOffset(url, "start", start);
  if (end != null) checkOffset(url, "end", end);
  if (start != null && start < 0 && end == null) return { suffix: -start };
  let known: number | null | undefined;
  const total = async () => {
    if (known === undefined) known = await size();
    if (known === null) {
      throw new RangeError(
        `Cannot read "${url}" from ${
          start ?? 0
        } to ${end}: negative offsets need the size, and the server does not say it`,
      );
    }
    return known;
  };
  let s = start ?? 0;
  if (s < 0) s = Math.max(0, (await total()) + s);
  let e = end ?? null;
  if (e !== null && e < 0) e = Math.max(0, (await total()) + e);
  if (e !== null && e <= s) return null;
  return { start: s, end: e };
}

/** The `Range` header value of a range. */
export function _rangeHeader(range: _ByteRange): string {
  if (range.suffix !== undefined) return `bytes=-${range.suffix}`;
  return `bytes=${range.start}-${range.end === null ? "" : range.end - 1}`;
}

/** Parses `Content-Range: bytes a-b/n` (or `*` for either part); null where malformed. */
export function _parseContentRange(
  header: string | null,
): _ContentRange | null {
  const m = header && /^\s*bytes\s+(?:(\d+)-(\d+)|\*)\s*\/\s*(\d+|\*)\s*$/i
    .exec(header);
  if (!m) return null;
  return {
    first: m[1] === undefined ? null : Number(m[1]),
    last: m[2] === undefined ? null : Number(m[2]),
    total: m[3] === "*" ? null : Number(m[3]),
  };
}

/**
 * The length of the bytes a response will give: `Content-Length`, where no
 * `Content-Encoding` makes it the length of something else.
 */
export function _contentLength(response: Response): number | null {
  const encoding = response.headers.get("content-encoding");
  if (encoding && encoding.trim().toLowerCase() !== "identity") return null;
  const value = response.headers.get("content-length");
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

/**
 * Reads bytes `[start, end)` of a stream that starts at byte 0, and cancels
 * it as soon as `end` is passed: a large body is never held whole.
 */
export async function _sliceStream(
  body: ReadableStream<Uint8Array>,
  start: number,
  end: number | null,
): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let pos = 0;
  try {
    while (end === null || pos < end) {
      const { done, value } = await reader.read();
      if (done) return concat(chunks);
      const from = Math.max(start - pos, 0);
      const to = end === null
        ? value.length
        : Math.min(end - pos, value.length);
      if (to > from) {
        chunks.push(value.subarray(from, to));
        length += to - from;
      }
      pos += value.length;
    }
    await reader.cancel();
    return concat(chunks);
  } finally {
    reader.releaseLock();
  }
}

/** Reads the last `n` bytes of a stream of unknown length, holding at most about `n` bytes. */
export async function _tailOfStream(
  body: ReadableStream<Uint8Array>,
  n: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    length += chunk.length;
    while (chunks.length > 1 && length - chunks[0].length >= n) {
      length -= chunks.shift()!.length;
    }
  }
  const all = concat(chunks);
  return all.subarray(Math.max(0, all.length - n));
}

/**
 * The body of a 200 to a range request, decoded. A range request goes out
 * with `Accept-Encoding: identity`, so fetch does not decode; a server that
 * gzips anyway is decoded here (where the bytes are gzip: a runtime that did
 * decode leaves none). Other encodings cannot be read as ranges.
 */
async function decodedBody(
  body: ReadableStream<Uint8Array>,
  response: Response,
  url: string,
): Promise<ReadableStream<Uint8Array>> {
  const encoding = response.headers.get("content-encoding")?.trim()
    .toLowerCase();
  if (!encoding || encoding === "identity") return body;
  if (encoding !== "gzip" && encoding !== "x-gzip") {
    await body.cancel();
    throw new Error(
      `Cannot read a range of "${url}": the server sent it ${encoding}-encoded`,
    );
  }
  const reader = body.getReader();
  const first = await reader.read();
  const whole = _prepended(first.done ? [] : [first.value], reader);
  const magic = !first.done && first.value[0] === 0x1f &&
    first.value[1] === 0x8b;
  return magic
    ? whole.pipeThrough(
      new DecompressionStream("gzip") as unknown as TransformStream<
        Uint8Array,
        Uint8Array
      >,
    )
    : whole;
}

/** A stream of `chunks` then the rest of `reader`; cancelling it cancels the reader. */
export function _prepended(
  chunks: Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array>,
): ReadableStream<Uint8Array> {
  const queue = [...chunks];
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = queue.shift();
      if (next) return controller.enqueue(next);
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/**
 * Bytes of a 200 to a range request that says neither where they start
 * (no `Content-Range`) nor, by being longer than asked, that they are the
 * whole file: they are the asked slice or a whole file that short, and
 * only the file's size tells which (see {@linkcode _placeUnlabelled}).
 */
export interface _Unlabelled {
  /** The bytes the server sent. */
  unlabelled: Uint8Array;
  /** The first byte asked for (not 0). */
  start: number;
  /** The byte after the last asked for; null: to the end. */
  end: number | null;
}

function badAnswer(
  response: Response,
  range: _ByteRange,
  url: string,
  state: string,
): HTTPError {
  return new HTTPError(
    `Cannot read "${url}" ${_rangeHeader(range)}: ${state}`,
    { status: response.status, url },
  );
}

/**
 * A 200 with no `Content-Range`: the whole file where `whole` says so, else
 * the whole file or the asked slice, told apart by length where it can be.
 */
async function readUnlabelled(
  body: ReadableStream<Uint8Array>,
  range: _ByteRange,
  whole: boolean,
): Promise<Uint8Array | _Unlabelled> {
  if (range.suffix !== undefined) {
    // the last n bytes of the whole file, or the server's slice of them: the same bytes
    return await _tailOfStream(body, range.suffix);
  }
  const { start, end } = range;
  // from byte 0, the whole file and the slice agree on every byte asked
  if (start === 0 || whole) return await _sliceStream(body, start, end);
  const asked = end === null ? Infinity : end - start;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length <= asked) {
    const { done, value } = await reader.read();
    if (done) {
      reader.releaseLock();
      return { unlabelled: concat(chunks), start, end };
    }
    chunks.push(value);
    length += value.length;
  }
  // longer than asked: no slice is, so it is the whole file
  return await _sliceStream(_prepended(chunks, reader), start, end);
}

/**
 * What a server's 200 to `Range: bytes=0-0` shows of its 200s to ranges:
 * `"whole"` where it sent more than the one byte (it ignores ranges),
 * `"slice"` where it sent just one byte (it sends ranges as 200s), null
 * where it shows neither.
 *
 * @param request Sends requests (with the filesystem's headers, retries, timeout).
 * @param url The URL to ask.
 * @param signal Aborts.
 * @returns What the server sends.
 * @throws {HTTPError} For a connection failure.
 */
export function _rangeHabit(
  request: _Requester,
  url: string,
  signal: AbortSignal | undefined,
): Promise<"whole" | "slice" | null> {
  return request(url, {
    method: "GET",
    action: "read",
    headers: { range: "bytes=0-0", "accept-encoding": "identity" },
    signal,
  }, habitOf);
}

async function habitOf(
  response: Response,
): Promise<"whole" | "slice" | null> {
  const encoding = response.headers.get("content-encoding")?.trim();
  if (
    response.status !== STATUS_CODE.OK || !response.body ||
    (encoding && encoding.toLowerCase() !== "identity") ||
    response.headers.has("content-range")
  ) {
    await response.body?.cancel();
    return null;
  }
  const first = await _sliceStream(response.body, 0, 2);
  return first.length === 2 ? "whole" : first.length === 1 ? "slice" : null;
}

/**
 * Places the bytes of an unlabelled 200 (see {@linkcode _Unlabelled}): by
 * the file's size, the whole file where they are as long as it, the asked
 * slice where they are as long as the part of the range inside the file;
 * without the size, by what the server does with a one-byte range
 * (see {@linkcode _rangeHabit}).
 *
 * @param got The bytes, and the range asked.
 * @param size The file's size, where known.
 * @param habit What the server sends for a range, where the size is not known.
 * @param url The URL, for messages.
 * @returns The asked bytes.
 * @throws {HTTPError} Where neither tells which bytes they are.
 */
export function _placeUnlabelled(
  got: _Unlabelled,
  size: number | null,
  habit: "whole" | "slice" | null,
  url: string,
): Uint8Array {
  const { unlabelled: data, ...range } = got;
  const n = data.length;
  const sliceLength = size === null ? null : Math.max(
    0,
    (range.end === null ? size : Math.min(range.end, size)) - range.start,
  );
  const whole = size === null ? habit === "whole" : size === n;
  // a one-byte answer could be a one-byte file: only the size tells
  const slice = size === null ? habit === "slice" && n > 1 : sliceLength === n;
  // where both hold the bytes are the same (none)
  if (whole) return data.subarray(range.start, range.end ?? undefined);
  if (slice) return data;
  const header = _rangeHeader(range);
  throw new HTTPError(
    size === null
      ? `Cannot read "${url}" ${header}: the server answered 200 with ${n} bytes and no Content-Range, does not say the file's size, and its answer to a one-byte range does not tell whether they are the range or the whole file`
      : `Cannot read "${url}" ${header}: the server answered 200 with ${n} bytes and no Content-Range, neither the file's ${size} bytes nor the range's ${sliceLength}`,
    { status: 200, url },
  );
}

/**
 * The asked bytes from an answer to a range request. A 206, or a 200 with a
 * `Content-Range`, must cover the range (it may stop early only at the end
 * of the file). A 200 without one is the whole file (sliced as it streams)
 * where it is longer than the range, or where the range starts at 0;
 * otherwise it may be the range alone, and is returned as
 * {@linkcode _Unlabelled} for {@linkcode _placeUnlabelled} to place once the
 * size is known (asked for after this request has let go of its
 * connection). A 416 (past the end) is empty. Any other status is the
 * caller's to handle: this returns `undefined`.
 *
 * @param response The answer; its body is read or cancelled.
 * @param range What was asked for.
 * @param url The URL, for messages.
 * @returns The bytes, bytes to place, or `undefined` for a status this does not handle.
 * @throws {HTTPError} Where a partial answer does not cover the asked range, or is encoded.
 */
export async function _readRange(
  response: Response,
  range: _ByteRange,
  url: string,
): Promise<Uint8Array | _Unlabelled | undefined> {
  if (response.status === STATUS_CODE.RangeNotSatisfiable) {
    await response.body?.cancel();
    return new Uint8Array(0);
  }
  const status = response.status;
  if (status !== STATUS_CODE.OK && status !== STATUS_CODE.PartialContent) {
    return undefined;
  }
  const encoding = response.headers.get("content-encoding")?.trim();
  const encoded = !!encoding && encoding.toLowerCase() !== "identity";
  const cr = _parseContentRange(response.headers.get("content-range"));
  if (status === STATUS_CODE.OK && (encoded || cr?.first == null)) {
    if (!response.body) return new Uint8Array(0);
    // an encoded 200 is the whole file: a range is of the encoded bytes,
    // and a server that encodes (nginx's gzip filter) ignores ranges
    return await readUnlabelled(
      await decodedBody(response.body, response, url),
      range,
      encoded,
    );
  }
  if (encoded) {
    await response.body?.cancel();
    throw badAnswer(
      response,
      range,
      url,
      `the server sent a ${encoding}-encoded range, which cannot be decoded alone`,
    );
  }
  const data = await response.bytes();
  if (!cr || cr.first === null || cr.last === null) {
    // a 206 without a usable Content-Range: trust it if it is no longer than asked
    const asked = range.suffix ??
      (range.end === null ? Infinity : range.end - range.start);
    if (data.length <= asked) return data;
    throw badAnswer(
      response,
      range,
      url,
      `the server sent ${data.length} bytes without saying which`,
    );
  }
  let start: number;
  let end: number | null;
  if (range.suffix !== undefined) {
    if (cr.total === null) return data; // the server alone knows where the end is
    start = Math.max(0, cr.total - range.suffix);
    end = cr.total;
  } else {
    start = range.start;
    end = range.end;
  }
  const sentEnd = cr.first + data.length;
  const wantedEnd = end === null
    ? cr.total ?? sentEnd
    : Math.min(end, cr.total ?? Infinity);
  if (
    cr.first > start || sentEnd < wantedEnd ||
    data.length !== cr.last - cr.first + 1
  ) {
    throw badAnswer(
      response,
      range,
      url,
      `the server answered with bytes ${cr.first}-${cr.last} (${data.length} sent)`,
    );
  }
  return data.subarray(start - cr.first, wantedEnd - cr.first);
}
