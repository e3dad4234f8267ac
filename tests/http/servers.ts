/**
 * Real HTTP servers for the interop tests and the HTTP bench: nginx, with a
 * configuration written into a directory the caller owns, and Python's
 * `http.server`. Each is started on a free loopback port and is ready (its
 * port accepts connections) when the start function resolves; disposing it
 * stops the process and waits for it to end.
 *
 * @example Serve a directory with nginx for one test
 * ```ts ignore
 * const bin = requireBinary("nginx", { fallbacks: ["/usr/sbin/nginx"] });
 * if (bin) {
 *   const dir = await Deno.makeTempDir();
 *   await using server = await startNginx(bin, dir, { autoindex: true });
 *   await Deno.writeTextFile(`${server.root}/a.txt`, "alpha");
 *   const answer = await fetch(`${server.url}/a.txt`);
 *   assertStrictEquals(await answer.text(), "alpha");
 * }
 * ```
 *
 * @module
 */

import { skipOrFailOnCI } from "../_helpers.ts";

/** A started server process. */
export interface StartedServer extends AsyncDisposable {
  /** The base URL, `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** The local directory the server serves. */
  readonly root: string;
  /** The loopback port the server listens on. */
  readonly port: number;
  /**
   * Sends SIGTERM without waiting for the process to end, for places that
   * cannot await (an `unload` listener). Prefer `await using`.
   */
  kill(): void;
}

/** Options for {@linkcode requireBinary}. */
export interface RequireBinaryOptions {
  /** Absolute paths tried after PATH (`/usr/sbin/nginx` is often not on it). @default [] */
  fallbacks?: string[];
}

/** Options for {@linkcode startNginx}. */
export interface NginxOptions {
  /** nginx's `worker_connections`, its cap on open connections. @default 1024 */
  workerConnections?: number;
  /** Generate HTML directory listings (`autoindex on`). @default false */
  autoindex?: boolean;
  /**
   * Accept WebDAV `PUT`, `DELETE` and `MKCOL`, creating parent directories on
   * `PUT` and with no cap on body size. @default false
   */
  webdav?: boolean;
}

/**
 * Finds an executable file on PATH, then among the fallbacks.
 *
 * @param name The executable's name, e.g. `"nginx"`.
 * @param fallbacks Absolute paths tried after PATH.
 * @returns The first path that is a file, or null where there is none.
 *
 * @example
 * ```ts ignore
 * const nginx = which("nginx", ["/usr/sbin/nginx"]);
 * ```
 */
export function which(name: string, fallbacks: string[] = []): string | null {
  const dirs = (Deno.env.get("PATH") ?? "").split(":").filter(Boolean);
  for (const candidate of [...dirs.map((d) => `${d}/${name}`), ...fallbacks]) {
    try {
      if (Deno.statSync(candidate).isFile) return candidate;
    } catch {
      // not there
    }
  }
  return null;
}

/**
 * Finds a binary a test needs. Where it is missing, the test should skip:
 * this prints a notice and returns null. On CI (`CI` set, and neither `false`
 * nor `0`) a missing binary is a failure instead, so that a CI machine cannot
 * skip the test silently.
 *
 * @param name The executable's name, e.g. `"python3"`.
 * @param options Where else to look.
 * @returns The binary's path, or null (after a notice) where it is missing.
 * @throws {Error} Where the binary is missing on CI.
 *
 * @example Skip a test without nginx
 * ```ts ignore
 * const bin = requireBinary("nginx", { fallbacks: ["/usr/sbin/nginx"] });
 * if (!bin) return;
 * ```
 */
export function requireBinary(
  name: string,
  options: RequireBinaryOptions = {},
): string | null {
  const path = which(name, options.fallbacks);
  if (path) return path;
  skipOrFailOnCI(`${name} is not installed`);
  return null;
}

/**
 * Starts nginx in the foreground on a free loopback port. The configuration,
 * pid file, error log and temporary paths go into `dir`, and the server
 * serves `${dir}/www`, created here. The caller owns `dir` and removes it
 * after disposing the server.
 *
 * @param bin The nginx binary (see {@linkcode requireBinary}).
 * @param dir An existing, writable directory for nginx's files.
 * @param options What to switch on.
 * @returns The running server, accepting connections.
 * @throws {Error} Where nginx exits before its port opens, or the port does
 * not open within 10 seconds.
 *
 * @example
 * ```ts ignore
 * await using server = await startNginx(bin, dir, { webdav: true });
 * await fetch(`${server.url}/up/a.txt`, { method: "PUT", body: "alpha" });
 * ```
 */
