/**
 * Small helpers shared by the test files.
 *
 * @module
 */

import { assertRejects, assertStrictEquals, assertThrows } from "@std/assert";

/**
 * Whether the tests run on a CI machine: `CI` set to anything but empty,
 * `false` or `0` (CI services set `true`, `1` or their own name). There a
 * test that cannot run fails instead of skipping.
 *
 * @returns True on CI.
 */
export function isCI(): boolean {
  const value = (Deno.env.get("CI") ?? "").trim().toLowerCase();
  return value !== "" && value !== "false" && value !== "0";
}

/**
 * Asserts that `fn` rejects with the `AbortError` `DOMException` an aborted
 * signal gives.
 *
 * @param fn The call expected to reject.
 * @returns The error.
 */
export async function assertRejectsAbort(
  fn: () => PromiseLike<unknown>,
): Promise<DOMException> {
  const error = await assertRejects(fn, DOMException);
  assertStrictEquals(error.name, "AbortError");
  return error;
}

/**
 * Asserts that `fn` throws the `AbortError` `DOMException` an aborted
 * signal gives.
 *
 * @param fn The call expected to throw.
 * @returns The error.
 */
export function assertThrowsAbort(fn: () => unknown): DOMException {
  const error = assertThrows(fn, DOMException);
  assertStrictEquals(error.name, "AbortError");
  return error;
}
