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
 * For a test that cannot run on this machine: prints a notice so that the
 * caller can skip, except on CI, where it throws, so that a CI machine
 * cannot skip a test silently.
 *
 * @param what What is missing, as `nginx is not installed`.
 * @throws {Error} On CI (see {@linkcode isCI}).
 */
export function skipOrFailOnCI(what: string): void {
  if (isCI()) {
    throw new Error(`Cannot run this test: ${what}, and CI forbids skipping`);
  }
  console.log(`%cskipped: ${what}`, "color: yellow");
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
