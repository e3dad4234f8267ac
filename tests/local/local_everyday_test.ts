import {
  assert,
  assertEquals,
  assertNotEquals,
  assertRejects,
  assertStrictEquals,
} from "@std/assert";
import { FileNotFoundError } from "../../src/errors.ts";
import { Callback } from "../../src/callbacks.ts";
import { LocalFileSystem } from "../../src/local/local_file_system.ts";
import { enc, localFiles, localTempDir } from "../abstract/common.ts";

const fs = new LocalFileSystem({ asynchronous: true });

/** Whether `/dev/shm` is another device than the temporary directory (a tmpfs). */
function shmIsAnotherDevice(): boolean {
  try {
    const tmp = Deno.makeTempDirSync();
    const dev = Deno.statSync(tmp).dev;
    Deno.removeSync(tmp);
    return Deno.statSync("/dev/shm").dev !== dev;
  } catch {
    return false;
  }
}

Deno.test("LocalFileSystem._mv() renames: the file keeps its inode", async () => {
  await using dir = await localTempDir();
  await fs._pipeFile(`${dir.path}/a`, enc("alpha"));
  const { ino } = await Deno.stat(`${dir.path}/a`);
  await fs._mv(`${dir.path}/a`, `${dir.path}/b`);
  assertStrictEquals((await Deno.stat(`${dir.path}/b`)).ino, ino);
  assertEquals(await localFiles(dir.path), ["b"]);
});

Deno.test("LocalFileSystem._mv() of a tree to a free path renames the directory whole", async () => {
  await using dir = await localTempDir();
  const auto = new LocalFileSystem({ asynchronous: true, autoMkdir: true });
  await auto._pipe({
    [`${dir.path}/tree/a`]: enc("A"),
    [`${dir.path}/tree/sub/b`]: enc("B"),
  });
  await Deno.mkdir(`${dir.path}/tree/empty`);
  const { ino } = await Deno.stat(`${dir.path}/tree`);
  const callback = new Callback();
  await fs._mv(`${dir.path}/tree`, `${dir.path}/new/place`, {
    recursive: true,
    callback,
  });
  assertEquals([callback.size, callback.value], [2, 2], "two files moved");
  assertStrictEquals((await Deno.stat(`${dir.path}/new/place`)).ino, ino);
  assertEquals(await localFiles(dir.path), ["new/place/a", "new/place/sub/b"]);
  assertStrictEquals(
    (await Deno.stat(`${dir.path}/new/place/empty`)).isDirectory,
    true,
  );
  assertStrictEquals(await fs._exists(`${dir.path}/tree`), false);
});

Deno.test("LocalFileSystem._mv() moves a symbolic link as a link", async () => {
  await using dir = await localTempDir();
  await fs._pipeFile(`${dir.path}/target`, enc("T"));
  await Deno.symlink(`${dir.path}/target`, `${dir.path}/link`);
  await fs._mv(`${dir.path}/link`, `${dir.path}/moved`);
  assertStrictEquals((await Deno.lstat(`${dir.path}/moved`)).isSymlink, true);
  assertStrictEquals(
    await Deno.readLink(`${dir.path}/moved`),
    `${dir.path}/target`,
  );
});

Deno.test({
  name:
    "LocalFileSystem._mv() across devices copies and deletes (Deno.rename's EXDEV)",
  ignore: !shmIsAnotherDevice(),
  async fn() {
    await using dir = await localTempDir();
    const shm = await Deno.makeTempDir({ dir: "/dev/shm", prefix: "fsspec-" });
    try {
      const auto = new LocalFileSystem({ asynchronous: true, autoMkdir: true });
      await auto._pipe({
        [`${shm}/tree/a`]: enc("A"),
        [`${shm}/tree/sub/b`]: enc("BB"),
      });
      await assertRejects(
        () => Deno.rename(`${shm}/tree/a`, `${dir.path}/probe`),
        Error,
        "cross-device",
      );
      await fs._mv(`${shm}/tree`, `${dir.path}/tree`, { recursive: true });
      assertEquals(await localFiles(dir.path), ["tree/a", "tree/sub/b"]);
      assertEquals(await Deno.readFile(`${dir.path}/tree/sub/b`), enc("BB"));
      assertStrictEquals(await fs._exists(`${shm}/tree`), false);
    } finally {
      await Deno.remove(shm, { recursive: true });
    }
  },
});

Deno.test("LocalFileSystem._touch() with truncate: false sets an old file's times to now", async () => {
  await using dir = await localTempDir();
  const a = `${dir.path}/a`;
  await fs._pipeFile(a, enc("alpha"));
  const old = new Date(Date.UTC(2000, 0, 1));
  await Deno.utime(a, old, old);
  assertEquals(await fs._modified(a), old);
  const before = Date.now();
  await fs._touch(a, { truncate: false });
  // the disk's clock may lag Date.now() by a tick: a second of slack
  assert((await fs._modified(a)).getTime() >= before - 1000);
  assert((await Deno.stat(a)).atime!.getTime() >= before - 1000);
  assertEquals(await Deno.readFile(a), enc("alpha"));
});

Deno.test("LocalFileSystem._touch() needs the parent unless autoMkdir", async () => {
  await using dir = await localTempDir();
  await assertRejects(
    () => fs._touch(`${dir.path}/new/a`),
    FileNotFoundError,
  );
  const auto = new LocalFileSystem({ asynchronous: true, autoMkdir: true });
  await auto._touch(`${dir.path}/new/a`);
  assertEquals(await localFiles(dir.path), ["new/a"]);
});

Deno.test("LocalFileSystem._lexists() sees a broken link that _exists() does not", async () => {
  await using dir = await localTempDir();
  await Deno.symlink(`${dir.path}/nowhere`, `${dir.path}/broken`);
  await fs._pipeFile(`${dir.path}/target`, enc("T"));
  await Deno.symlink(`${dir.path}/target`, `${dir.path}/link`);
  assertStrictEquals(await fs._exists(`${dir.path}/broken`), false);
  assertStrictEquals(await fs._lexists(`${dir.path}/broken`), true);
  assertStrictEquals(await fs._exists(`${dir.path}/link`), true);
  assertStrictEquals(await fs._lexists(`${dir.path}/link`), true);
  assertStrictEquals(await fs._lexists(`${dir.path}/target/below`), false);
});

Deno.test("LocalFileSystem._checksum() changes when a file is replaced by one of the same size and time", async () => {
  await using dir = await localTempDir();
  const [a, b] = [`${dir.path}/a`, `${dir.path}/b`];
  await fs._pipe({ [a]: enc("one"), [b]: enc("two") });
  const when = new Date(Date.UTC(2020, 0, 1));
  await Deno.utime(a, when, when);
  await Deno.utime(b, when, when);
  const first = await fs._checksum(a);
  await Deno.rename(b, a);
  assertNotEquals(await fs._checksum(a), first, "another inode");
});
