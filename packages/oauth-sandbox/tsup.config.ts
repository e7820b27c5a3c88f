import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "tsup";

const specsSource = join(import.meta.dirname, "..", "..", "specs");
const providers = ["douyin", "avito", "pinterest", "criteo"];

// Clean once, before both builds run in parallel, then ship the specs the sandbox validates against.
rmSync("dist", { recursive: true, force: true });
mkdirSync("dist/specs", { recursive: true });
for (const provider of providers) {
  const file = join(specsSource, `${provider}.yaml`);
  if (existsSync(file)) cpSync(file, join("dist/specs", `${provider}.yaml`));
  else console.warn(`oauth-sandbox build: ${file} is missing; the sandbox cannot serve ${provider}`);
}

const shared = { target: "node20", platform: "node", sourcemap: false, clean: false } as const;

export default defineConfig([
  { ...shared, entry: { index: "src/index.ts" }, format: ["esm", "cjs"], dts: true, shims: true },
  { ...shared, entry: { cli: "src/cli.ts" }, format: ["esm"], dts: false, external: ["./index.js"] },
]);
