/**
 * A small command line face on the public API: `ls`, `info`, `cat`, `find`,
 * `du`, `get`, `put` and `rm` on URLs or local paths, the protocol chosen by
 * `urlToFs` (a plain path is a local file), and `serve`, which serves one
 * over HTTP with `serveFileSystem`.
 *
 * ```sh
 * deno run --allow-net --allow-read --allow-write cli.ts cat http://127.0.0.1:8000/a.txt
 * deno run --allow-net --allow-read cli.ts serve ./site --port 8000
 * ```
 *
 * Exit codes: 0 on success, 1 when a path is missing, forbidden or the server
 * answers with an error status (one `Cannot …` line on stderr), 2 on bad usage.
 *
 * @module
 */

import { parseArgs } from "@std/cli/parse-args";
import { format } from "@std/fmt/bytes";
import {
  type AsyncFileSystem,
  FileNotFoundError,
  HTTPError,
  PermissionError,
  urlToFs,
} from "./mod.ts";
import { _Progress } from "./src/cli/_progress.ts";
import { _serveCommand } from "./src/cli/_serve.ts";

/** The text `--help` prints, and bad usage prints to stderr. */
export const usage = `Usage: cli.ts <command> [options] <args>

Commands (URLs or local paths; a plain path is a local file):
  ls URL [--long]               list a directory (--long: name, type, size)
  info URL                      what is known of a path, as JSON
  cat URL...                    the bytes of files, concatenated in order
  find URL [--maxdepth N]       every file below a path
  du URL                        the total size of the files below a path
  get URL LOCAL [--recursive]   download to a local path
  put LOCAL URL [--recursive]   upload a local path
  rm URL [--recursive]          delete
  serve PATH_OR_URL [--port N]  serve it over HTTP until Ctrl-C (prints its URL)

Options:
  --batch-size N                operations in flight at once (cat, get, put, rm)
  -r, --recursive               descend into directories (get, put, rm)
  -l, --long                    detailed listing (ls)
  -H, --human                   sizes as kB, MB, … (ls --long, du)
  --maxdepth N                  levels to descend (find)
  -q, --quiet                   no progress bar (get, put, cat of many files
                                show one on a terminal's stderr)
  --port N                      port to serve on, 0 for any free one (default 8000)
  --hostname H                  address to serve on (default 127.0.0.1)
  --writable                    serve: accept PUT and DELETE
  -h, --help                    print this text
`;

/** Bad command line: usage goes to stderr and the exit code is 2. */
class UsageError extends Error {}

/** How many positional arguments each command takes: [min, max]. */
const ARITY: Record<string, [number, number]> = {
  ls: [1, 1],
  info: [1, 1],
  cat: [1, Infinity],
  find: [1, 1],
  du: [1, 1],
  get: [2, 2],
  put: [2, 2],
  rm: [1, 1],
  serve: [1, 1],
};

const encoder = new TextEncoder();

async function writeAll(bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    done += await Deno.stdout.write(bytes.subarray(done));
  }
}

function print(text: string): Promise<void> {
  return writeAll(encoder.encode(`${text}\n`));
}

function positiveInt(name: string, value: string | undefined) {
  if (value === undefined) return undefined;
  const n = value.trim() === "" ? NaN : Number(value);
  const ok = name === "port"
    ? n >= 0 && n <= 65535
    : n >= 1 || (name === "batch-size" && n === -1);
  if (!Number.isInteger(n) || !ok) {
    const want = name === "port" ? "a port (0 to 65535)" : "a positive integer";
    throw new UsageError(`Cannot use --${name} "${value}": not ${want}`);
  }
  return n;
}

/**
 * Run the command line `args` and give the exit code.
 *
 * @param args The arguments after the script name, as `Deno.args`.
 * @returns 0 on success, 1 for a missing, forbidden or failed path, 2 for bad usage.
 * @throws {Error} Errors other than those of a path or of usage.
 */
