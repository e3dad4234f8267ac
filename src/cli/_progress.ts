/**
 * The CLI's progress bar: `@std/cli`'s `ProgressBar` on stderr, fed by the
 * library's callbacks, shown only for many files. Internal.
 *
 * @module
 */

import { ProgressBar } from "@std/cli/unstable-progress-bar";
import { Callback } from "../callbacks.ts";

/** Options of {@linkcode _Progress}. */
export interface _ProgressOptions {
  /** Show a bar at all (stderr is a terminal, and no `--quiet`). */
  enabled: boolean;
  /** Where the bar is drawn. @default {Deno.stderr.writable} */
  writable?: WritableStream<Uint8Array>;
}

/**
 * Progress over one or more batch calls: each call gets its own
 * {@linkcode Callback} (`setSize` per call, `relativeUpdate` per file), and
 * the bar shows their sums. The bar appears once more than one file is
 * expected.
 */
export class _Progress {
  readonly #enabled: boolean;
  readonly #writable: WritableStream<Uint8Array> | undefined;
  readonly #parts: Callback[] = [];
  #bar: ProgressBar | undefined;

  constructor(options: _ProgressOptions) {
    this.#enabled = options.enabled;
    this.#writable = options.writable;
  }

  /** A callback for one batch call, or undefined where no bar is shown. */
  callback(): Callback | undefined {
    if (!this.#enabled) return undefined;
    const part = new Callback({ hooks: { bar: () => this.#update() } });
    this.#parts.push(part);
    return part;
  }

  #update(): void {
    const max = this.#parts.reduce((sum, p) => sum + (p.size ?? 0), 0);
    const value = this.#parts.reduce((sum, p) => sum + p.value, 0);
    if (!this.#bar && max > 1) {
      this.#bar = new ProgressBar({
        max,
        value,
        writable: this.#writable,
        formatter: (f) =>
          `[${f.styledTime}] [${f.progressBar}] [${f.value}/${f.max} files]`,
      });
    }
    if (this.#bar) {
      this.#bar.max = Math.max(max, 1);
      this.#bar.value = value;
    }
  }

  /** Draws the last state and ends the bar's line; later updates start afresh. */
  async stop(): Promise<void> {
    const bar = this.#bar;
    this.#bar = undefined;
    this.#parts.length = 0;
    await bar?.stop();
  }
}
