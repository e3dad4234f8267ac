/**
 * The facts a benchmark table needs beside its numbers: CPU, cores, memory,
 * OS, versions of Deno and of the peers, the date, and the load average at
 * the start (a busy machine shows there).
 *
 * @module
 */

function readOr(path: string, fallback = ""): string {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return fallback;
  }
}

/** First line of a command's output (stdout or stderr), or null where it fails. */
export async function firstLine(
  bin: string,
  args: string[],
): Promise<string | null> {
  try {
    const out = await new Deno.Command(bin, { args, stdin: "null" }).output();
    const text = new TextDecoder().decode(out.stdout) +
      new TextDecoder().decode(out.stderr);
    return text.split("\n").find((l) => l.trim() !== "")?.trim() ?? null;
  } catch {
    return null;
  }
}

/** One paragraph of machine facts, for the table's heading. */
export function machineFacts(peers: Record<string, string | null>): string {
  const cpuinfo = readOr("/proc/cpuinfo");
  const cpu = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.trim() ??
    Deno.build.arch;
  const memKiB = Number(/MemTotal:\s*(\d+)/.exec(readOr("/proc/meminfo"))?.[1]);
  const os = /PRETTY_NAME="([^"]*)"/.exec(readOr("/etc/os-release"))?.[1] ??
    Deno.build.os;
  const load = readOr("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  const versions = Object.entries(peers)
    .map(([name, v]) => `${name}: ${v ?? "not installed"}`)
    .join("; ");
  return [
    `Date: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}.`,
    `Machine: ${navigator.hardwareConcurrency} × ${cpu}, ${
      Number.isFinite(memKiB) ? `${Math.round(memKiB / 2 ** 20)} GiB` : "?"
    }, ${os}, load average at start ${load || "?"}.`,
    `Deno ${Deno.version.deno} (V8 ${Deno.version.v8})${
      versions ? `; ${versions}` : ""
    }.`,
  ].join(" ");
}
