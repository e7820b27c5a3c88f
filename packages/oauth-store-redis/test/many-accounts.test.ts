// 50,000 accounts in one Redis, two app processes with createTokenManagers({ maxManagers: 1,000 }) asking for every
// one of them: each process's heap after 50,000 accounts is that after the first 1,000, and every expired account is
// refreshed once (counted at a real HTTP server on 127.0.0.1) however many callers and processes ask.
import { describe, expect, it } from "vitest";
import { RedisTokenStore } from "../src/index.js";
import type { WalkResult } from "./accounts.js";
import { accountKey, seedAccounts } from "./accounts.js";
import { startAccountsInstance } from "./instances.js";
import { useRedisAndEndpoint } from "./redis-and-endpoint.js";
import { skipRedis } from "./redis-server.js";

const ACCOUNTS = 50_000;
const MAX_MANAGERS = 1_000;
/** Every tenth account's access token has expired. */
const EXPIRED_EVERY = 10;
const PREFIX = "scale:";

interface Memory {
  heapUsed: number;
  rss: number;
}

// SKIP_REDIS=1 (refused under CI=true) skips these on a machine without redis-server.
describe.skipIf(skipRedis())("50,000 accounts, maxManagers 1,000, two processes on one Redis", () => {
  const setup = useRedisAndEndpoint();

  it("heap bounded by maxManagers, one refresh per expired account, no busy manager dropped", async () => {
    const { client, endpoint, redis, instances } = setup;
    const store = new RedisTokenStore({ client, prefix: PREFIX });
    const now = Date.now();
    // Valid for an hour, but every tenth already expired.
    await seedAccounts(store, 0, ACCOUNTS, (index) =>
      index % EXPIRED_EVERY === 0 ? now - 1 : now + 3_600_000,
    );
    expect((await store.get(accountKey(0))).version).toBe(1);

    await Promise.all(
      [0, 1].map(async () =>
        instances.push(
          await startAccountsInstance({
            baseUrl: endpoint.url,
            redisUrl: redis.url,
            prefix: PREFIX,
            maxManagers: MAX_MANAGERS,
          }),
        ),
      ),
    );
    // Windows of 1,200 accounts, two callers each: a window's busy managers outnumber maxManagers.
    const walk = (from: number, to: number) =>
      Promise.all(
        instances.map((instance) =>
          instance.command<WalkResult>({ type: "walk", from, to, window: 1_200, callers: 2 }),
        ),
      );
    const memory = () =>
      Promise.all(instances.map((instance) => instance.command<Memory>({ type: "memory" })));

    const started = Date.now();
    const first = await walk(0, MAX_MANAGERS);
    const atFirst = await memory();
    const rest = await walk(MAX_MANAGERS, ACCOUNTS);
    const atAll = await memory();
    console.log(`seeded in ${started - now} ms, walked in ${Date.now() - started} ms`);

    for (const result of [...first, ...rest]) {
      expect(result.errors, result.firstError).toBe(0);
      expect(result.disagreeing).toBe(0);
      expect(result.droppedWhileBusy).toBe(0);
    }
    const expired = ACCOUNTS / EXPIRED_EVERY;
    expect(endpoint.counts.requests).toBe(expired);
    expect(endpoint.accountsRefreshed()).toBe(expired);
    expect(endpoint.counts.spentPresented).toBe(0);
    for (const index of [0, 10, 25_000, ACCOUNTS - EXPIRED_EVERY]) {
      const stored = await store.get(accountKey(index));
      expect(stored.tokenSet?.accessToken).toBe(`at.${accountKey(index)}.1`);
      expect(stored.version).toBe(2);
    }
    expect((await store.get(accountKey(1))).version).toBe(1); // a valid account: never refreshed

    const MB = 1024 * 1024;
    for (const [i, instance] of instances.entries()) {
      const grown = ((atAll[i]?.heapUsed ?? 0) - (atFirst[i]?.heapUsed ?? 0)) / MB;
      console.log(
        `instance ${instance.process.pid}: heap ${((atFirst[i]?.heapUsed ?? 0) / MB).toFixed(1)} MB after 1,000 accounts, ${((atAll[i]?.heapUsed ?? 0) / MB).toFixed(1)} MB after 50,000 (${grown >= 0 ? "+" : ""}${grown.toFixed(1)} MB); most managers held ${Math.max(...[first[i], rest[i]].map((r) => r?.maxManagersHeld ?? 0))}`,
      );
      // 49,000 more managers kept would add far more than this (about 2 KB each, before their token sets).
      expect(grown).toBeLessThan(8);
    }
  }, 180_000);
});
