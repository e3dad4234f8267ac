import { assertEquals, assertRejects, assertStrictEquals } from "@std/assert";
import {
  AsyncFileSystem,
  type FileInfo,
  FileNotFoundError,
  HTTPFileSystem,
  LocalFileSystem,
  type LsOptions,
  type LsResult,
  lsResult,
  MemoryFileSystem,
} from "../mod.ts";

/** A read-only backend with one file, `/f`: only the three core methods. */
class ReadOnlyFileSystem extends AsyncFileSystem {
  static override protocol = "readonly-test";
  _ls<D extends boolean = true>(
    _path: string,
    options: LsOptions<D> = {},
  ): Promise<LsResult<D>> {
    return Promise.resolve(
      lsResult([{ name: "/f", size: 1, type: "file" }], options.detail),
    );
  }
  _info(path: string): Promise<FileInfo> {
    if (path !== "/f") {
      return Promise.reject(
        new FileNotFoundError(`Cannot find "${path}"`, { path }),
      );
    }
    return Promise.resolve({ name: "/f", size: 1, type: "file" });
  }
  _catFile(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array([1]));
  }
}

/** The same backend with a root marker. */
class MarkedFileSystem extends ReadOnlyFileSystem {
  static override protocol = "marked-test";
  static override rootMarker = "/";
}

async function assertUnsupported(
  fn: () => unknown,
  message: string,
): Promise<void> {
  // `async` so that a synchronous throw counts as a rejection too
  const error = await assertRejects(async () => await fn(), Error);
  assertStrictEquals(error.constructor, Error);
  assertStrictEquals(error.message, message);
}

Deno.test("a backend without _pipeFile, _rmFile or _cpFile says it does not support writing, deleting or copying", async () => {
  const fs = new ReadOnlyFileSystem({ asynchronous: true });
  const bytes = new Uint8Array([1]);
  const says = (action: string, path: string) =>
    `Cannot ${action} "${path}": ReadOnlyFileSystem does not support it`;
  await assertUnsupported(() => fs._pipeFile("/g", bytes), says("write", "/g"));
  await assertUnsupported(() => fs._rmFile("/f"), says("delete", "/f"));
  await assertUnsupported(() => fs._cpFile("/f", "/g"), says("copy", "/f"));
  // and the batch methods built on them
  await assertUnsupported(() => fs._pipe("/g", bytes), says("write", "/g"));
  await assertUnsupported(() => fs._rm("/f"), says("delete", "/f"));
  await assertUnsupported(() => fs._copy("/f", "/g"), says("copy", "/f"));
  // the reads still work
  assertEquals(await fs._cat("/f"), new Uint8Array([1]));
});

Deno.test("rootMarker is what stripProtocol() gives for a bare root and parent() for a top-level name", () => {
  assertEquals(
    [
      AsyncFileSystem.rootMarker,
      LocalFileSystem.rootMarker,
      MemoryFileSystem.rootMarker,
      HTTPFileSystem.rootMarker,
    ],
    ["", "/", "/", ""],
  );
  const plain = new ReadOnlyFileSystem({ asynchronous: true });
  const marked = new MarkedFileSystem({ asynchronous: true });
  assertStrictEquals(plain.stripProtocol("readonly-test://"), "");
  assertStrictEquals(marked.stripProtocol("marked-test://"), "/");
  assertStrictEquals(marked.stripProtocol("marked-test:///"), "/");
  assertStrictEquals(plain.parent("a"), "");
  assertStrictEquals(marked.parent("a"), "/");
  assertStrictEquals(marked.parent("/a"), "/");
  assertStrictEquals(marked.parent("/a/b"), "/a");
  const local = new LocalFileSystem({ asynchronous: true });
  assertStrictEquals(local.stripProtocol("file:///"), "/");
  assertStrictEquals(local.parent("/a"), "/");
  const memory = new MemoryFileSystem({
    asynchronous: true,
    skipInstanceCache: true,
  });
  assertStrictEquals(memory.stripProtocol("memory://"), "/");
  assertStrictEquals(memory.parent("/a"), "/");
});
