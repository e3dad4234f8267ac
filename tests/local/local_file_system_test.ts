import {
  assert,
  assertEquals,
  assertInstanceOf,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";
import {
  FileExistsError,
  FileNotFoundError,
  PermissionError,
} from "../../src/errors.ts";
import { _mapLocalError } from "../../src/local/_map_local_error.ts";
import { LocalFileSystem } from "../../src/local/local_file_system.ts";
import { filesystem } from "../../src/instance_cache.ts";
import { conformanceSuite } from "../abstract/conformance.ts";

conformanceSuite("LocalFileSystem", async () => {
  const root = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "fsspec-local-" }),
  );
  const fs = new LocalFileSystem({ asynchronous: true, autoMkdir: true });
  return {
    fs,
    root,
    dirSize: async (path) => (await Deno.stat(path)).size,
    async [Symbol.asyncDispose]() {
      await Deno.remove(root, { recursive: true });
    },
  };
});

async function tempDir(): Promise<AsyncDisposable & { path: string }> {
  const path = await Deno.realPath(await Deno.makeTempDir());
  return {
    path,
    [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }),
  };
}

const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("LocalFileSystem.stripProtocol() gives absolute POSIX paths", () => {
  const cwd = Deno.cwd();
  assertStrictEquals(LocalFileSystem.stripProtocol("file:///tmp/a/"), "/tmp/a");
  assertStrictEquals(LocalFileSystem.stripProtocol("local:///tmp/a"), "/tmp/a");
  assertStrictEquals(
    LocalFileSystem.stripProtocol("/tmp//a/./b/../c"),
    "/tmp/a/c",
  );
  assertStrictEquals(LocalFileSystem.stripProtocol("rel/x"), `${cwd}/rel/x`);
  assertStrictEquals(LocalFileSystem.stripProtocol("."), cwd);
  assertStrictEquals(LocalFileSystem.stripProtocol("/"), "/");
  assertStrictEquals(LocalFileSystem.stripProtocol("file:///"), "/");
});

Deno.test("LocalFileSystem is registered as file and local", async () => {
  const a = await filesystem("file", { asynchronous: true });
  const b = await filesystem("local", { asynchronous: true });
  assert(a instanceof LocalFileSystem);
  assert(b instanceof LocalFileSystem);
});

Deno.test("LocalFileSystem._catFile() with a range reads only that range", async () => {
  await using tmp = await tempDir();
  const fs = new LocalFileSystem({ asynchronous: true });
  const path = `${tmp.path}/big`;
  const data = Uint8Array.from({ length: 1 << 20 }, (_, i) => i % 253);
  await Deno.writeFile(path, data);
  const proto = Deno.FsFile.prototype;
  const read = proto.read;
  const readFile = Deno.readFile;
  let bytes = 0;
  proto.read = async function (this: Deno.FsFile, p: Uint8Array) {
    const n = await read.call(this, p);
    bytes += n ?? 0;
    return n;
  };
  Deno.readFile = () => Promise.reject(new Error("whole-file read"));
  try {
    assertEquals(
      await fs._catFile(path, { start: 1000, end: 1010 }),
      data.slice(1000, 1010),
    );
    assertEquals(await fs._catFile(path, { start: -5 }), data.slice(-5));
  } finally {
    proto.read = read;
    Deno.readFile = readFile;
  }
  assertStrictEquals(bytes, 15);
});

Deno.test("LocalFileSystem maps Deno errors to FileNotFoundError, FileExistsError and PermissionError with the cause", () => {
  const notFound = new Deno.errors.NotFound("x");
  const mapped = _mapLocalError(notFound, "read", "/p");
  assert(mapped instanceof FileNotFoundError);
  assertStrictEquals(mapped.cause, notFound);
  assertStrictEquals(mapped.path, "/p");
  assertStrictEquals(
    mapped.message,
    'Cannot read "/p": no such file or directory',
  );
  assert(
    _mapLocalError(new Deno.errors.AlreadyExists("x"), "make", "/p") instanceof
      FileExistsError,
  );
  const denied = new Deno.errors.PermissionDenied("x");
  const perm = _mapLocalError(denied, "write", "/p");
  assert(perm instanceof PermissionError);
  assertStrictEquals(perm.cause, denied);
  const other = new Deno.errors.Busy("x");
  assertStrictEquals(_mapLocalError(other, "read", "/p"), other);
});

