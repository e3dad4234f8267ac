import { assertNotStrictEquals, assertStrictEquals } from "@std/assert";
import { clearInstanceCache, filesystem } from "../mod.ts";

Deno.test("clearInstanceCache() drops cached instances: the same options then give a new one, cached again", async () => {
  const options = { asynchronous: true, store: crypto.randomUUID() };
  const first = await filesystem("memory", options);
  const http = await filesystem("http", { asynchronous: true });
  assertStrictEquals(await filesystem("memory", options), first);
  clearInstanceCache();
  const second = await filesystem("memory", options);
  assertNotStrictEquals(second, first);
  assertStrictEquals(await filesystem("memory", options), second);
  assertNotStrictEquals(await filesystem("http", { asynchronous: true }), http);
  await http.close();
  await (await filesystem("http", { asynchronous: true })).close();
});
