/**
 * The CLI as a subprocess, for the CLI tests: `cliCommand` to spawn it (a
 * server that runs until signalled), `run` to run it to its end.
 *
 * @module
 */

const CLI = new URL("../cli.ts", import.meta.url).pathname;
const decoder = new TextDecoder();

/** `deno run cli.ts …args` with loopback network and file access; stdout piped. */
export function cliCommand(
  args: string[],
  stderr: "piped" | "null" = "piped",
): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net=127.0.0.1",
      "--allow-read",
      "--allow-write",
      CLI,
      ...args,
    ],
    stdin: "null",
    stdout: "piped",
    stderr,
  });
}

/** Runs the CLI in a subprocess and gives its exit code and output. */
export async function run(...args: string[]): Promise<{
  code: number;
  stdout: Uint8Array;
  text: string;
  stderr: string;
}> {
  const out = await cliCommand(args).output();
  return {
    code: out.code,
    stdout: out.stdout,
    text: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}
