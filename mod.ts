/**
 * fsspec's async filesystem layer for Deno: one interface to many storage
 * systems, whose batch calls (`_cat`, `_get`, `_rm`, …) run many operations
 * concurrently, in async code or, through an IO Worker, from plain blocking
 * code.
 *
 * @example Write and read back many files concurrently
 * ```ts
 * import { filesystem } from "@fsspec/asyn";
 * import { assertEquals } from "@std/assert";
 *
 * const fs = await filesystem("memory", { asynchronous: true, skipInstanceCache: true });
 * await fs._pipe({ "/a": new Uint8Array([1]), "/b": new Uint8Array([2, 3]) });
 * const out = await fs._cat(["/a", "/b"], { batchSize: 2 });
 * assertEquals(out.get("/b"), new Uint8Array([2, 3]));
 * ```
 *
 * @module
 */

// errors
export {
  FileExistsError,
  FileNotFoundError,
  FSTimeoutError,
  HTTPError,
  PermissionError,
} from "./src/errors.ts";
export type { FSErrorOptions } from "./src/errors.ts";

// callbacks
export { Callback, NoOpCallback } from "./src/callbacks.ts";
export type { CallbackHook, CallbackOptions } from "./src/callbacks.ts";

// batching and its configuration
export { batchDefaults, conf, getBatchSize } from "./src/config.ts";
export type { BatchDefaults, Config } from "./src/config.ts";
export { runCorosInChunks } from "./src/run_coros_in_chunks.ts";
export type {
  RunCorosInChunksOptions,
  Thunk,
} from "./src/run_coros_in_chunks.ts";

// the filesystem: async methods, blocking twins, files
export { AsyncFileSystem } from "./src/async_file_system.ts";
export type { FileSystemOptions } from "./src/async_file_system.ts";
export type { BlockingMethods } from "./src/blocking_methods.ts";
export type { EverydayMethods } from "./src/everyday_methods.ts";
export type { TreeMethods } from "./src/tree_methods.ts";
export type { BatchMethods } from "./src/batch_methods.ts";
export type { FileMethods } from "./src/file_methods.ts";
export type * from "./src/types.ts";
export { AsyncFile } from "./src/async_file.ts";
export { AsyncWriteFile } from "./src/async_write_file.ts";
export type {
  AsyncFileFor,
  OpenMode,
  WriteMode,
} from "./src/async_write_file.ts";
export type { ReadTextOptions, WriteTextOptions } from "./src/text.ts";
export type { OpenOptions, Whence } from "./src/async_file.ts";
export type {
  CacheOptions,
  CacheType,
  KnownPart,
} from "./src/caching/cache_options.ts";
export { FSMap } from "./src/mapper.ts";
export type {
  GetManyOptions,
  GetMapperOptions,
  RangeQuery,
} from "./src/mapper.ts";
export { BlockingFile } from "./src/blocking_file.ts";

// the IO loop and blocking calls
export { getLoop, IOLoop } from "./src/io_loop.ts";
export type { MessageTarget } from "./src/io_loop.ts";
export { serveIOLoop } from "./src/io_worker.ts";
export { sync, syncWrapper } from "./src/sync.ts";
export type { SyncOptions, SyncWrapperOptions } from "./src/sync.ts";

// protocols to filesystems
export {
  getFileSystemClass,
  registerImplementation,
  registry,
} from "./src/registry.ts";
export { clearInstanceCache, filesystem } from "./src/instance_cache.ts";
export { urlToFs } from "./src/url_to_fs.ts";
export type {
  FileSystemClass,
  Implementation,
  ImplementationSpec,
  RegisterOptions,
} from "./src/registry.ts";

// backends
export { MemoryFileSystem } from "./src/memory/memory_file_system.ts";
export type { MemoryFileSystemOptions } from "./src/memory/memory_file_system.ts";
export { LocalFileSystem } from "./src/local/local_file_system.ts";
export type { LocalFileSystemOptions } from "./src/local/local_file_system.ts";
export { HTTPFileSystem } from "./src/http/http_file_system.ts";
export type {
  HTTPExistsOptions,
  HTTPFileSystemOptions,
  HTTPPutFileOptions,
} from "./src/http/http_file_system.ts";
export { HTTPSession } from "./src/http/session.ts";
export type { HTTPSessionOptions } from "./src/http/session.ts";
export { serveFileSystem } from "./src/serve/serve_file_system.ts";
export type { ServeFileSystemOptions } from "./src/serve/serve_file_system.ts";
