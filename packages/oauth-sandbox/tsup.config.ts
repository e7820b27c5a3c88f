import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "tsup";

const specsSource = join(import.meta.dirname, "..", "..", "specs");

// Clean once, before both builds run in parallel, then ship every spec: each is one provider the sandbox serves.
rmSync("dist", { recursive: true, force: true });
mkdirSync("dist/specs", { recursive: true });
for (const file of readdirSync(specsSource).filter((name) => name.endsWith(".yaml"))) {
  cpSync(join(specsSource, file), join("dist/specs", file));
}

// The spec model is a private workspace package: bundled into the sandbox, its types inlined.
const shared = {
  target: "node20",
  platform: "node",
  sourcemap: false,
  clean: false,
  noExternal: ["@x/spec-model"],
} as const;

export default defineConfig([
  {
    ...shared,
    noExternal: [...shared.noExternal],
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: { compilerOptions: { stripInternal: true } },
    shims: true,
  },
  {
    ...shared,
    noExternal: [...shared.noExternal],
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    dts: false,
    external: ["./index.js"],
  },
]);
