/**
 * The baseline the library is held against: a hand-written pool of `fetch`
 * calls, `concurrency` in flight, each body read whole.
 *
 * @module
 */

/** Fetches every URL, `concurrency` at a time; returns the bytes read. */
export async function fetchPool(
  urls: readonly string[],
  concurrency: number,
): Promise<number> {
  let next = 0;
  let bytes = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, urls.length) }, async () => {
      while (next < urls.length) {
        const response = await fetch(urls[next++]);
        bytes += (await response.bytes()).length;
      }
    }),
  );
  return bytes;
}
