import { configDefaults, defineConfig } from "vitest/config";

// Cross-package tests: the specs against the originals, codegen fixtures, the pipeline itself.
// Each package has its own vitest config for its own tests.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // End-to-end suites run on their own (e.g. `pnpm test:release`), as cached turbo root tasks.
    exclude: [...configDefaults.exclude, "tests/**/*.e2e.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
