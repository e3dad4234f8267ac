/**
 * The data the comparison and the chart read: nginx on 127.0.0.1 (started
 * with the tests' helper) serving a temporary directory of small files, and
 * optionally a large file and a patterned file for ranges. Disposing stops
 * nginx and removes the directory.
 *
 * @module
 */

import {
  type StartedServer,
  startNginx,
  which,
} from "../tests/http/servers.ts";

/** A running nginx with the files written. */
export interface Served extends AsyncDisposable {
  server: StartedServer;
  /** The temporary directory (nginx's files, the served root below it). */
  dir: string;
  /** URLs of the small files, `many/f0` … */
  small: string[];
  /** Path of the served root, to add files. */
  root: string;
}

/** Where nginx is, or null (after a notice) where it is not installed. */
export function findNginx(): string | null {
  const bin = which("nginx", ["/usr/sbin/nginx"]);
  if (!bin) {
    console.error("skipped: nginx is not installed; nothing to measure");
  }
  return bin;
}

/**
 * Starts nginx (worker_connections 4096, so that a pool of 1,280 is not
 * refused) on a new temporary directory with `count` files of `size` bytes.
 */
export async function serveSmallFiles(
  nginx: string,
  count: number,
  size = 1024,
): Promise<Served> {
  const dir = await Deno.makeTempDir({ prefix: "fsspec_bench_" });
  let server: StartedServer;
  try {
    server = await startNginx(nginx, dir, { workerConnections: 4096 });
  } catch (error) {
    await Deno.remove(dir, { recursive: true });
    throw error;
  }
  const root = server.root;
  await Deno.mkdir(`${root}/many`);
  const body = new Uint8Array(size).fill(7);
  for (let i = 0; i < count; i += 500) {
    await Promise.all(
      Array.from(
        { length: Math.min(500, count - i) },
        (_, k) => Deno.writeFile(`${root}/many/f${i + k}`, body),
      ),
    );
  }
  return {
    server,
    dir,
    root,
    small: Array.from({ length: count }, (_, i) => `${server.url}/many/f${i}`),
    async [Symbol.asyncDispose]() {
      await server[Symbol.asyncDispose]();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** The byte at `offset` of a patterned file: which KiB it lies in, mod 251. */
export function patternByte(offset: number): number {
  return Math.floor(offset / 1024) % 251;
}

/**
 * Adds a served file of `size` bytes: sparse (reads as zeros; nothing to
 * write), or patterned, its bytes saying where they are (see
 * {@linkcode patternByte}).
 *
 * @returns Its URL.
 */
export async function addFile(
  served: Served,
  name: string,
  size: number,
  content: "sparse" | "pattern",
): Promise<string> {
  const path = `${served.root}/${name}`;
  using file = await Deno.open(path, { write: true, create: true });
  if (content === "sparse") await file.truncate(size);
  else await writePattern(file, size);
  return `${served.server.url}/${name}`;
}

async function writePattern(file: Deno.FsFile, size: number): Promise<void> {
  const chunk = new Uint8Array(1 << 20);
  for (let at = 0; at < size; at += chunk.length) {
    const n = Math.min(chunk.length, size - at);
    for (let i = 0; i < n; i += 1024) {
      chunk.fill(patternByte(at + i), i, Math.min(i + 1024, n));
    }
    let written = 0;
    while (written < n) {
      written += await file.write(chunk.subarray(written, n));
    }
  }
}

/**
 * Stops nginx and removes its directory on Ctrl-C (an interrupted run
 * would leave both behind: `await using` does not run on a signal).
 * Disposing the result removes the listener.
 */
export function cleanUpOnInterrupt(served: Served): Disposable {
  const onInterrupt = () => {
    Promise.resolve(served[Symbol.asyncDispose]()).finally(() =>
      Deno.exit(130)
    );
  };
  Deno.addSignalListener("SIGINT", onInterrupt);
  return {
    [Symbol.dispose]: () => Deno.removeSignalListener("SIGINT", onInterrupt),
  };
}