export async function main(args: readonly string[]): Promise<number> {
  const unknown: string[] = [];
  const values = parseArgs([...args], {
    boolean: ["help", "long", "recursive", "human", "quiet", "writable"],
    // "_": positionals stay strings (a file named "010" is not the number 10)
    string: ["_", "maxdepth", "batch-size", "port", "hostname"],
    alias: { h: "help", l: "long", r: "recursive", H: "human", q: "quiet" },
    unknown: (arg, key) => {
      if (key === undefined) return true; // a positional argument
      unknown.push(arg);
      return false;
    },
  });
  if (unknown.length > 0) {
    return badUsage(`Cannot use "${unknown[0]}": no such option`);
  }
  const positionals = values._.map(String);
  if (values.help) {
    await writeAll(encoder.encode(usage));
    return 0;
  }
  const [command, ...rest] = positionals;
  const arity = ARITY[command ?? ""];
  if (!arity) {
    return badUsage(
      command ? `Cannot run "${command}": no such command` : "No command given",
    );
  }
  if (rest.length < arity[0] || rest.length > arity[1]) {
    return badUsage(`Cannot run "${command}": wrong number of arguments`);
  }
  const used = new Set<AsyncFileSystem>();
  const progress = new _Progress({
    enabled: !values.quiet && Deno.stderr.isTerminal(),
  });
  const open = async (url: string) => {
    const [fs, path] = await urlToFs(url, { asynchronous: true });
    used.add(fs);
    return [fs, path] as const;
  };
  try {
    const batchSize = positiveInt("batch-size", values["batch-size"]);
    const maxDepth = positiveInt("maxdepth", values.maxdepth);
    const port = positiveInt("port", values.port) ?? 8000;
    const recursive = values.recursive;
    const size = (n: number | null | undefined) =>
      n == null ? "" : values.human ? format(n) : String(n);
    switch (command) {
      case "ls": {
        const [fs, path] = await open(rest[0]);
        for (const info of await fs._ls(path, { detail: true })) {
          await print(
            values.long
              ? `${info.name}\t${info.type}\t${size(info.size)}`
              : info.name,
          );
        }
        break;
      }
      case "info": {
        const [fs, path] = await open(rest[0]);
        await print(JSON.stringify(await fs._info(path), null, 2));
        break;
      }
      case "cat":
        await cat(rest, open, batchSize, progress);
        break;
      case "find": {
        const [fs, path] = await open(rest[0]);
        for (const name of await fs._find(path, { maxDepth })) {
          await print(name);
        }
        break;
      }
      case "du": {
        const [fs, path] = await open(rest[0]);
        await print(size(await fs._du(path)));
        break;
      }
      case "get": {
        const [fs, path] = await open(rest[0]);
        const callback = progress.callback();
        await fs._get(path, rest[1], { recursive, batchSize, callback });
        break;
      }
      case "put": {
        const [fs, path] = await open(rest[1]);
        const callback = progress.callback();
        await fs._put(rest[0], path, { recursive, batchSize, callback });
        break;
      }
      case "rm": {
        const [fs, path] = await open(rest[0]);
        await fs._rm(path, { recursive, batchSize });
        break;
      }
      case "serve": {
        const [fs, path] = await open(rest[0]);
        await _serveCommand(fs, path, {
          hostname: values.hostname ?? "127.0.0.1",
          port,
          writable: values.writable,
          listening: (url) => print(`Serving ${rest[0]} at ${url}`),
        });
        break;
      }
    }
    return 0;
  } catch (error) {
    await progress.stop(); // its line ends before the error's
    if (error instanceof UsageError) return badUsage(error.message);
    if (
      error instanceof FileNotFoundError || error instanceof PermissionError ||
      error instanceof HTTPError
    ) {
      const line = error.message.split("\n")[0];
      console.error(
        line.startsWith("Cannot") ? line : `Cannot ${command}: ${line}`,
      );
      return 1;
    }
    throw error;
  } finally {
    await progress.stop();
    for (const fs of used) await fs.close();
  }
}

/**
 * `cat`: consecutive URLs on one filesystem are read with one `_cat` call;
 * the calls run concurrently and their bytes are written in the given order.
 */
async function cat(
  urls: readonly string[],
  open: (url: string) => Promise<readonly [AsyncFileSystem, string]>,
  batchSize: number | undefined,
  progress: _Progress,
): Promise<void> {
  const runs: { fs: AsyncFileSystem; paths: string[] }[] = [];
  for (const url of urls) {
    const [fs, path] = await open(url);
    const last = runs.at(-1);
    // a repeated path starts a new call: a Map keeps each path once
    if (last?.fs === fs && !last.paths.includes(path)) last.paths.push(path);
    else runs.push({ fs, paths: [path] });
  }
  const results = await Promise.all(
    runs.map(({ fs, paths }) =>
      fs._cat(paths, { batchSize, callback: progress.callback() })
    ),
  );
  for (const map of results) {
    for (const bytes of map.values()) {
      if (bytes instanceof Error) throw bytes;
      await writeAll(bytes);
    }
  }
}

function badUsage(message: string): number {
  console.error(`${message}\n\n${usage}`);
  return 2;
}

if (import.meta.main) {
  Deno.exitCode = await main(Deno.args);
}
