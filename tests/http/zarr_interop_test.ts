/**
 * zarrita (npm, a test dependency only) on the mapper: it writes a chunked
 * array through `LocalFileSystem`'s mapper into the directory nginx serves,
 * then reads it back through `HTTPFileSystem`'s mapper. Without nginx the
 * test prints a notice and skips, except under CI, where it fails.
 */

import { assertEquals } from "@std/assert";
import * as zarr from "npm:zarrita@0.7";
import {
  type FSMap,
  HTTPFileSystem,
  LocalFileSystem,
  MemoryFileSystem,
  serveFileSystem,
} from "../../mod.ts";
import { requireBinary, startNginx } from "./servers.ts";

// The mapper is a zarrita store as it is: these fail to compile where not.
const _readable: (map: FSMap) => zarr.AsyncReadable = (map) => map;
const _mutable: (map: FSMap) => zarr.AsyncMutable = (map) => map;

const SHAPE = [100, 100];
/** Known values: not the index, so a misplaced chunk shows. */
const VALUES = Int32Array.from(
  { length: SHAPE[0] * SHAPE[1] },
  (_, i) => (i * 7919) % 100_003 - 50_000,
);

/** Writes the 100×100 int32 array in 10×10 chunks through a mapper. */
async function writeArray(store: FSMap): Promise<void> {
  const arr = await zarr.create(zarr.root(store), {
    shape: SHAPE,
    chunkShape: [10, 10],
    dtype: "int32",
  });
  await zarr.set(arr, null, { data: VALUES, shape: SHAPE, stride: [100, 1] });
}

/** Reads the array back through a mapper and checks every value and a region. */
async function checkArray(store: FSMap): Promise<void> {
  const arr = await zarr.open(store, { kind: "array" });
  assertEquals(arr.shape, SHAPE);
  assertEquals(arr.chunks, [10, 10]);
  assertEquals(arr.dtype, "int32");
  const all = await zarr.get(arr, null);
  assertEquals(all.data, VALUES);
  const region = await zarr.get(arr, [zarr.slice(5, 25), zarr.slice(93, 100)]);
  const expected = new Int32Array(20 * 7);
  for (let r = 0; r < 20; r++) {
    for (let c = 0; c < 7; c++) {
      expected[r * 7 + c] = VALUES[(r + 5) * 100 + c + 93];
    }
  }
  assertEquals(region.data, expected);
}

