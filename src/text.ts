/**
 * Text in and out of files: fsspec's `read_text` and `write_text`.
 *
 * @module
 */

import type { IOOptions } from "./types.ts";

/** Options of `_readText` and `readText`. */
export interface ReadTextOptions extends IOOptions {
  /**
   * The text's encoding, by any label `TextDecoder` knows (`"utf-8"`,
   * `"latin1"`, `"utf-16le"`, …).
   * @default {"utf-8"}
   */
  encoding?: string;
}

/** Options of `_writeText` and `writeText`. */
export interface WriteTextOptions extends IOOptions {
  /**
   * The encoding written: only UTF-8, the one `TextEncoder` writes.
   * @default {"utf-8"}
   */
  encoding?: "utf-8" | "utf8";
}

/**
 * A decoder for `encoding`, made before any I/O.
 * @throws {RangeError} For an encoding `TextDecoder` does not know.
 */
export function _decoderFor(path: string, encoding = "utf-8"): TextDecoder {
  try {
    return new TextDecoder(encoding);
  } catch (error) {
    throw new RangeError(
      `Cannot read "${path}" as "${encoding}": unknown encoding`,
      { cause: error },
    );
  }
}

/**
 * The UTF-8 bytes of `text`, checked before any I/O.
 * @throws {TypeError} For text that is not a string.
 * @throws {RangeError} For an encoding other than UTF-8.
 */
export function _encodeText(
  path: string,
  text: string,
  encoding = "utf-8",
): Uint8Array {
  if (typeof text !== "string") {
    throw new TypeError(`Cannot write "${path}": the text must be a string`);
  }
  if (!/^utf-?8$/i.test(encoding)) {
    throw new RangeError(
      `Cannot write "${path}" as "${encoding}": only "utf-8" can be written`,
    );
  }
  return new TextEncoder().encode(text);
}
