// Run by interrupt_test.ts (`deno run`), then sent SIGINT mid-call:
//   cat URL        a blocking cat
//   get BASE N DIR a blocking get of BASE/f0 … BASE/f{N-1} into DIR
import { filesystem } from "../../mod.ts";

const [mode, ...args] = Deno.args;
const fs = await filesystem("http");
if (mode === "cat") {
  console.log("started");
  fs.cat(args[0]);
} else {
  const [base, n, dir] = args;
  const urls = Array.from({ length: Number(n) }, (_, i) => `${base}/f${i}`);
  console.log("started");
  fs.get(urls, `${dir}/`);
}
console.log("finished");
