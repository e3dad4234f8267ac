/**
 * Writing a local file so that a failure leaves nothing at the destination:
 * the bytes go to a temporary file beside it, renamed once complete. Used by
 * the default `_getFile` and by streaming backends. Internal.
 *
 * A process killed mid-write (SIGINT, SIGKILL, a power cut) cannot remove
 * its temporary files; the next process that writes into the same
 * directory does: the first write there removes temporary files of other
 * processes older than this one.
 *
 * @module
 */

import { concat } from "@std/bytes/concat";
import type { Callback } from "./callbacks.ts";
import { _permitted } from "./config.ts";

/** Temporary names: `<name>.part-<pid>-<8 hex>`. */
const TEMPORARY = /\.part-(\d+)-[0-9a-f]{8}$/;

/** When this process started, as near as a thread can tell (ms since the epoch). */
const PROCESS_START = performance.timeOrigin;

/** Directories swept by this thread: each once. */
const swept = new Map<string, Promise<void>>();

/** The temporary name of a write to `lpath`. */
export function _temporaryName(lpath: string): string {
  return `${lpath}.part-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
}

function directoryOf(lpath: string): string {
  const cut = lpath.lastIndexOf("/");
  return cut <= 0 ? (cut === 0 ? "/" : ".") : lpath.slice(0, cut);
}

/**
 * Removes the temporary files another process left in `dir` (killed
 * mid-write) that are older than this process; once per directory per
 * thread, and only where reading `dir` is granted already (never a prompt).
 * Failures are ignored: this is tidying, not the write.
 */
export function _sweepTemporaries(dir: string): Promise<void> {
  let done = swept.get(dir);
  if (!done) {
    done = sweep(dir);
    swept.set(dir, done);
  }
  return done;
}

async function sweep(dir: string): Promise<void> {
  if (!_permitted({ name: "read", path: dir })) return;
  try {
    for await (const entry of Deno.readDir(dir)) {
      const m = entry.isFile ? TEMPORARY.exec(entry.name) : null;
      if (!m || Number(m[1]) === Deno.pid) continue;
      const path = `${dir}/${entry.name}`;
      const { mtime } = await Deno.lstat(path);
      if (mtime !== null && mtime.getTime() < PROCESS_START) {
        await Deno.remove(path).catch(() => {});
      }
    }
  } catch {
    // gone, or not readable after all
  }
}

/**
 * Chunks are gathered into writes of about this many bytes: one awaited
 * write per fetch chunk (64 KiB or less) costs more than the copy.
 */
const WRITE_SIZE = 2 ** 20;

/** Writes all of `bytes` (a write may take fewer than it is given). */
async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  for (let done = 0; done < bytes.length;) {
    done += await file.write(bytes.subarray(done));
  }
}

/**
 * Writes a stream's chunks in runs of about `WRITE_SIZE`, through one buffer
 * per file, reused (a new one per run would grow the RSS); `callback` gets
 * `relativeUpdate` per chunk received.
 */
async function writeInRuns(
  file: Deno.FsFile,
  body: ReadableStream<Uint8Array>,
  callback: Callback | undefined,
): Promise<void> {
  let block: Uint8Array | undefined;
  let pending: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    pending.push(chunk);
    size += chunk.length;
    callback?.relativeUpdate(chunk.length);
    while (size >= WRITE_SIZE) {
      block ??= new Uint8Array(WRITE_SIZE);
      let at = 0;
      const rest: Uint8Array[] = [];
      for (const piece of pending) {
        const n = Math.min(piece.length, WRITE_SIZE - at);
        block.set(n === piece.length ? piece : piece.subarray(0, n), at);
        at += n;
        if (n < piece.length) rest.push(piece.subarray(n));
      }
      await writeAll(file, block); // written once it resolves: block is free
      pending = rest;
      size -= WRITE_SIZE;
    }
  }
  if (size > 0) {
    await writeAll(file, pending.length === 1 ? pending[0] : concat(pending));
  }
}

/**
 * Writes a body to `lpath` through a temporary file in the same directory,
 * renamed once complete; on failure the temporary file is removed and
 * `lpath` is untouched. Bytes in hand are written whole, with synchronous
 * calls up to {@linkcode _SYNC_WRITE_MAX}. A stream is piped into the file;
 * with a `callback`, which gets `relativeUpdate` per chunk received, its
 * chunks are written in runs of about 1 MiB instead.
 *
 * @param body The bytes: a stream, or all of them.
 * @param lpath The destination.
 * @param callback Progress.
 */
export async function _writeToFile(
  body: ReadableStream<Uint8Array> | Uint8Array | null,
  lpath: string,
  callback: Callback | undefined,
): Promise<void> {
  await _sweepTemporaries(directoryOf(lpath));
  const tmp = _temporaryName(lpath);
  if (body instanceof Uint8Array && body.length <= _SYNC_WRITE_MAX) {
    writeSmall(tmp, body, lpath);
    callback?.relativeUpdate(body.length);
    return;
  }
  try {
    if (body instanceof Uint8Array) {
      await Deno.writeFile(tmp, body, { createNew: true });
      callback?.relativeUpdate(body.length);
    } else {
      await writeStream(tmp, body, callback);
    }
    await Deno.rename(tmp, lpath);
  } catch (error) {
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
}

/**
 * Bodies in hand up to this many bytes are written with synchronous calls,
 * as fsspec's `_get_file` writes in its event loop: each asynchronous file
 * operation's trip to a thread and back cost more than the write itself
 * (a get of 5,000 files of 1 KiB took 28 µs less CPU per file; BENCHMARKS.md,
 * issue 10), and the loop waits at most one small write.
 */
export const _SYNC_WRITE_MAX = 64 * 1024;

/** Writes bytes in hand to `tmp` and renames it to `lpath`; on failure removes `tmp`. */
function writeSmall(tmp: string, body: Uint8Array, lpath: string): void {
  try {
    Deno.writeFileSync(tmp, body, { createNew: true });
    Deno.renameSync(tmp, lpath);
  } catch (error) {
    try {
      Deno.removeSync(tmp);
    } catch {
      // not made, or gone
    }
    throw error;
  }
}

/** Writes a stream (or nothing, for a null body) to a new file at `path`. */
async function writeStream(
  path: string,
  body: ReadableStream<Uint8Array> | null,
  callback: Callback | undefined,
): Promise<void> {
  const file = await Deno.open(path, { write: true, createNew: true });
  if (body && !callback) {
    // Piped, Deno moves a fetch body into the file without its bytes
    // passing through JavaScript: a 1 GiB get ran 1.5x faster than
    // `curl -o` at +7 MiB RSS, against 1.07x at +87 MiB for the loop below
    // (BENCHMARKS.md, issue 10). The file's writable closes the file,
    // whether the pipe completes or fails.
    return await body.pipeTo(file.writable);
  }
  try {
    // progress per chunk: the chunks pass through here, written in runs
    if (body) await writeInRuns(file, body, callback);
  } finally {
    file.close();
  }
}
