import { assertEquals, assertRejects, assertStrictEquals } from "@std/assert";
import {
  AsyncFileSystem,
  HTTPFileSystem,
  LocalFileSystem,
  MemoryFileSystem,
} from "../mod.ts";
import { ReadOnlyFileSystem } from "./fixtures/read_only_fs.ts";

/** The same backend with a root marker. */
class MarkedFileSystem extends ReadOnlyFileSystem {
  static override protocol = "marked-test";
  static override rootMarker = "/";
}

async function assertUnsupported(
  fn: () => Promise<unknown>,
  message: string,
): Promise<void> {
  // a rejected promise, never a synchronous throw
  const error = await assertRejects(fn, Error);
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
  const local = new LocalFileSystem({ asynchronous: true });
  const memory = new MemoryFileSystem({
    asynchronous: true,
    skipInstanceCache: true,
  });
  const cases: [AsyncFileSystem, string, string, string][] = [
    // filesystem, bare root, its stripped form, the parent of "/a"
    [plain, "readonly-test://", "", ""],
    [marked, "marked-test://", "/", "/"],
    [local, "file:///", "/", "/"],
    [memory, "memory://", "/", "/"],
  ];
  for (const [fs, root, stripped, parent] of cases) {
    assertStrictEquals(fs.stripProtocol(root), stripped, root);
    assertStrictEquals(fs.parent("/a"), parent, root);
  }
  assertEquals(
    [
      marked.stripProtocol("marked-test:///"),
      plain.parent("a"),
      marked.parent("a"),
      marked.parent("/a/b"),
    ],
    ["/", "", "/", "/a"],
  );
});
