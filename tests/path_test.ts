import assert from "node:assert/strict";
import { _globToRegExp, _otherPaths, _parent } from "../src/_path.ts";

Deno.test("_globToRegExp() keeps * and ? within one segment", () => {
  const re = _globToRegExp("/a/*.csv");
  assert.ok(re.test("/a/x.csv"));
  assert.ok(!re.test("/a/b/x.csv"));
  assert.ok(_globToRegExp("/a/?.txt").test("/a/1.txt"));
  assert.ok(!_globToRegExp("/a/?.txt").test("/a/12.txt"));
});

Deno.test("_globToRegExp() lets ** span any number of segments, zero included", () => {
  const re = _globToRegExp("/a/**/x.csv");
  assert.ok(re.test("/a/x.csv"));
  assert.ok(re.test("/a/b/c/x.csv"));
  assert.ok(!re.test("/b/x.csv"));
  assert.throws(() => _globToRegExp("/a/b**"), RangeError);
});

Deno.test("_globToRegExp() reads [...] and [!...] as character classes", () => {
  assert.ok(_globToRegExp("/f[0-2]").test("/f1"));
  assert.ok(!_globToRegExp("/f[0-2]").test("/f3"));
  assert.ok(_globToRegExp("/f[!0-2]").test("/f3"));
  assert.ok(!_globToRegExp("/f[!0-2]").test("/f1"));
});

Deno.test("_globToRegExp() without questionMark takes ? literally (HTTP queries)", () => {
  assert.ok(_globToRegExp("http://h/a?x=*", false).test("http://h/a?x=1"));
  assert.ok(!_globToRegExp("http://h/a?x=*", false).test("http://h/abx=1"));
});

Deno.test("_globToRegExp() escapes regular-expression characters in names", () => {
  assert.ok(_globToRegExp("/a+b(1).txt").test("/a+b(1).txt"));
  assert.ok(!_globToRegExp("/a.b").test("/axb"));
});

Deno.test("_parent() gives the parent with the root marker", () => {
  assert.equal(_parent("/a/b", "/"), "/a");
  assert.equal(_parent("/a", "/"), "/");
  assert.equal(_parent("a/b/"), "a");
  assert.equal(_parent("a"), "");
});

Deno.test("_otherPaths() maps a tree onto a new root as fsspec's other_paths", () => {
  assert.deepEqual(_otherPaths(["/a/x", "/a/y/z"], "/b"), ["/b/x", "/b/y/z"]);
  assert.deepEqual(_otherPaths(["/a/x", "/a/y/z"], "/b", true), [
    "/b/a/x",
    "/b/a/y/z",
  ]);
  assert.deepEqual(_otherPaths(["/a/x", "/c/y"], "/b", false, true), [
    "/b/x",
    "/b/y",
  ]);
  assert.deepEqual(_otherPaths(["/a/x"], ["/q"]), ["/q"]);
  assert.throws(() => _otherPaths(["/a/x"], ["/q", "/r"]), RangeError);
});
