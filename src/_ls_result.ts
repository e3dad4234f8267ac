/**
 * What `_ls` returns for its `detail` option, for the backends. Internal.
 *
 * @module
 */

import type { FileInfo, LsResult } from "./types.ts";

/** `FileInfo`s, or (with `detail: false`) their names. */
export function lsResult<D extends boolean>(
  infos: FileInfo[],
  detail: D | undefined,
): LsResult<D> {
  return (detail === false ? infos.map((i) => i.name) : infos) as LsResult<D>;
}
