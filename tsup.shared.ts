import type { Options } from "tsup";

// One build for every package: ESM + CJS with declarations for both, for Node 20 and bundlers.
export const sharedTsupOptions: Options = {
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  outDir: "dist",
  splitting: false,
  sourcemap: false,
  treeshake: true,
};