Deno.test("LocalFileSystem raises FileNotFoundError and FileExistsError from real calls, keeping the cause", async () => {
  await using tmp = await tempDir();
  const fs = new LocalFileSystem({ asynchronous: true });
  const missing = await assertRejects(
    () => fs._catFile(`${tmp.path}/missing`),
    FileNotFoundError,
  );
  assertInstanceOf(missing.cause, Deno.errors.NotFound);
  const exists = await assertRejects(
    () => fs._mkdir(tmp.path),
    FileExistsError,
  );
  assertInstanceOf(exists.cause, Deno.errors.AlreadyExists);
  await assertRejects(
    () => fs._pipeFile(`${tmp.path}/no/such/dir/f`, enc("x")),
    FileNotFoundError,
    undefined,
    "without autoMkdir a missing parent is an error",
  );
});

Deno.test("LocalFileSystem raises PermissionError where Deno denies access", async () => {
  await using tmp = await tempDir();
  const module =
    new URL("../../src/local/local_file_system.ts", import.meta.url).href;
  const script = `${tmp.path}/script.ts`;
  await Deno.writeTextFile(
    script,
    `import { LocalFileSystem } from ${JSON.stringify(module)};
    const fs = new LocalFileSystem({ asynchronous: true });
    try {
      await fs._pipeFile(${JSON.stringify(`${tmp.path}/f`)}, new Uint8Array(1));
      console.log("no error");
    } catch (e) {
      console.log(e.name, e.cause?.name);
    }`,
  );
  const { stdout, success } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-prompt",
      "--allow-read",
      `--config=${new URL("../../deno.json", import.meta.url).pathname}`,
      script,
    ],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "inherit",
  }).output();
  assert(success);
  assertStrictEquals(
    new TextDecoder().decode(stdout).trim(),
    "PermissionError NotCapable",
  );
  assertStrictEquals(
    await new LocalFileSystem({ asynchronous: true })._exists(`${tmp.path}/f`),
    false,
  );
});

Deno.test("LocalFileSystem._info() reports a symbolic link's target and destination", async () => {
  await using tmp = await tempDir();
  const fs = new LocalFileSystem({ asynchronous: true });
  await Deno.writeTextFile(`${tmp.path}/target`, "12345");
  await Deno.symlink(`${tmp.path}/target`, `${tmp.path}/link`);
  const info = await fs._info(`${tmp.path}/link`);
  assertStrictEquals(info.islink, true);
  assertStrictEquals(info.size, 5);
  assertStrictEquals(info.type, "file");
  assertStrictEquals(info.destination, `${tmp.path}/target`);
  assert(info.mtime instanceof Date);
});

Deno.test("LocalFileSystem._getFile() and _putFile() copy local files and report bytes", async () => {
  await using tmp = await tempDir();
  const fs = new LocalFileSystem({ asynchronous: true });
  await Deno.writeTextFile(`${tmp.path}/a`, "abcdef");
  const { Callback } = await import("../../src/callbacks.ts");
  const cb = new Callback();
  await fs._getFile(`${tmp.path}/a`, `file://${tmp.path}/b`, { callback: cb });
  assertStrictEquals(await Deno.readTextFile(`${tmp.path}/b`), "abcdef");
  assertEquals([cb.size, cb.value], [6, 6]);
  await fs._putFile(`${tmp.path}/b`, `${tmp.path}/c`);
  assertStrictEquals(await Deno.readTextFile(`${tmp.path}/c`), "abcdef");
});

Deno.test("LocalFileSystem._rmdir() refuses a file and a non-empty directory", async () => {
  await using tmp = await tempDir();
  const fs = new LocalFileSystem({ asynchronous: true });
  await Deno.mkdir(`${tmp.path}/d`);
  await Deno.writeTextFile(`${tmp.path}/d/f`, "x");
  // Deno's own error for ENOTEMPTY, which has no class of its own
  const notEmpty = await assertRejects(
    () => fs._rmdir(`${tmp.path}/d`),
    Error,
    "Directory not empty",
  );
  assertStrictEquals(notEmpty.constructor, Error);
  assertStrictEquals((notEmpty as Error & { code?: string }).code, "ENOTEMPTY");
  await assertRejects(() => fs._rmdir(`${tmp.path}/d/f`), FileNotFoundError);
  assertStrictEquals(await fs._isFile(`${tmp.path}/d/f`), true);
});
