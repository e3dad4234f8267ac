/**
 * The library as JSR users get it: a script outside the repository imports
 * `jsr:@fsspec/asyn` (served from this checkout by the loopback JSR mirror,
 * where JSR itself cannot be reached), runs with `--no-config` and only
 * `--allow-net=127.0.0.1`, does a blocking `cat` of 100 files from nginx,
 * and exits 0 by itself (its IO Worker, loaded from the remote module, must
 * not keep it alive). Where the mirror or nginx is missing the test prints
 * a notice and skips, except under CI, where it fails.
 */

import { assertEquals } from "@std/assert";
import { startNginx, which } from "./http/servers.ts";

const REPO = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const MIRROR = `${REPO}/../shared/jsr-mirror/start`;
const COUNT = 100;

/** Any non-empty `CI` but `false` or `0` is CI. */
function isCI(): boolean {
  const ci = Deno.env.get("CI") ?? "";
  return ci !== "" && ci !== "false" && ci !== "0";
}

/** Skips with a notice, or fails under CI. */
function skip(why: string): void {
  if (isCI()) {
    throw new Error(
      `Cannot run the JSR import test: ${why}, and CI forbids skipping`,
    );
  }
  console.log(`%cskipped: ${why}`, "color: yellow");
}

/** A registry URL that serves this checkout as @fsspec/asyn, and how to stop it if we started it. */
interface Registry extends AsyncDisposable {
  url: string;
}

/** Whether `url` serves this checkout's mod.ts as @fsspec/asyn's. */
async function servesCheckout(url: string): Promise<boolean> {
  try {
    const { version } = JSON.parse(
      await Deno.readTextFile(`${REPO}/deno.json`),
    );
    const answer = await fetch(new URL(`@fsspec/asyn/${version}/mod.ts`, url), {
      signal: AbortSignal.timeout(5000),
    });
    if (!answer.ok) {
      await answer.body?.cancel();
      return false;
    }
    return await answer.text() === await Deno.readTextFile(`${REPO}/mod.ts`);
  } catch {
    return false;
  }
}

/** The mirror in JSR_URL where it serves this checkout; else one started here; else null. */
async function registry(): Promise<Registry | null> {
  const given = Deno.env.get("JSR_URL");
  if (given && await servesCheckout(given)) {
    return { url: given, [Symbol.asyncDispose]: () => Promise.resolve() };
  }
  try {
    await Deno.stat(MIRROR);
  } catch {
    return null;
  }
  const out = await new Deno.Command("bash", {
    args: [MIRROR, REPO],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  const url = /export JSR_URL=(\S+)/.exec(text)?.[1];
  const pid = Number(/export JSR_MIRROR_PID=(\d+)/.exec(text)?.[1]);
  if (out.code !== 0 || !url || !pid) {
    throw new Error(
      `Cannot start the JSR mirror: ${new TextDecoder().decode(out.stderr)}`,
    );
  }
  return {
    url,
    async [Symbol.asyncDispose]() {
      Deno.kill(pid, "SIGTERM");
      // the mirror is not our child: wait until its port closes
      const port = Number(new URL(url).port);
      for (let i = 0; i < 200; i++) {
        try {
          (await Deno.connect({ hostname: "127.0.0.1", port })).close();
        } catch {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

const SCRIPT = `import { filesystem } from "jsr:@fsspec/asyn";

const base = Deno.args[0];
const fs = await filesystem("http");
const urls = Array.from({ length: ${COUNT} }, (_, i) => \`\${base}/f\${i}.txt\`);
const out = fs.cat(urls);
let bytes = 0;
for (const [url, data] of out) {
  if (data instanceof Error) throw data;
  if (new TextDecoder().decode(data) !== \`file \${url.slice(base.length + 2, -4)}\\n\`) {
    throw new Error(\`wrong bytes for \${url}\`);
  }
  bytes += data.length;
}
console.log(\`cat \${out.size} files, \${bytes} bytes\`);
`;

Deno.test("jsr:@fsspec/asyn from a script outside the repository: blocking cat of 100 files from nginx, --allow-net only, exits by itself", async () => {
  const nginx = which("nginx", ["/usr/sbin/nginx"]);
  if (!nginx) return skip("nginx is not installed");
  await using mirror = await registry();
  if (!mirror) return skip(`no JSR mirror at ${MIRROR}`);
  const dir = await Deno.makeTempDir({ prefix: "fsspec_jsr_import_" });
  try {
    await using server = await startNginx(nginx, dir);
    let expected = 0;
    for (let i = 0; i < COUNT; i++) {
      const text = `file ${i}\n`;
      expected += text.length;
      await Deno.writeTextFile(`${server.root}/f${i}.txt`, text);
    }
    const script = `${dir}/script.ts`;
    await Deno.writeTextFile(script, SCRIPT);
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-config",
        "--reload=jsr:@fsspec/asyn",
        "--allow-net=127.0.0.1",
        script,
        server.url,
      ],
      cwd: dir,
      env: { JSR_URL: mirror.url },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      // a script that does not exit by itself is killed, and fails here
      signal: AbortSignal.timeout(60_000),
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assertEquals(
      out.signal,
      null,
      `killed: it did not exit by itself\n${stderr}`,
    );
    assertEquals(out.code, 0, stderr);
    assertEquals(
      new TextDecoder().decode(out.stdout),
      `cat ${COUNT} files, ${expected} bytes\n`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
