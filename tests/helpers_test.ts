import { assertEquals } from "@std/assert";
import { isCI } from "./_helpers.ts";

Deno.test("isCI() is true for any CI value but empty, false and 0", () => {
  const before = Deno.env.get("CI");
  const values = ["true", "1", "yes", "woodpecker", "TRUE", "", "false", "0"];
  try {
    const seen = values.map((value) => {
      Deno.env.set("CI", value);
      return isCI();
    });
    Deno.env.delete("CI");
    seen.push(isCI());
    assertEquals(seen, [
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  } finally {
    if (before === undefined) Deno.env.delete("CI");
    else Deno.env.set("CI", before);
  }
});
