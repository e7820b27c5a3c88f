// Runs one bundled Worker module in workerd (through miniflare, under Node 22+), sends it one request and
// prints the answer's body. Usage: node run-worker.mjs <bundle.mjs>
import { readFileSync } from "node:fs";
import { Miniflare } from "miniflare";

const bundle = process.argv[2];
if (!bundle) throw new Error("usage: run-worker.mjs <bundle.mjs>");

const miniflare = new Miniflare({
  modules: true,
  script: readFileSync(bundle, "utf8"),
  compatibilityDate: "2025-09-01",
});
try {
  const response = await miniflare.dispatchFetch("http://worker.test/");
  process.stdout.write(`${await response.text()}\n`);
} finally {
  await miniflare.dispose();
}
