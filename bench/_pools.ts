/**
 * The baseline the library is held against: a hand-written pool of `fetch`
 * calls, `concurrency` in flight, each body read whole.
 *
 * @module
 */

/**
 * Fetches every URL, `concurrency` at a time; returns the bytes read. With
 * `to`, each body is also written to `to[i]` in place, as curl writes it
 * (no temporary file: the floor of a download to disk).
 */
export async function fetchPool(
  urls: readonly string[],
  concurrency: number,
  to?: readonly string[],
): Promise<number> {
  let next = 0;
  let bytes = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, urls.length) }, async () => {
      while (next < urls.length) {
        const i = next++;
        const response = await fetch(urls[i]);
        const body = await response.bytes();
        if (to) Deno.writeFileSync(to[i], body);
        bytes += body.length;
      }
    }),
  );
  return bytes;
}
