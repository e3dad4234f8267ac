/**
 * The IO Worker's dispatch: the filesystems it rebuilt (by module specifier
 * and options), the generators in progress and the open files, and what
 * each request does with them. The transport that brings the requests is
 * `io_worker.ts`. Internal.
 *
 * @module
 */

import type { _FsRef, _Request } from "./_channel.ts";

type Fs = Record<string, unknown> & { close?: () => unknown };
type Abortable = { abort?: () => Promise<void> };

/** What one IO Worker holds for one loop, and the operations on it. */
export class _Dispatch {
  #instances = new Map<number, Promise<Fs>>();
  /** The instances built so far, for calls that need not wait. */
  #live = new Map<number, Fs>();
  #iters = new Map<number, AsyncIterator<unknown>>();
  #handles = new Map<number, Fs>();
  #next = 1;

  /**
   * Release what the caller dropped (garbage on its side).
   * @param handles Open files.
   * @param instances Filesystems.
   */
  drop(handles: readonly number[], instances: readonly number[]): void {
    for (const h of handles) {
      const file = this.#handles.get(h) as Abortable | undefined;
      this.#handles.delete(h);
      // a write file dropped unclosed leaves nothing at its path; no one is
      // left to hear of a failure
      file?.abort?.().catch(() => {});
    }
    for (const k of instances) {
      this.#instances.delete(k);
      this.#live.delete(k);
    }
  }

  async #instance(ref: _FsRef | undefined): Promise<Fs> {
    if (!ref) throw new TypeError("Cannot find a filesystem: none named");
    let fs = this.#instances.get(ref.key);
    if (!fs && ref.spec) {
      const { module, export: name } = ref.spec;
      fs = import(module).then((m) => {
        const cls = m[name];
        if (typeof cls !== "function") {
          throw new TypeError(
            `Cannot rebuild the filesystem on the IO Worker: ${module} has no export "${name}"`,
          );
        }
        const made = new cls(ref.options) as Fs;
        this.#live.set(ref.key, made);
        return made;
      });
      this.#instances.set(ref.key, fs);
      // a failed build stays, so each later call gets its error
      fs.catch(() => {});
    }
    if (!fs) {
      throw new Error(
        `Cannot find filesystem ${ref.key} on the IO Worker: it was not sent`,
      );
    }
    return await fs;
  }

  /**
   * Run one request.
   * @param req The decoded request.
   * @returns Its answer.
   * @throws {TypeError} For an unknown operation, filesystem, method or handle.
   */
  async run(req: _Request): Promise<unknown> {
    const args = req.args ?? [];
    switch (req.op) {
      case "noop":
        return undefined;
      case "stats":
        return {
          instances: this.#instances.size,
          handles: this.#handles.size,
          iters: this.#iters.size,
        };
      case "call": {
        const fs = this.#live.get(req.fs?.key ?? -1) ??
          await this.#instance(req.fs);
        return await method(fs, req.method!).apply(fs, args);
      }
      case "fn": {
        const module = await import(req.module!);
        const fn = module[req.export!];
        if (typeof fn !== "function") {
          throw new TypeError(
            `Cannot call "${req.export}" of ${req.module}: it is not a function`,
          );
        }
        return await fn(...args);
      }
      case "iter": {
        const fs = await this.#instance(req.fs);
        const gen = method(fs, req.method!).apply(fs, args) as AsyncIterable<
          unknown
        >;
        const key = this.#next++;
        this.#iters.set(key, gen[Symbol.asyncIterator]());
        return key;
      }
      case "next": {
        const it = this.#iters.get(req.iter!);
        if (!it) return [true, undefined];
        const r = await it.next();
        if (r.done) this.#iters.delete(req.iter!);
        return [r.done === true, r.value];
      }
      case "ret": {
        const it = this.#iters.get(req.iter!);
        this.#iters.delete(req.iter!);
        await it?.return?.();
        return undefined;
      }
      case "open": {
        const fs = await this.#instance(req.fs);
        const file = await method(fs, req.method!).apply(
          fs,
          args,
        ) as Fs;
        const key = this.#next++;
        this.#handles.set(key, file);
        return [key, file.path, file.size];
      }
      case "file": {
        const file = this.#handles.get(req.handle!);
        if (!file) {
          throw new TypeError(
            `Cannot use file handle ${req.handle} on the IO Worker: it was closed`,
          );
        }
        if (req.method === "close" || req.method === "abort") {
          this.#handles.delete(req.handle!);
        }
        return await method(file, req.method!).apply(file, args);
      }
      case "close": {
        const key = req.fs!.key;
        const fs = this.#instances.get(key);
        this.#instances.delete(key);
        this.#live.delete(key);
        if (fs) await (await fs).close?.();
        return undefined;
      }
    }
    throw new TypeError(`Cannot serve request "${req.op}": unknown operation`);
  }
}

function method(
  target: Fs,
  name: string,
): (...args: unknown[]) => unknown {
  const fn = target[name];
  if (typeof fn !== "function") {
    throw new TypeError(
      `Cannot call ${name}() on the IO Worker: ${
        (target.constructor as { name?: string }).name
      } has no such method`,
    );
  }
  return fn as (...args: unknown[]) => unknown;
}
