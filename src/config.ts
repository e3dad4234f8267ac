/**
 * Settings in force for every filesystem: fsspec's `fsspec.config.conf` and the
 * batch-size defaults of `fsspec.asyn`.
 *
 * Nothing here asks for a permission: the environment and `/proc` are read only
 * where Deno already grants it, and skipped silently where it does not.
 *
 * @module
 */

/** The configuration object: fsspec's key names, plus per-protocol options. */
export interface Config {
  /** Batch size for operations that open local files (fsspec's key name). */
  gather_batch_size?: number;
  /** Batch size for operations that open no local files (fsspec's key name). */
  nofiles_gather_batch_size?: number;
  /** Default options of a protocol, as `conf.http = { headers: … }`. */
  [protocol: string]: unknown;
}

/** The built-in batch sizes: fsspec's `_DEFAULT_BATCH_SIZE` and `_NOFILES_DEFAULT_BATCH_SIZE`. */
export interface BatchDefaults {
  /** For calls that open local files (`get`, `put`): 128, or an eighth of the open-file soft limit where it can be read. */
  batchSize: number;
  /**
   * For calls that open no local files (`cat`, `pipe`, `rm`, `info`, …):
   * 1280, or half the open-file soft limit where that is lower (a request
   * still holds a socket).
   */
  nofilesBatchSize: number;
}

/** Whether a permission is granted already (never prompts); false where there is no permissions API. */
export function _permitted(descriptor: Deno.PermissionDescriptor): boolean {
  try {
    return Deno.permissions.querySync(descriptor).state === "granted";
  } catch {
    return false; // no permissions API here (an embedder): read nothing
  }
}

/** Reads an environment variable where env access is granted; else undefined. */
export function _readEnv(name: string): string | undefined {
  if (
    typeof Deno === "undefined" || !_permitted({ name: "env", variable: name })
  ) {
    return undefined;
  }
  return Deno.env.get(name);
}

/**
 * The open-file soft limit from `/proc/self/limits`, where readable (Deno 2.9
 * allows it only under `--allow-all`; a narrower grant fails without a
 * prompt); -1 when unlimited.
 */
function openFileLimit(): number | undefined {
  const path = "/proc/self/limits";
  if (typeof Deno === "undefined" || !_permitted({ name: "read", path })) {
    return undefined;
  }
  try {
    const line = Deno.readTextFileSync(path).split("\n")
      .find((l) => l.startsWith("Max open files"));
    const soft = line?.slice("Max open files".length).trim().split(/\s+/)[0];
    if (soft === "unlimited") return -1;
    const n = Number(soft);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined; // not Linux, or /proc not mounted
  }
}

/** The open-file soft limit, read once; undefined where it cannot be read, -1 unlimited. */
const OPEN_FILE_LIMIT = openFileLimit();

/** A share of the open-file limit, at most `most`; `most` where the limit is unknown or unlimited. */
function shareOfLimit(divisor: number, most: number): number {
  if (OPEN_FILE_LIMIT === undefined || OPEN_FILE_LIMIT === -1) return most;
  return Math.min(most, Math.max(1, Math.floor(OPEN_FILE_LIMIT / divisor)));
}

function defaultBatchSize(): number {
  if (OPEN_FILE_LIMIT === undefined) return 128;
  if (OPEN_FILE_LIMIT === -1) return -1;
  return Math.max(1, Math.floor(OPEN_FILE_LIMIT / 8));
}

/**
 * The default cap on HTTP requests in flight per host: 100, or a quarter of
 * the open-file soft limit where that is lower (each request holds a
 * socket), so that the defaults never run a process out of descriptors.
 */
export function _defaultLimitPerHost(): number {
  return shareOfLimit(4, 100);
}

/**
 * The built-in batch sizes, mutable as fsspec's module globals are.
 *
 * @example Lower the default for calls that open local files
 * ```ts
 * import { batchDefaults, getBatchSize } from "@fsspec/asyn";
 * import { assertStrictEquals } from "@std/assert";
 *
 * const before = batchDefaults.batchSize;
 * batchDefaults.batchSize = 16;
 * assertStrictEquals(getBatchSize(), 16);
 * batchDefaults.batchSize = before;
 * ```
 */
export const batchDefaults: BatchDefaults = {
  batchSize: defaultBatchSize(),
  nofilesBatchSize: shareOfLimit(2, 1280),
};

/**
 * The configuration in force. `FSSPEC_GATHER_BATCH_SIZE` and
 * `FSSPEC_NOFILES_GATHER_BATCH_SIZE` fill the two batch keys at start-up where
 * env access is granted.
 *
 * @example Default options for a protocol
 * ```ts
 * import { conf, filesystem } from "@fsspec/asyn";
 * import { assertStrictEquals } from "@std/assert";
 *
 * conf["memory"] = { batchSize: 7 };
 * const fs = await filesystem("memory", { asynchronous: true, skipInstanceCache: true });
 * assertStrictEquals(fs.batchSize, 7);
 * delete conf["memory"];
 * ```
 */
export const conf: Config = {};

for (
  const [variable, key] of [
    ["FSSPEC_GATHER_BATCH_SIZE", "gather_batch_size"],
    ["FSSPEC_NOFILES_GATHER_BATCH_SIZE", "nofiles_gather_batch_size"],
  ] as const
) {
  const value = _readEnv(variable);
  if (value !== undefined && value.trim() !== "") conf[key] = Number(value);
}

/**
 * The batch size in force when a call names none: the config key, else the
 * built-in default.
 *
 * @param nofiles True for calls that open no local files.
 * @returns The batch size; -1 means all at once.
 *
 * @example The config key wins over the built-in default
 * ```ts
 * import { conf, getBatchSize } from "@fsspec/asyn";
 * import { assertStrictEquals } from "@std/assert";
 *
 * conf.nofiles_gather_batch_size = 64;
 * assertStrictEquals(getBatchSize(true), 64);
 * delete conf.nofiles_gather_batch_size;
 * ```
 */
export function getBatchSize(nofiles = false): number {
  const configured = nofiles
    ? conf.nofiles_gather_batch_size
    : conf.gather_batch_size;
  if (configured !== undefined && configured !== null) return configured;
  return nofiles ? batchDefaults.nofilesBatchSize : batchDefaults.batchSize;
}
