// The switches around the Redis tests: a missing redis-server says how to install it; SKIP_REDIS is refused in CI.
import { afterEach, describe, expect, it } from "vitest";
import { INSTALL_HINT, skipRedis, startRedisServer } from "./redis-server.js";

const saved = { PATH: process.env.PATH, SKIP_REDIS: process.env.SKIP_REDIS, CI: process.env.CI };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("redis-server for the tests", () => {
  it("without redis-server on the PATH, fails with how to install it", async () => {
    process.env.PATH = "/nonexistent";
    await expect(startRedisServer()).rejects.toThrow(INSTALL_HINT);
    expect(INSTALL_HINT).toContain("apt-get install -y redis-server");
  });

  it("SKIP_REDIS=1 skips locally and is refused under CI=true", () => {
    process.env.SKIP_REDIS = "1";
    delete process.env.CI;
    expect(skipRedis()).toBe(true);
    process.env.CI = "true";
    expect(() => skipRedis()).toThrow(/refused under CI=true/);
    delete process.env.SKIP_REDIS;
    expect(skipRedis()).toBe(false);
  });
});