Deno.test("zarrita writes through LocalFileSystem's mapper and reads through HTTPFileSystem's from nginx and from serveFileSystem, byte-exact", async () => {
  const bin = requireBinary("nginx", { fallbacks: ["/usr/sbin/nginx"] });
  if (!bin) return;
  const dir = await Deno.makeTempDir({ prefix: "fsspec_zarr_" });
  try {
    await using server = await startNginx(bin, dir, { autoindex: true });
    const local = new LocalFileSystem({ asynchronous: true });
    const written = local.getMapper(`${server.root}/data.zarr`, {
      create: true,
    });
    await writeArray(written);
    const keys = await Array.fromAsync(written.keys());
    assertEquals(keys.length, 101, "zarr.json and 100 chunks");
    assertEquals(keys.includes("zarr.json") && keys.includes("c/9/9"), true);

    await using http = new HTTPFileSystem({ asynchronous: true });
    const remote = http.getMapper(`${server.url}/data.zarr`, {
      checkExists: true,
    });
    await checkArray(remote);
    // every file byte-exact, listed through nginx's index pages
    assertEquals(await Array.fromAsync(remote.keys()), keys);
    const mine = await written.getMany(keys);
    const theirs = await remote.getMany(keys, { batchSize: 8 });
    assertEquals(theirs, mine);
    assertEquals(await remote.get("c/10/0"), undefined, "past the last chunk");

    // the same array through serveFileSystem serving the local folder
    await using served = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      serveFileSystem(local, { root: server.root }),
    );
    const viaServe = http.getMapper(
      `http://127.0.0.1:${served.addr.port}/data.zarr`,
      { checkExists: true },
    );
    await checkArray(viaServe);
    assertEquals(await Array.fromAsync(viaServe.keys()), keys);
    assertEquals(await viaServe.getMany(keys, { batchSize: 8 }), mine);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * A sharded array written by hand (zarrita reads shards but does not write
 * them): 40×40 int32, shards of 20×20 holding 10×10 chunks stored in reverse
 * order, the index at the end; chunk (1, 1) of shard (0, 0) is absent (fill
 * value). zarrita reads each index with `{ suffixLength }` and each chunk
 * with `{ offset, length }`.
 */
function shardedArray(): {
  files: Record<string, Uint8Array>;
  values: Int32Array;
} {
  const n = 40, shard = 20, chunk = 10, inner = shard / chunk;
  const values = Int32Array.from({ length: n * n }, (_, i) => i * 3 + 1);
  const files: Record<string, Uint8Array> = {
    "zarr.json": new TextEncoder().encode(JSON.stringify({
      zarr_format: 3,
      node_type: "array",
      shape: [n, n],
      data_type: "int32",
      chunk_grid: {
        name: "regular",
        configuration: { chunk_shape: [shard, shard] },
      },
      chunk_key_encoding: {
        name: "default",
        configuration: { separator: "/" },
      },
      fill_value: 0,
      codecs: [{
        name: "sharding_indexed",
        configuration: {
          chunk_shape: [chunk, chunk],
          codecs: [{ name: "bytes", configuration: { endian: "little" } }],
          index_codecs: [{
            name: "bytes",
            configuration: { endian: "little" },
          }],
          index_location: "end",
        },
      }],
      attributes: {},
    })),
  };
  for (let si = 0; si < n / shard; si++) {
    for (let sj = 0; sj < n / shard; sj++) {
      const chunks: Uint8Array[] = [];
      const index = new BigUint64Array(inner * inner * 2).fill(2n ** 64n - 1n);
      let offset = 0;
      for (let k = inner * inner - 1; k >= 0; k--) {
        if (si === 0 && sj === 0 && k === 3) {
          for (let r = 0; r < chunk; r++) {
            values.fill(
              0,
              (chunk + r) * n + chunk,
              (chunk + r) * n + 2 * chunk,
            );
          }
          continue;
        }
        const [ci, cj] = [Math.floor(k / inner), k % inner];
        const data = new Int32Array(chunk * chunk);
        for (let r = 0; r < chunk; r++) {
          for (let c = 0; c < chunk; c++) {
            const row = si * shard + ci * chunk + r;
            data[r * chunk + c] = values[row * n + sj * shard + cj * chunk + c];
          }
        }
        chunks.push(new Uint8Array(data.buffer));
        index[2 * k] = BigInt(offset);
        index[2 * k + 1] = BigInt(data.byteLength);
        offset += data.byteLength;
      }
      chunks.push(new Uint8Array(index.buffer));
      const file = new Uint8Array(chunks.reduce((a, c) => a + c.length, 0));
      chunks.reduce((at, c) => (file.set(c, at), at + c.length), 0);
      files[`c/${si}/${sj}`] = file;
    }
  }
  return { files, values };
}

Deno.test("zarrita reads a sharded array through HTTPFileSystem's mapper from nginx, by byte ranges", async () => {
  const bin = requireBinary("nginx", { fallbacks: ["/usr/sbin/nginx"] });
  if (!bin) return;
  const dir = await Deno.makeTempDir({ prefix: "fsspec_zarr_" });
  try {
    await using server = await startNginx(bin, dir);
    const { files, values } = shardedArray();
    const local = new LocalFileSystem({ asynchronous: true });
    await local.getMapper(`${server.root}/sharded.zarr`).setMany(files);
    await using http = new HTTPFileSystem({ asynchronous: true });
    const arr = await zarr.open(http.getMapper(`${server.url}/sharded.zarr`), {
      kind: "array",
    });
    assertEquals(arr.shape, [40, 40]);
    assertEquals((await zarr.get(arr, null)).data, values);
    assertEquals(values[15 * 40 + 15], 0, "the absent chunk reads as fill");
    const region = await zarr.get(arr, [zarr.slice(18, 23), 31]);
    assertEquals(
      region.data,
      Int32Array.from([18, 19, 20, 21, 22], (r) => values[r * 40 + 31]),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("zarrita round-trips an array through MemoryFileSystem's mapper", async () => {
  const fs = new MemoryFileSystem({
    asynchronous: true,
    store: `zarr-${crypto.randomUUID()}`,
  });
  const store = fs.getMapper("/data.zarr");
  await writeArray(store);
  await checkArray(store);
  assertEquals(
    JSON.parse(
      new TextDecoder().decode(await fs._catFile("/data.zarr/zarr.json")),
    )
      .node_type,
    "array",
  );
});
