import {
  assert,
  assertEquals,
  assertStrictEquals,
  assertThrows,
} from "@std/assert";
import { _globToRegExp, _otherPaths, _parent } from "../src/_path.ts";

Deno.test("_globToRegExp() keeps * and ? within one segment", () => {
  const re = _globToRegExp("/a/*.csv");
  assert(re.test("/a/x.csv"));
  assert(!re.test("/a/b/x.csv"));
  assert(_globToRegExp("/a/?.txt").test("/a/1.txt"));
  assert(!_globToRegExp("/a/?.txt").test("/a/12.txt"));
});

Deno.test("_globToRegExp() lets ** span any number of segments, zero included", () => {
  const re = _globToRegExp("/a/**/x.csv");
  assert(re.test("/a/x.csv"));
  assert(re.test("/a/b/c/x.csv"));
  assert(!re.test("/b/x.csv"));
  assertThrows(() => _globToRegExp("/a/b**"), RangeError);
});

Deno.test("_globToRegExp() reads [...] and [!...] as character classes", () => {
  assert(_globToRegExp("/f[0-2]").test("/f1"));
  assert(!_globToRegExp("/f[0-2]").test("/f3"));
  assert(_globToRegExp("/f[!0-2]").test("/f3"));
  assert(!_globToRegExp("/f[!0-2]").test("/f1"));
});

Deno.test("_globToRegExp() without questionMark takes ? literally (HTTP queries)", () => {
  assert(_globToRegExp("http://h/a?x=*", false).test("http://h/a?x=1"));
  assert(!_globToRegExp("http://h/a?x=*", false).test("http://h/abx=1"));
});

Deno.test("_globToRegExp() escapes regular-expression characters in names", () => {
  assert(_globToRegExp("/a+b(1).txt").test("/a+b(1).txt"));
  assert(!_globToRegExp("/a.b").test("/axb"));
});

Deno.test("_parent() gives the parent with the root marker", () => {
  assertStrictEquals(_parent("/a/b", "/"), "/a");
  assertStrictEquals(_parent("/a", "/"), "/");
  assertStrictEquals(_parent("a/b/"), "a");
  assertStrictEquals(_parent("a"), "");
});

Deno.test("_otherPaths() maps a tree onto a new root as fsspec's other_paths", () => {
  assertEquals(_otherPaths(["/a/x", "/a/y/z"], "/b"), ["/b/x", "/b/y/z"]);
  assertEquals(_otherPaths(["/a/x", "/a/y/z"], "/b", true), [
    "/b/a/x",
    "/b/a/y/z",
  ]);
  assertEquals(_otherPaths(["/a/x", "/c/y"], "/b", false, true), [
    "/b/x",
    "/b/y",
  ]);
  assertEquals(_otherPaths(["/a/x"], ["/q"]), ["/q"]);
  assertThrows(() => _otherPaths(["/a/x"], ["/q", "/r"]), RangeError);
});
