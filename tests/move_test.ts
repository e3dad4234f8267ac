import { assertEquals, assertRejects, assertStrictEquals } from "@std/assert";
import {
  AsyncFileSystem,
  Callback,
  type FileInfo,
  FileNotFoundError,
  type LsOptions,
  type LsResult,
} from "../mod.ts";
import { lsResult } from "../src/_ls_result.ts";
import { SlowFileSystem } from "./fixtures/slow_fs.ts";

/**
 * A flat store with no rename of its own, so `_mv` copies (`_cpFile`) and
 * deletes; writes to the paths in `failOn` fail.
 */
class LogFileSystem extends AsyncFileSystem {
  static override rootMarker = "/";
  readonly files = new Map<string, Uint8Array>();
  readonly failOn = new Set<string>();
  readonly log: string[] = [];

  _ls<D extends boolean = true>(
    _path: string,
    options: LsOptions<D> = {},
  ): Promise<LsResult<D>> {
    const infos = [...this.files.keys()].map((name) => this.#file(name));
    return Promise.resolve(lsResult(infos, options.detail));
  }

  #file(name: string): FileInfo {
    return { name, size: this.files.get(name)!.length, type: "file" };
  }

  _info(path: string): Promise<FileInfo> {
    if (path === "/") {
      return Promise.resolve({ name: "/", size: 0, type: "directory" });
    }
    if (this.files.has(path)) return Promise.resolve(this.#file(path));
    return Promise.reject(
      new FileNotFoundError(`Cannot stat "${path}": no such file`, { path }),
    );
  }

  async _catFile(path: string): Promise<Uint8Array> {
    await this._info(path);
    return this.files.get(path)!;
  }

  override _pipeFile(path: string, data: Uint8Array): Promise<void> {
    this.log.push(`write ${path}`);
    if (this.failOn.has(path)) {
      return Promise.reject(new Error(`Cannot write "${path}": disk full`));
    }
    this.files.set(path, data);
    return Promise.resolve();
  }

  override async _cpFile(path1: string, path2: string): Promise<void> {
    await this._pipeFile(path2, await this._catFile(path1));
  }

  override _rmFile(path: string): Promise<void> {
    this.log.push(`delete ${path}`);
    this.files.delete(path);
    return Promise.resolve();
  }
}

const enc = (s: string) => new TextEncoder().encode(s);

function filled(): LogFileSystem {
  const fs = new LogFileSystem({ asynchronous: true });
  for (const name of ["/a", "/b", "/c"]) fs.files.set(name, enc(name));
  return fs;
}

Deno.test("AsyncFileSystem._mv() without a rename copies every file before it deletes any", async () => {
  const fs = filled();
  const callback = new Callback();
  await fs._mv(["/a", "/b", "/c"], ["/x", "/y", "/z"], {
    batchSize: 1,
    callback,
  });
  assertEquals([callback.size, callback.value], [3, 3], "one step per file");
  assertEquals(fs.log, [
    "write /x",
    "write /y",
    "write /z",
    "delete /a",
    "delete /b",
    "delete /c",
  ]);
  assertEquals([...fs.files.keys()].sort(), ["/x", "/y", "/z"]);
  assertEquals(fs.files.get("/y"), enc("/b"));
});

Deno.test("AsyncFileSystem._mv() whose copy fails deletes no source", async () => {
  const fs = filled();
  fs.failOn.add("/y");
  await assertRejects(
    () => fs._mv(["/a", "/b", "/c"], ["/x", "/y", "/z"], { batchSize: 1 }),
    Error,
    "disk full",
  );
  assertStrictEquals(fs.log.some((line) => line.startsWith("delete")), false);
  for (const name of ["/a", "/b", "/c"]) {
    assertEquals(fs.files.get(name), enc(name));
  }
});

Deno.test("AsyncFileSystem._mv() into a directory maps the file below it", async () => {
  const fs = filled();
  await fs._mv("/a", "/");
  assertEquals(fs.log, [], "a file moved onto itself stays, untouched");
  await fs._mv("/a", "/dir/");
  assertEquals(fs.log, ["write /dir/a", "delete /a"]);
});

Deno.test("AsyncFileSystem._mv() and _touch() on a backend that cannot write say so, and the source stays", async () => {
  const fs = new SlowFileSystem({ asynchronous: true, delay: 1 });
  await assertRejects(
    () => fs._mv("/f0", "/g"),
    Error,
    'Cannot copy "/f0": SlowFileSystem does not support it',
  );
  await assertRejects(
    () => fs._touch("/new"),
    Error,
    'Cannot write "/new": SlowFileSystem does not support it',
  );
  assertStrictEquals(await fs._exists("/f0"), true);
});
