import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The release end to end (tests/release.e2e.test.ts): slow, one registry, so one file, run on its own
// (`pnpm test:release`, cached by turbo as `//#test:release`).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["tests/release.e2e.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
