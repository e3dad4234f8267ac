import { assertEquals, assertNotMatch, assertStrictEquals } from "@std/assert";
import { skipOrFailOnCI } from "./_helpers.ts";
import { localTempDir } from "./abstract/common.ts";
import { requireBinary } from "./http/servers.ts";

/** The open-file soft limit of this process, or undefined where unreadable. */
function openFileSoftLimit(): number | undefined {
  try {
    const line = Deno.readTextFileSync("/proc/self/limits").split("\n")
      .find((l) => l.startsWith("Max open files"));
    const limit = Number(
      line?.slice("Max open files".length).trim().split(/\s+/)[0],
    );
    return Number.isInteger(limit) && limit > 0 ? limit : undefined;
  } catch {
    return undefined;
  }
}

const script =
  new URL("./fixtures/print_batch_config.ts", import.meta.url).pathname;

/** Runs the fixture with the given permission flags and environment; never prompts. */
async function batchConfig(flags: string[], env: Record<string, string>) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", ...flags, script],
    env,
    stdin: "null",
  }).output();
  const err = new TextDecoder().decode(stderr);
  assertStrictEquals(code, 0, err);
  assertNotMatch(err, /permission|Requires/i);
  return JSON.parse(new TextDecoder().decode(stdout));
}

const env = {
  FSSPEC_GATHER_BATCH_SIZE: "17",
  FSSPEC_NOFILES_GATHER_BATCH_SIZE: "33",
};

Deno.test("conf reads FSSPEC_GATHER_BATCH_SIZE and FSSPEC_NOFILES_GATHER_BATCH_SIZE where env access is granted", async () => {
  const out = await batchConfig(["--allow-env"], env);
  assertStrictEquals(out.gather, 17);
  assertStrictEquals(out.nofiles, 33);
  assertEquals(out.conf, {
    gather_batch_size: 17,
    nofiles_gather_batch_size: 33,
  });
});

Deno.test("conf ignores the environment silently where env access is not granted", async () => {
  const out = await batchConfig([], env);
  assertEquals(out.conf, {});
  assertStrictEquals(out.nofiles, 1280);
  assertStrictEquals(out.gather, 128);
});

Deno.test("conf reads only the variables granted to it", async () => {
  const out = await batchConfig([
    "--allow-env=FSSPEC_NOFILES_GATHER_BATCH_SIZE",
  ], env);
  assertEquals(out.conf, { nofiles_gather_batch_size: 33 });
});

Deno.test("batchDefaults.batchSize is an eighth of the open-file soft limit where /proc is readable", async () => {
  // Deno 2.9 lets a script read /proc/self only under --allow-all; a narrower
  // grant makes the read fail (without a prompt), and the default stays 128.
  const granted = await batchConfig(["--allow-all"], {});
  const narrow = await batchConfig(["--allow-read=/proc/self/limits"], {});
  const denied = await batchConfig([], {});
  assertStrictEquals(denied.defaults.batchSize, 128);
  assertStrictEquals(narrow.defaults.batchSize, 128);
  const limit = openFileSoftLimit();
  if (limit === undefined) {
    skipOrFailOnCI("/proc/self/limits cannot be read here");
    return;
  }
  // the child inherits our limit
  assertStrictEquals(
    granted.defaults.batchSize,
    Math.max(1, Math.floor(limit / 8)),
  );
});

Deno.test("batchDefaults.batchSize is -1 (all at once) where the open-file limit is unlimited", async () => {
  // Linux refuses an unlimited RLIMIT_NOFILE (it must stay below
  // fs.nr_open), so the child reads a limits file bind-mounted over its own
  // /proc/self/limits, in a mount namespace of its own.
  const unshare = requireBinary("unshare");
  if (!unshare) return;
  await using tmp = await localTempDir();
  const limits = `${tmp.path}/limits`;
  await Deno.writeTextFile(
    limits,
    "Limit                     Soft Limit           Hard Limit           Units     \n" +
      "Max open files            unlimited            unlimited            files     \n",
  );
  const { code, stdout, stderr } = await new Deno.Command(unshare, {
    args: [
      "--map-root-user",
      "--mount",
      "sh",
      "-c",
      'mount --bind "$1" "/proc/$$/limits" && exec "$2" run --allow-all "$3"',
      "sh",
      limits,
      Deno.execPath(),
      script,
    ],
    stdin: "null",
  }).output();
  const err = new TextDecoder().decode(stderr);
  if (code !== 0 && /unshare|mount/.test(err) && !/deno/i.test(err)) {
    skipOrFailOnCI(`no mount namespace here (${err.trim()})`);
    return;
  }
  assertStrictEquals(code, 0, err);
  const out = JSON.parse(new TextDecoder().decode(stdout));
  assertStrictEquals(out.defaults.batchSize, -1);
  assertStrictEquals(out.gather, -1);
});
