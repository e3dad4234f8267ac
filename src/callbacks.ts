/**
 * Progress callbacks, as fsspec's `fsspec.callbacks`.
 *
 * @module
 */

/** A hook called with the callback's `size` and `value` on every update. */
export type CallbackHook = (size: number | null, value: number) => void;

/** Options of {@linkcode Callback}. */
export interface CallbackOptions {
  /**
   * The total, where known.
   * @default {null}
   */
  size?: number | null;
  /**
   * The starting value.
   * @default {0}
   */
  value?: number;
  /**
   * Named hooks, each called on every update.
   * @default {{}}
   */
  hooks?: Record<string, CallbackHook>;
}

/**
 * Progress of a transfer: a `size` (the total) and a `value` (done so far);
 * every change calls the hooks.
 *
 * @example Count the files of a batch
 * ```ts
 * import { Callback } from "@fsspec/asyn";
 * import { assertEquals } from "@std/assert";
 *
 * const seen: number[] = [];
 * const cb = new Callback({ hooks: { log: (_size, value) => seen.push(value) } });
 * cb.setSize(2);
 * cb.relativeUpdate();
 * cb.relativeUpdate();
 * assertEquals(seen, [0, 1, 2]);
 * ```
 */
export class Callback {
  /** The total, where known. */
  size: number | null;
  /** The progress so far. */
  value: number;
  /** The hooks called on every update. */
  hooks: Record<string, CallbackHook>;

  /**
   * Makes one.
   *
   * @param options `size`, `value` and `hooks`.
   */
  constructor(options: CallbackOptions = {}) {
    this.size = options.size ?? null;
    this.value = options.value ?? 0;
    this.hooks = { ...options.hooks };
  }

  /**
   * Set the total, and call the hooks.
   * @param size The total.
   */
  setSize(size: number | null): void {
    this.size = size;
    this.call();
  }

  /**
   * Set the progress, and call the hooks.
   * @param value The new value.
   */
  absoluteUpdate(value: number): void {
    this.value = value;
    this.call();
  }

  /**
   * Add to the progress, and call the hooks.
   * @param inc What to add.
   */
  relativeUpdate(inc = 1): void {
    this.value += inc;
    this.call();
  }

  /** Call every hook, or the one named, with the current size and value. */
  call(hookName?: string): void {
    if (hookName !== undefined) {
      this.hooks[hookName]?.(this.size, this.value);
      return;
    }
    for (const hook of Object.values(this.hooks)) hook(this.size, this.value);
  }

  /**
   * The callback for one file of a batch (fsspec's `branched`): by default a
   * no-op, so a batch counts files and its files count nothing. Override it to
   * follow each file's bytes.
   *
   * @param _path1 The child's source path.
   * @param _path2 The child's destination path.
   * @returns The child's callback.
   */
  branched(_path1: string, _path2: string): Callback {
    return new NoOpCallback();
  }

  /** Release what the callback holds (a progress bar, say). */
  close(): void {}
}

/** A callback that does nothing: the default wherever one is optional. */
export class NoOpCallback extends Callback {
  /** Does nothing. */
  override call(): void {}
}
