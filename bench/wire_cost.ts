/**
 * What a blocking `cat` of 5,000 files of 1 KiB pays to cross between the
 * caller and the IO Worker, piece by piece: the request (5,000 URLs)
 * encoded and decoded, the answer (a `Map` of 5,000 × 1 KiB, 5.3 MB)
 * encoded, copied into a buffer of its own to transfer, and decoded into
 * views. Median of 30 after 5 to warm up.
 *
 * `deno run bench/wire_cost.ts`
 *
 * @module
 */

import { _decode, _encode } from "../src/_wire.ts";

const N = 5000;
const urls = Array.from(
  { length: N },
  (_, i) => `http://127.0.0.1:43210/many/f${i}`,
);
const answer = new Map(urls.map((u) => [u, new Uint8Array(1024).fill(7)]));

function time(label: string, work: () => unknown): void {
  for (let i = 0; i < 5; i++) work();
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  const median = times.sort((a, b) => a - b)[15];
  console.log(
    `${label.padEnd(32)} ${median.toFixed(2)} ms (${
      (median * 1000 / N).toFixed(2)
    } µs/file)`,
  );
}

time("request encoded", () => _encode([urls], {}, 1));
const request = _encode([urls], {}, 1).bytes.slice();
time("request decoded", () => _decode(request.subarray(8)));
time("answer encoded", () => _encode([1, answer], { transfer: true }));
time(
  "answer encoded and copied",
  () => _encode([1, answer], { transfer: true }).bytes.slice(),
);
const bytes = _encode([1, answer], { transfer: true }).bytes.slice();
time("answer decoded (views)", () => _decode(bytes, [], {}, true));
