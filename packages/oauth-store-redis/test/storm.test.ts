// A refresh storm: 1,000 accounts expired at once, asked by two app processes whose event loops are each blocked for
// longer than the store's command timeout while their refreshes and lease waits are in flight (a process saturated by
// its own work, as when thousands of accounts expire together). The replies Redis sent meanwhile are read, not timed
// out: no caller gets an error, every account is refreshed exactly once (counted at a real HTTP endpoint on
// 127.0.0.1), and an account answered 429 is never asked again before its Retry-After.
import { describe, expect, it } from "vitest";
import { RedisTokenStore } from "../src/index.js";
import type { WalkResult } from "./accounts.js";
import { accountKey, seedAccounts } from "./accounts.js";
import { startAccountsInstance } from "./instances.js";
import { useRedisAndEndpoint } from "./redis-and-endpoint.js";
import { skipRedis } from "./redis-server.js";

const ACCOUNTS = 1_000;
const PREFIX = "storm:";
/** The store's default command timeout is 2,000 ms: each process is blocked past it. */
const STALL_MS = 2_500;

// SKIP_REDIS=1 (refused under CI=true) skips these on a machine without redis-server.
describe.skipIf(skipRedis())("a refresh storm across two busy processes", () => {
  const setup = useRedisAndEndpoint({ throttledPercent: 20, retryAfterSeconds: 1 });

  it("no caller error, one refresh per account, no request before a Retry-After", async () => {
    const { client, endpoint, redis, instances } = setup;
    const store = new RedisTokenStore({ client, prefix: PREFIX });
    await seedAccounts(store, 0, ACCOUNTS, () => Date.now() - 1);
    instances.push(
      ...(await Promise.all(
        [0, 1].map(() =>
          startAccountsInstance({
            baseUrl: endpoint.url,
            redisUrl: redis.url,
            prefix: PREFIX,
            maxManagers: ACCOUNTS,
            retries: 3,
          }),
        ),
      )),
    );
    const walks = instances.map((instance) =>
      instance.command<WalkResult>({ type: "walk", from: 0, to: ACCOUNTS, window: 500, callers: 2 }),
    );
    // Once commands are in flight, each process is blocked past the timeout: the first a little after the other.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stalls = instances.map(async (instance, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 300));
      return instance.command({ type: "stall", ms: STALL_MS });
    });
    const requestsBeforeStalls = endpoint.counts.requests;
    await Promise.all(stalls);
    const results = await Promise.all(walks);

    // The stalls came while the storm was on: some accounts were still to be refreshed.
    expect(requestsBeforeStalls).toBeLessThan(ACCOUNTS);
    for (const result of results) {
      expect(result.errors, result.firstError).toBe(0);
      expect(result.disagreeing).toBe(0);
    }
    const { counts } = endpoint;
    expect(counts.refreshes).toBe(ACCOUNTS);
    expect(endpoint.accountsRefreshed()).toBe(ACCOUNTS);
    expect(counts.refreshedTwice).toBe(0);
    expect(counts.spentPresented).toBe(0);
    expect(counts.throttled).toBeGreaterThan(0);
    expect(counts.early).toBe(0);
    expect(counts.requests).toBe(ACCOUNTS + counts.throttled);
    for (const index of [0, 499, ACCOUNTS - 1]) {
      const stored = await store.get(accountKey(index));
      expect(stored.tokenSet?.accessToken).toBe(`at.${accountKey(index)}.1`);
    }
  }, 120_000);
});
