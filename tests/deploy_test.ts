import { assertEquals, assertMatch, assertStrictEquals } from "@std/assert";

Deno.test("asynchronous: true works without Workers, createHttpClient or any permission but loopback net (Deno Deploy)", async () => {
  const script =
    new URL("./fixtures/deploy_script.ts", import.meta.url).pathname;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", "--allow-net=127.0.0.1", script],
    stdin: "null",
  }).output();
  const err = new TextDecoder().decode(stderr);
  assertStrictEquals(code, 0, err);
  const out = JSON.parse(new TextDecoder().decode(stdout));
  assertEquals(out.http, ["body of a", "body of b"]);
  assertEquals(out.memory, [1, 2, 3]);
  assertMatch(
    out.blockingError,
    /_cat/,
    "a blocking call names the _ method to await",
  );
});
