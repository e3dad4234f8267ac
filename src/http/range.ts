/**
 * Byte ranges over HTTP: the `Range` header for a `_catFile(start, end)`
 * (fsspec's `_process_limits`, negative offsets included) and reading the
 * answer, whether the server honoured the range (206), ignored it (200: the
 * whole body, sliced as it streams) or found it past the end (416). Internal.
 *
 * @module
 */

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

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0].length === length) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
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
      if (done) return concat(chunks, length);
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
    return concat(chunks, length);
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
  const all = concat(chunks, length);
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
  const whole = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(first.value);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
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

/**
 * The asked bytes from an answer to a range request. A 206 must cover the
 * range (it may stop early only at the end of the file); a 200 carries the
 * whole body, which is sliced as it streams; a 416 (past the end) is empty.
 * Any other status is the caller's to handle: this returns `undefined`.
 *
 * @param response The answer; its body is read or cancelled.
 * @param range What was asked for.
 * @param url The URL, for messages.
 * @returns The bytes, or `undefined` for a status this does not handle.
 * @throws {Error} Where a 206 does not cover the asked range.
 */
export async function _readRange(
  response: Response,
  range: _ByteRange,
  url: string,
): Promise<Uint8Array | undefined> {
  if (response.status === 416) {
    await response.body?.cancel();
    return new Uint8Array(0);
  }
  if (response.status === 200) {
    if (!response.body) return new Uint8Array(0);
    const body = await decodedBody(response.body, response, url);
    if (range.suffix === undefined) {
      return await _sliceStream(body, range.start, range.end);
    }
    const length = _contentLength(response);
    return length === null
      ? await _tailOfStream(body, range.suffix)
      : await _sliceStream(body, Math.max(0, length - range.suffix), null);
  }
  if (response.status !== 206) return undefined;
  const encoding = response.headers.get("content-encoding")?.trim();
  if (encoding && encoding.toLowerCase() !== "identity") {
    await response.body?.cancel();
    throw new Error(
      `Cannot read "${url}" ${
        _rangeHeader(range)
      }: the server sent a ${encoding}-encoded range, which cannot be decoded alone`,
    );
  }
  const cr = _parseContentRange(response.headers.get("content-range"));
  const data = await response.bytes();
  if (!cr || cr.first === null || cr.last === null) {
    // a 206 without a usable Content-Range: trust it if it is no longer than asked
    const asked = range.suffix ??
      (range.end === null ? Infinity : range.end - range.start);
    if (data.length <= asked) return data;
    throw new Error(
      `Cannot read "${url}" ${
        _rangeHeader(range)
      }: the server sent ${data.length} bytes without saying which`,
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
    throw new Error(
      `Cannot read "${url}" ${
        _rangeHeader(range)
      }: the server answered with bytes ${cr.first}-${cr.last} (${data.length} sent)`,
    );
  }
  return data.subarray(start - cr.first, wantedEnd - cr.first);
}