export async function startNginx(
  bin: string,
  dir: string,
  options: NginxOptions = {},
): Promise<StartedServer> {
  const { workerConnections = 1024, autoindex = false, webdav = false } =
    options;
  const port = _freePort();
  const root = `${dir}/www`;
  await Deno.mkdir(root, { recursive: true });
  const location = [
    autoindex ? "autoindex on;" : "",
    webdav ? "dav_methods PUT DELETE MKCOL;" : "",
    webdav ? "create_full_put_path on;" : "",
    webdav ? "client_max_body_size 0;" : "",
  ].filter(Boolean).map((line) => `\n      ${line}`).join("");
  const conf = `${dir}/nginx.conf`;
  await Deno.writeTextFile(
    conf,
    `worker_processes 1;
daemon off;
${Deno.uid() === 0 ? "user root;" : ""}
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections ${workerConnections}; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / {${location}
    }
  }
}
`,
  );
  return await _spawn("nginx", bin, ["-c", conf, "-e", `${dir}/error.log`], {
    port,
    root,
  });
}

/**
 * Starts `python3 -m http.server` on a free loopback port, serving `root`.
 * It answers every request whole: it ignores `Range`.
 *
 * @param bin The Python 3 binary (see {@linkcode requireBinary}).
 * @param root The directory to serve.
 * @returns The running server, accepting connections.
 * @throws {Error} Where Python exits before its port opens, or the port does
 * not open within 10 seconds.
 *
 * @example
 * ```ts ignore
 * await using server = await startPythonServer(bin, dir);
 * const listing = await (await fetch(`${server.url}/`)).text();
 * ```
 */
export async function startPythonServer(
  bin: string,
  root: string,
): Promise<StartedServer> {
  const port = _freePort();
  const args = ["-m", "http.server", "--bind", "127.0.0.1", String(port)];
  return await _spawn("python3 -m http.server", bin, args, {
    port,
    root,
    cwd: root,
  });
}

/**
 * Spawns a server with no stdio and waits for its port; where it never
 * opens, the process is already ended when this throws.
 */
async function _spawn(
  name: string,
  bin: string,
  args: string[],
  where: { port: number; root: string; cwd?: string },
): Promise<StartedServer> {
  const child = new Deno.Command(bin, {
    args,
    cwd: where.cwd,
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  await _waitForPort(where.port, child, name);
  return new _Server(where.port, where.root, child);
}

/** A port nothing listens on now (the OS picks it; we release it at once). */
function _freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/**
 * Waits until something accepts connections on the port, or the process
 * ends. A server gives no signal that it is ready, so this polls, backing
 * off from 5 to 100 ms.
 */
async function _waitForPort(
  port: number,
  child: Deno.ChildProcess,
  name: string,
): Promise<void> {
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  const deadline = Date.now() + 10_000;
  for (let delay = 5;; delay = Math.min(delay * 2, 100)) {
    try {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port });
      conn.close();
      return;
    } catch {
      if (exited) {
        throw new Error(
          `Cannot start ${name}: it exited with ${(await status).code}`,
        );
      }
      if (Date.now() > deadline) {
        try {
          child.kill("SIGTERM");
        } catch {
          // exited meanwhile
        }
        await status;
        throw new Error(`Cannot start ${name}: port ${port} never opened`);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** A server process, killed and awaited on dispose. */
class _Server implements StartedServer {
  readonly url: string;
  readonly root: string;
  readonly port: number;
  #child: Deno.ChildProcess;

  constructor(port: number, root: string, child: Deno.ChildProcess) {
    this.url = `http://127.0.0.1:${port}`;
    this.root = root;
    this.port = port;
    this.#child = child;
  }

  kill(): void {
    try {
      this.#child.kill("SIGTERM");
    } catch {
      // exited already
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.kill();
    await this.#child.status;
  }
}

/**
 * Starts `@std/http/file-server`'s `serveDir` (directory listings on) in a
 * Deno process of its own on a free loopback port, serving `root`.
 *
 * @param root The directory to serve.
 * @returns The running server, accepting connections.
 * @throws {Error} Where the process exits before its port opens, or the
 * port does not open within 10 seconds.
 *
 * @example
 * ```ts ignore
 * await using server = await startStdFileServer(dir);
 * const listing = await (await fetch(`${server.url}/`)).text();
 * ```
 */
export async function startStdFileServer(
  root: string,
): Promise<StartedServer> {
  const port = _freePort();
  const script = new URL("../fixtures/std_file_server.ts", import.meta.url);
  const config = new URL("../../deno.json", import.meta.url);
  const args = [
    "run",
    `--config=${config.pathname}`,
    "--allow-net=127.0.0.1",
    `--allow-read=${root}`,
    script.pathname,
    root,
    String(port),
  ];
  return await _spawn("serveDir", Deno.execPath(), args, { port, root });
}
