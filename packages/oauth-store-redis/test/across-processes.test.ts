// Several Node processes, one Redis, one sandbox with strict rotation and reuse detection: one refresh for all of
// them, and a clean takeover when the instance holding the lease dies mid-refresh.
import { ApplicationAccessApi, toTokenSet as avitoTokenSet } from "@x/avito-auth";
import type { TokenSet } from "@x/oauth-core";
import { DEFAULT_CLIENTS, type Sandbox, startSandbox } from "@x/oauth-sandbox";
import { OauthApi, toTokenSet as pinterestTokenSet } from "@x/pinterest-oauth";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RedisTokenStore } from "../src/index.js";
import type { InstanceConfig } from "./instance.js";
import { type AppInstance, startInstance } from "./instances.js";
import { type RedisServer, skipRedis, startRedisServer } from "./redis-server.js";

type Provider = InstanceConfig["provider"];
const REDIRECT = "https://app.example.test/callback";
const REFRESH_COUNT_NAME: Record<Provider, string> = {
  avito: "refreshAccessTokenAuthorizationCode",
  pinterest: "oauthToken",
};

// SKIP_REDIS=1 (refused under CI=true) skips these on a machine without redis-server.
describe.skipIf(skipRedis())("RedisTokenStore across processes", () => {
  let redis: RedisServer;
  let client: ReturnType<typeof createClient>;
  let sb: Sandbox;
  const instances: AppInstance[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
    client = createClient({ url: redis.url });
    await client.connect();
  });
  afterEach(async () => {
    for (const instance of instances.splice(0)) instance.kill();
    await sb?.close();
  });
  afterAll(async () => {
    client?.destroy();
    await redis?.stop();
  });

  /** A fresh strict sandbox and a token set from a real code exchange, stored as already expired. */
  async function seed(provider: Provider, prefix: string, options: { strictRotation: boolean }) {
    sb = await startSandbox({ strictRotation: options.strictRotation });
    const { clientId, clientSecret } = DEFAULT_CLIENTS[provider];
    const { code } = await sb.issueCode(provider, { redirectUri: REDIRECT });
    let tokenSet: TokenSet;
    if (provider === "avito") {
      const api = new ApplicationAccessApi({ baseUrl: sb.baseUrls.avito });
      tokenSet = avitoTokenSet(
        await api.getAccessTokenAuthorizationCode({ client_id: clientId, client_secret: clientSecret, code }),
      );
    } else {
      const api = new OauthApi({ baseUrl: sb.baseUrls.pinterest, clientId, clientSecret });
      tokenSet = pinterestTokenSet(
        await api.oauthToken({ grant_type: "authorization_code", code, redirect_uri: REDIRECT }),
      );
    }
    const store = new RedisTokenStore({ client, prefix });
    await store.compareAndSet("shared", 0, { ...tokenSet, expiresAt: Date.now() - 1 });
    const before = sb.requestCount(provider, REFRESH_COUNT_NAME[provider]);
    const refreshes = () => sb.requestCount(provider, REFRESH_COUNT_NAME[provider]) - before;
    const config = (refreshTimeoutMs = 5_000, takeOverAfterMs?: number): InstanceConfig => ({
      provider,
      baseUrl: sb.baseUrls[provider],
      clientId,
      clientSecret,
      store: { kind: "redis", url: redis.url, prefix },
      key: "shared",
      refreshTimeoutMs,
      ...(takeOverAfterMs === undefined ? {} : { takeOverAfterMs }),
    });
    return { store, tokenSet, refreshes, config };
  }

  it("4 processes × 250 concurrent callers at expiry: exactly 1 refresh request, 1 new token for all", async () => {
    const { store, tokenSet, refreshes, config } = await seed("avito", "four:", { strictRotation: true });
    for (let i = 0; i < 4; i++) instances.push(await startInstance(config()));
    const outcomes = (await Promise.all(instances.map((instance) => instance.go(250)))).flat();

    expect(outcomes).toHaveLength(1000);
    const tokens = new Set(outcomes.map((outcome) => ("token" in outcome ? outcome.token : outcome.error)));
    expect(tokens.size).toBe(1);
    const [token] = tokens;
    expect(refreshes()).toBe(1);
    expect(sb.introspect("avito", token ?? "").active).toBe(true);
    // The store holds the newest refresh token: live, and not the spent one (a second use would have revoked all).
    const stored = await store.get("shared");
    expect(stored.version).toBe(2);
    expect(stored.tokenSet?.accessToken).toBe(token);
    expect(stored.tokenSet?.refreshToken).not.toBe(tokenSet.refreshToken);
    expect(sb.introspect("avito", stored.tokenSet?.refreshToken ?? "").active).toBe(true);
  });

  it.each([
    ["avito", true, "ReauthorizationRequiredError"],
    ["pinterest", false, "a valid token"],
  ] as const)(
    "%s (strict rotation: %s): the lease holder killed mid-refresh → another instance takes over; every caller ends with %s",
    async (provider, strictRotation, expected) => {
      const { store, tokenSet, refreshes, config } = await seed(provider, `kill-${provider}:`, {
        strictRotation,
      });
      // Long enough for the taker's own refresh on a loaded machine (a timed-out one would fail the callers).
      const refreshTimeoutMs = 1_500;
      const leaseTtlMs = 3 * refreshTimeoutMs; // the token manager's default
      // The holder sent its refresh, so the others wait this long after its lease lapsed before they take over.
      const takeOverAfterMs = 1_000;
      const holder = await startInstance(config(refreshTimeoutMs, takeOverAfterMs));
      const taker = await startInstance(config(refreshTimeoutMs, takeOverAfterMs));
      instances.push(holder, taker);
      const versions: number[] = [];
      const watch = setInterval(() => store.get("shared").then((s) => versions.push(s.version)), 20);

      // The sandbox serves the holder's refresh (its refresh token is spent) and holds the answer back.
      sb.setLatency(provider, 60_000);
      void holder.go(1).catch(() => undefined);
      while (refreshes() < 1) await new Promise((resolve) => setTimeout(resolve, 10));
      holder.process.kill("SIGKILL");
      sb.setLatency(provider, 0);

      const started = Date.now();
      const outcomes = await taker.go(250);
      const elapsed = Date.now() - started;
      clearInterval(watch);

      expect(outcomes).toHaveLength(250);
      // lease TTL + take-over delay + refresh timeout, plus slack
      expect(elapsed).toBeLessThan(leaseTtlMs + takeOverAfterMs + refreshTimeoutMs + 2_000);
      expect(elapsed).toBeGreaterThan(leaseTtlMs + takeOverAfterMs - 200);
      expect(refreshes()).toBe(2);
      const stored = await store.get("shared");
      if (expected === "ReauthorizationRequiredError") {
        // The dead instance had spent the refresh token: reuse detection refuses it and revokes the grant.
        expect(new Set(outcomes.map((o) => ("error" in o ? o.error : o.token)))).toEqual(new Set([expected]));
        expect(stored.tokenSet).toBeUndefined();
      } else {
        const tokens = new Set(outcomes.map((o) => ("token" in o ? o.token : o.error)));
        expect(tokens.size).toBe(1);
        const [token] = tokens;
        expect(sb.introspect(provider, token ?? "").active).toBe(true);
        expect(stored.tokenSet?.accessToken).toBe(token);
        expect(stored.tokenSet?.refreshToken).not.toBe(tokenSet.refreshToken);
      }
      // The store never went back: its version only grew.
      expect(stored.version).toBe(2);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    },
  );
});
