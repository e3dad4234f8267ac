/**
 * The options every filesystem takes.
 *
 * @module
 */

import type { IOLoop } from "./io_loop.ts";

/** Options every filesystem takes; backends add their own. */
export interface FileSystemOptions {
  /**
   * Made for async code: only the `_` methods work, and no IO Worker starts.
   * @default {false}
   */
  asynchronous?: boolean;
  /**
   * This instance's batch size for its batch methods; -1 for all at once.
   * @default {undefined}
   */
  batchSize?: number;
  /**
   * Make a new instance instead of reusing a cached one with the same options
   * (read by `filesystem()`).
   * @default {false}
   */
  skipInstanceCache?: boolean;
  /**
   * The IO loop the blocking methods use (bring your own loop); unset: the
   * thread's shared one, {@linkcode getLoop}.
   * @default {undefined}
   */
  loop?: IOLoop;
  /** Backend options. */
  [option: string]: unknown;
}
