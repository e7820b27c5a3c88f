import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One file at a time: each starts its own Redis servers and app processes, and on a small machine files run side
    // by side would make each other's leases and takeovers late (50,000 accounts beside a takeover test, say).
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
