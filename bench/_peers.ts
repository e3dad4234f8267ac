/**
 * The tools a user might pick instead of the library, driven as
 * subprocesses: curl (many files with `--parallel`, one file with `-o`) and
 * Python fsspec (a long-lived process that runs `cat` each time it is told,
 * so that only the `cat` is timed). Each finder returns null after a notice
 * where its peer is not installed.
 *
 * @module
 */

import { TextLineStream } from "@std/streams";
import type { Sample } from "./_rounds.ts";
import { which } from "../tests/http/servers.ts";

/** Python with Debian's fsspec, as the issue names it. */
const PYTHON = "/usr/bin/python3";

/** Where a peer is, or null after a notice on stderr. */
function find(name: string, path: string | null, why: string): string | null {
  if (!path) console.error(`skipped: ${name} is not installed (${why})`);
  return path;
}

/** curl's path, or null. */
export function findCurl(): string | null {
  return find("curl", which("curl"), "its rows are left out");
}

/** GNU time's path (for a peer's peak RSS), or null. */
export function findTime(): string | null {
  return find("/usr/bin/time", which("time", ["/usr/bin/time"]), "no RSS");
}

/** fsspec's version under `/usr/bin/python3` with aiohttp, or null. */
export async function findPythonFsspec(): Promise<string | null> {
  try {
    const out = await new Deno.Command(PYTHON, {
      args: ["-c", "import fsspec, aiohttp; print(fsspec.__version__)"],
      stdin: "null",
      stderr: "null",
    }).output();
    if (out.success) return new TextDecoder().decode(out.stdout).trim();
  } catch {
    // no python at all
  }
  console.error(
    `skipped: Python fsspec is not installed (${PYTHON} with fsspec and aiohttp)`,
  );
  return null;
}

/**
 * A runner of `curl --parallel --parallel-max <max>` that writes each URL
 * to `<dir>/<i>`, for the directory each run is given (which must exist);
 * its time is the process's wall time (start-up included, a few ms).
 * `config` is where its list of URLs is written.
 */
export async function curlParallel(
  curl: string,
  urls: readonly string[],
  config: string,
  max: number,
): Promise<(dir: string) => Promise<Sample>> {
  await Deno.writeTextFile(
    config,
    urls.map((u, i) => `url = "${u}"\noutput = "${i}"\n`).join(""),
  );
  return async (dir) => {
    const t0 = performance.now();
    const out = await new Deno.Command(curl, {
      args: [
        "--silent",
        "--show-error",
        "--fail",
        "--parallel",
        "--parallel-max",
        String(max),
        "--output-dir",
        dir,
        "--config",
        config,
      ],
      stdin: "null",
      stdout: "null",
    }).output();
    const ms = performance.now() - t0;
    if (!out.success) {
      throw new Error(
        `Cannot run curl --parallel: ${new TextDecoder().decode(out.stderr)}`,
      );
    }
    return { ms };
  };
}

/**
 * A runner of `curl -o <out> <url>`: its time is curl's own `time_total`;
 * with GNU time, its peak RSS (`extra.rssMiB`) too.
 */
export function curlOne(
  curl: string,
  time: string | null,
  url: string,
  out: string,
): () => Promise<Sample> {
  const curlArgs = [
    "-s",
    "-S",
    "--fail",
    "-o",
    out,
    "-w",
    "%{time_total}",
    url,
  ];
  return async () => {
    const rssFile = `${out}.rss`;
    const [bin, args] = time
      ? [time, ["-f", "%M", "-o", rssFile, curl, ...curlArgs]]
      : [curl, curlArgs];
    const result = await new Deno.Command(bin, { args, stdin: "null" })
      .output();
    if (!result.success) {
      throw new Error(
        `Cannot run curl -o: ${new TextDecoder().decode(result.stderr)}`,
      );
    }
    const ms = Number(new TextDecoder().decode(result.stdout)) * 1000;
    await Deno.remove(out);
    if (!time) return { ms };
    const rssKiB = Number((await Deno.readTextFile(rssFile)).trim());
    await Deno.remove(rssFile);
    return { ms, extra: { rssMiB: rssKiB / 1024 } };
  };
}

/** The Python side: read the URLs, warm up, then one timed `cat` per line read (wall and CPU ms). */
const PY_CAT = `
import sys, time, fsspec
urls = open(sys.argv[1]).read().split()
batch = int(sys.argv[2])
fs = fsspec.filesystem("http", skip_instance_cache=True)
fs.cat(urls[:200], batch_size=batch)
for line in sys.stdin:
    t0 = time.perf_counter()
    c0 = time.process_time()
    out = fs.cat(urls, batch_size=batch)
    ms = (time.perf_counter() - t0) * 1000
    cpu = (time.process_time() - c0) * 1000
    if len(out) != len(urls) or any(len(v) != 1024 for v in out.values()):
        sys.exit("short read")
    print(ms, cpu, flush=True)
`;

/** A running Python fsspec process: each `run` times one `fs.cat(urls)` there. */
export interface PythonCat extends AsyncDisposable {
  run(): Promise<Sample>;
}

/**
 * Starts Python fsspec's `HTTPFileSystem` in a process of its own, ready to
 * `cat` the URLs (files of 1 KiB) with `batch_size`.
 */
export async function startPythonCat(
  dir: string,
  urls: readonly string[],
  batchSize: number,
): Promise<PythonCat> {
  const script = `${dir}/py_cat.py`;
  const list = `${dir}/py_urls.txt`;
  await Deno.writeTextFile(script, PY_CAT);
  await Deno.writeTextFile(list, urls.join("\n"));
  const child = new Deno.Command(PYTHON, {
    args: [script, list, String(batchSize)],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = child.stdin.getWriter();
  const lines = child.stdout
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new TextLineStream())
    .getReader();
  return {
    async run() {
      await writer.write(new TextEncoder().encode("go\n"));
      const { value, done } = await lines.read();
      if (done) throw new Error("Cannot time Python fsspec: it exited");
      const [ms, cpuMs] = value.split(" ").map(Number);
      return { ms, extra: { cpuMs } };
    },
    async [Symbol.asyncDispose]() {
      await writer.close();
      await lines.cancel();
      await child.status;
    },
  };
}
