/**
 * The HTTP session of an `HTTPFileSystem`: the fetch it uses, the
 * `Deno.HttpClient` made from its `client` options, and the cap on requests
 * in flight per host. fsspec's aiohttp `ClientSession`, moved to fetch.
 *
 * @module
 */

import { _defaultLimitPerHost } from "../config.ts";
/** How many scheme-and-authority prefixes a session remembers the origin of. */
const ORIGINS_KEPT = 256;

/** Options of {@linkcode HTTPSession}. */
export interface HTTPSessionOptions {
  /**
   * Options for `Deno.createHttpClient` (pool size, idle timeout, HTTP/1 or
   * HTTP/2, proxy, CA certificates). Unset: the shared default client.
   * @default {undefined}
   */
  client?: Deno.CreateHttpClientOptions;
  /**
   * A replacement for `fetch`.
   * @default {globalThis.fetch}
   */
  fetch?: typeof fetch;
  /**
   * At most this many requests in flight to one host (scheme, name and
   * port); the rest wait their turn. -1: no cap. The default is 100, or a
   * quarter of the open-file soft limit where that is lower and readable.
   * @default {100}
   */
  limitPerHost?: number;
}

/**
 * A FIFO semaphore per key. Ours, not @std/async: its `Semaphore` is
 * unstable (`unstable_semaphore.ts`), has one count rather than one per
 * host, and its `acquire` takes no signal, so a caller that gives up would
 * keep its place in the queue.
 */
class KeyedLimiter {
  #limit: number;
  #active = new Map<string, number>();
  #waiting = new Map<string, (() => void)[]>();
  #watched = new Map<
    AbortSignal,
    { waits: Set<() => void>; listener: () => void }
  >();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Waits for a slot; the returned function gives it back (once). */
  acquire(key: string, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const active = this.#active.get(key) ?? 0;
    if (this.#limit < 0 || active < this.#limit) {
      this.#active.set(key, active + 1);
      return Promise.resolve(this.#releaser(key));
    }
    return new Promise((resolve, reject) => {
      const queue = this.#waiting.get(key) ?? [];
      this.#waiting.set(key, queue);
      const grant = () => {
        if (signal) this.#unwatch(signal, onAbort);
        resolve(this.#releaser(key));
      };
      const onAbort = () => {
        const i = queue.indexOf(grant);
        if (i !== -1) queue.splice(i, 1);
        if (queue.length === 0) this.#waiting.delete(key);
        reject(signal!.reason);
      };
      if (signal) this.#watch(signal, onAbort);
      queue.push(grant);
    });
  }

  /**
   * Calls `onAbort` when `signal` aborts. One listener per signal, however
   * many wait on it: a batch's requests share its signal, and each added or
   * removed listener scans the signal's list.
   */
  #watch(signal: AbortSignal, onAbort: () => void): void {
    let watched = this.#watched.get(signal);
    if (!watched) {
      const waits = new Set<() => void>();
      const listener = () => {
        this.#watched.delete(signal);
        for (const wait of waits) wait();
      };
      watched = { waits, listener };
      this.#watched.set(signal, watched);
      signal.addEventListener("abort", listener, { once: true });
    }
    watched.waits.add(onAbort);
  }

  /** Undoes {@linkcode KeyedLimiter.#watch}; the listener goes with the last wait. */
  #unwatch(signal: AbortSignal, onAbort: () => void): void {
    const watched = this.#watched.get(signal);
    if (!watched?.waits.delete(onAbort) || watched.waits.size > 0) return;
    this.#watched.delete(signal);
    signal.removeEventListener("abort", watched.listener);
  }

  #releaser(key: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const queue = this.#waiting.get(key);
      const next = queue?.shift();
      if (queue?.length === 0) this.#waiting.delete(key);
      if (next) next(); // the slot passes on: the active count stays
      else {
        const active = this.#active.get(key)! - 1;
        if (active === 0) this.#active.delete(key);
        else this.#active.set(key, active);
      }
    };
  }
}

/**
 * What requests of one filesystem share: a fetch (with its own
 * `Deno.HttpClient` where `client` options were given) and a cap on requests
 * in flight per host, which keeps thousands of concurrent calls from
 * exhausting the connection pool (Deno issue #28853) or the open-file limit.
 * `close()` releases the client; a closed session refuses new requests.
 *
 * @example A session with its own connection pool
 * ```ts
 * import { HTTPSession } from "@fsspec/asyn";
 * import { assert } from "@std/assert";
 *
 * await using session = new HTTPSession({ client: { poolMaxIdlePerHost: 4 } });
 * assert(session.client);
 * ```
 */
export class HTTPSession implements AsyncDisposable {
  /** The client made from the `client` options, if any. */
  readonly client: Deno.HttpClient | undefined;
  #fetch: typeof fetch;
  #limiter: KeyedLimiter;
  #origins = new Map<string, string>();
  #closed = false;

  /**
   * Makes a session, and its `Deno.HttpClient` where `client` options are given.
   *
   * @param options `client`, `fetch` and `limitPerHost`.
   * @throws {TypeError} Where `client` options are given and `Deno.createHttpClient` does not exist (Deno Deploy).
   * @throws {RangeError} For a `limitPerHost` that is not a positive integer or -1.
   */
  constructor(options: HTTPSessionOptions = {}) {
    const limit = options.limitPerHost ?? _defaultLimitPerHost();
    if (limit !== -1 && (!Number.isInteger(limit) || limit < 1)) {
      throw new RangeError(
        `Cannot make a session with limitPerHost ${limit}: it must be a positive integer or -1`,
      );
    }
    this.#limiter = new KeyedLimiter(limit);
    this.#fetch = options.fetch ?? globalThis.fetch;
    if (options.client) {
      const create = (globalThis as { Deno?: typeof Deno }).Deno
        ?.createHttpClient;
      if (typeof create !== "function") {
        throw new TypeError(
          `Cannot make an HTTP client with options ${
            JSON.stringify(options.client)
          }: Deno.createHttpClient does not exist here`,
        );
      }
      this.client = create(options.client);
    }
  }

  /**
   * The origin of `url`, the per-host key: parsed once per scheme and
   * authority (what the origin depends on), not once per request.
   */
  #originOf(url: string): string {
    const authority = /^[a-zA-Z][a-zA-Z\d+.-]*:\/\/[^/?#\\]*/.exec(url)?.[0];
    let origin = authority && this.#origins.get(authority);
    if (!origin) {
      origin = new URL(url).origin;
      if (authority) {
        if (this.#origins.size >= ORIGINS_KEPT) this.#origins.clear();
        this.#origins.set(authority, origin);
      }
    }
    return origin;
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Fetches through this session's client, once a slot for the URL's host is
   * free. The slot is held until `release` is called: call it once the body
   * has been read or cancelled.
   *
   * @param url The URL.
   * @param init Request options; its `signal` also aborts the wait.
   * @returns The response and the function that gives the slot back.
   * @throws {TypeError} Where the session is closed, or fetch fails.
   */
  async fetch(
    url: string,
    init: RequestInit,
  ): Promise<{ response: Response; release: () => void }> {
    if (this.#closed) {
      throw new TypeError(`Cannot request "${url}": the session is closed`);
    }
    const key = this.#originOf(url);
    const release = await this.#limiter.acquire(key, init.signal ?? undefined);
    try {
      const response = await this.#fetch(
        url,
        this.client ? { ...init, client: this.client } : init,
      );
      return { response, release };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Release the client; later requests through this session fail. */
  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.client?.close();
    }
    return Promise.resolve();
  }

  /** `await using session = …` closes it. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
