/**
 * Streaming between HTTP bodies and local files for `HTTPFileSystem`'s
 * `_getFile` and `_putFile`: chunk by chunk, with progress, and nothing
 * left half-written at the destination (`_writeToFile`, shared with the
 * core); and the upload of bytes held whole (`_pipeFile`, write files).
 * Internal.
 *
 * @module
 */

import { _writeToFile } from "../_atomic_write.ts";
import type { Callback } from "../callbacks.ts";
import { _contentLength } from "./range.ts";
import { _raiseForStatus, type _Requester } from "./request.ts";

/** Bytes per read of a local file being uploaded. */
const UPLOAD_CHUNK = 1 << 20;
/** Bodies up to this many bytes (by `Content-Length`) are read whole before writing. */
const SMALL_BODY = 1 << 20;

/**
 * Saves the answer to a download at `lpath` (see `_writeToFile`: nothing
 * is left there on failure). A small body of known length is read whole,
 * since a stream per file costs memory a get of thousands of files feels;
 * others are streamed. `callback` gets `setSize` (null where unknown) and
 * `relativeUpdate` per chunk.
 *
 * @param response The answer; a failing status is thrown as its error.
 * @param url The URL, for messages.
 * @param lpath The destination.
 * @param callback Progress.
 * @throws {FileNotFoundError | PermissionError | HTTPError} For a failing status.
 */
export async function _saveResponse(
  response: Response,
  url: string,
  lpath: string,
  callback: Callback | undefined,
): Promise<void> {
  if (!response.ok) await _raiseForStatus(response, "download", url);
  const length = _contentLength(response);
  callback?.setSize(length);
  const small = length !== null && length <= SMALL_BODY;
  await _writeToFile(
    small ? await response.bytes() : response.body,
    lpath,
    callback,
  );
}

/**
 * A request body that reads an open file chunk by chunk; `callback` gets
 * `relativeUpdate` as each chunk is handed on. The caller closes the file.
 *
 * @param file The file, open for reading.
 * @param callback Progress.
 * @returns The stream.
 */
export function _fileBody(
  file: Deno.FsFile,
  callback: Callback | undefined,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = new Uint8Array(UPLOAD_CHUNK);
      const n = await file.read(chunk);
      if (n === null) return controller.close();
      controller.enqueue(chunk.subarray(0, n));
      callback?.relativeUpdate(n);
    },
  });
}

/**
 * Uploads bytes held whole to `url` with `method`.
 *
 * @param request The filesystem's requester.
 * @param url The URL.
 * @param method `"POST"` or `"PUT"`.
 * @param data The bytes.
 * @param signal Aborts the upload.
 * @throws {HTTPError} For a failing status.
 */
export async function _upload(
  request: _Requester,
  url: string,
  method: "POST" | "PUT",
  data: Uint8Array,
  signal: AbortSignal | undefined,
): Promise<void> {
  await request(
    url,
    {
      method,
      action: "write",
      // fetch takes no view of a SharedArrayBuffer (as the IO Worker's wire may give)
      body: data.buffer instanceof ArrayBuffer
        ? data as Uint8Array<ArrayBuffer>
        : new Uint8Array(data),
      signal,
    },
    async (response) => {
      if (!response.ok) await _raiseForStatus(response, "write", url);
    },
  );
}
