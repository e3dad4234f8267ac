/**
 * Path helpers shared by the core and the backends (fsspec's `utils.py`):
 * glob matching, parents, and the mapping of a file tree onto a new root.
 * Internal: nothing here is exported from `mod.ts`.
 *
 * @module
 */

/** The glob characters: fsspec's `has_magic` with `?` optional (HTTP treats it as a query). */
export function _hasMagic(path: string, questionMark = true): boolean {
  return questionMark ? /[*?[]/.test(path) : /[*[]/.test(path);
}

/** The index of the first glob character, or the length of `path`. */
export function _firstMagic(path: string, questionMark = true): number {
  const i = path.search(questionMark ? /[*?[]/ : /[*[]/);
  return i === -1 ? path.length : i;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Translates one path segment's `*`, `?` and `[…]` (fsspec's `_translate`). */
function translateSegment(part: string, questionMark: boolean): string {
  let out = "";
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === "*") out += "[^/]*";
    else if (c === "?" && questionMark) out += "[^/]";
    else if (c === "[") {
      const close = part.indexOf("]", i + 2);
      if (close === -1) {
        out += "\\[";
        continue;
      }
      let body = part.slice(i + 1, close);
      i = close;
      if (body.startsWith("!")) body = "^" + body.slice(1);
      else if (body.startsWith("^")) body = "\\" + body;
      out += "[" + body.replace(/\\/g, "\\\\") + "]";
    } else out += escapeRegExp(c);
  }
  return out;
}

/**
 * A glob pattern as a regular expression over whole paths: `*` and `?` stay
 * within a segment, `**` as a whole segment spans any number of them, `[…]`
 * is a character class (`[!…]` negated).
 *
 * @throws {RangeError} Where `**` is only part of a segment.
 */
export function _globToRegExp(pattern: string, questionMark = true): RegExp {
  const parts = pattern.split("/");
  const last = parts.length - 1;
  let out = "";
  parts.forEach((part, i) => {
    if (part === "**") {
      out += i < last ? "(?:.+/)?" : ".*";
      return;
    }
    if (part.includes("**")) {
      throw new RangeError(
        `Cannot glob "${pattern}": "**" can only be a whole path segment`,
      );
    }
    if (part === "*") {
      out += i < last ? "[^/]+/" : "[^/]+";
      return;
    }
    out += translateSegment(part, questionMark);
    if (i < last) out += "/";
  });
  return new RegExp(`^(?:${out})$`, "s");
}

/** The parent of a `/`-separated path: `""` for a top-level name, `rootMarker` for one under the root. */
export function _parent(path: string, rootMarker = ""): string {
  const trimmed = path.replace(/\/+$/, "");
  const i = trimmed.lastIndexOf("/");
  if (i === -1) return rootMarker;
  const parent = trimmed.slice(0, i).replace(/^\/+/, "");
  return rootMarker + parent;
}

/** The last segment of a path. */
export function _basename(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** True where the path ends with `/`. */
export function _trailingSep(path: string): boolean {
  return path.endsWith("/");
}

/** The longest run of leading segments shared by all paths (fsspec's `common_prefix`). */
export function _commonPrefix(paths: readonly string[]): string {
  if (paths.length === 0) return "";
  const split = paths.map((p) => p.split("/"));
  const shortest = Math.min(...split.map((p) => p.length));
  let i = 0;
  while (i < shortest && split.every((p) => p[i] === split[0][i])) i++;
  return split[0].slice(0, i).join("/");
}

/**
 * Maps a file tree onto a new root, as fsspec's `other_paths`: a list of
 * destinations is taken as given; a root string keeps the tree below the
 * sources' common prefix (or below its parent, where `exists`), or drops it
 * (`flatten`).
 *
 * @throws {RangeError} Where a destination list is not as long as the sources.
 */
export function _otherPaths(
  paths: readonly string[],
  path2: string | readonly string[],
  exists = false,
  flatten = false,
): string[] {
  if (typeof path2 !== "string") {
    if (path2.length !== paths.length) {
      throw new RangeError(
        `Cannot pair ${paths.length} sources with ${path2.length} destinations: the lists must be as long`,
      );
    }
    return [...path2];
  }
  const root = path2.replace(/\/+$/, "");
  if (flatten) return paths.map((p) => `${root}/${_basename(p)}`);
  let cp = _commonPrefix(paths);
  if (exists) cp = cp.includes("/") ? cp.slice(0, cp.lastIndexOf("/")) : "";
  if (!cp && paths.every((p) => !p.startsWith("/"))) {
    return paths.map((p) => `${root}/${p}`);
  }
  return paths.map((p) => p.startsWith(cp) ? root + p.slice(cp.length) : p);
}
