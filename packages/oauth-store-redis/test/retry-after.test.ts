// A provider's Retry-After holds for every instance: after a refresh answered 429 with Retry-After, no instance sends
// that account's refresh token again before it, even with no retry configured (counted at a real HTTP server).
import { describe, expect, it } from "vitest";
import { RedisTokenStore } from "../src/index.js";
import { accountKey, accountManagers, seedAccounts } from "./accounts.js";
import { useRedisAndEndpoint } from "./redis-and-endpoint.js";
import { skipRedis } from "./redis-server.js";

describe.skipIf(skipRedis())("Retry-After across instances", () => {
  // Every account's first refresh is answered 429 with Retry-After: 2; a request before then counts as early.
  const setup = useRedisAndEndpoint({ throttledPercent: 100, retryAfterSeconds: 2 });

  it("a 429's Retry-After holds the account's lease: the other instance waits for it, then one refresh", async () => {
    const { client, endpoint } = setup;
    const instance = () =>
      accountManagers({
        baseUrl: endpoint.url,
        store: new RedisTokenStore({ client, prefix: "retry-after:" }),
        maxManagers: 10,
      });
    const [first, second] = [instance(), instance()];
    await seedAccounts(new RedisTokenStore({ client, prefix: "retry-after:" }), 0, 1, () => Date.now() - 1);
    const key = accountKey(0);

    const refused = await first
      .get(key)
      .getAccessToken()
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 429, retryAfter: 2 });
    const refusedAt = Date.now();
    // At once, from the other instance: it must not send before the Retry-After has passed.
    const token = await second.get(key).getAccessToken();
    expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(1_500);
    expect(token).toBe(`at.${key}.1`);
    expect(endpoint.counts).toMatchObject({
      requests: 2,
      throttled: 1,
      early: 0,
      refreshes: 1,
      spentPresented: 0,
    });
  }, 30_000);
});
