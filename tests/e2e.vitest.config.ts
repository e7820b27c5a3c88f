import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The slow end-to-end suites that install tools of their own: the runtime matrix (tests/runtimes/toolchain) and
// the remote turbo cache (tests/remote-cache/server-package). Run on their own (`pnpm test:runtimes`,
// `pnpm test:remote-cache`), as cached turbo root tasks; each names its file on the command line.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["tests/runtimes.e2e.test.ts", "tests/remote-cache.e2e.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
