// The token lifecycle of every provider against the sandbox over real sockets, on its frozen clock: authorize →
// exchange → manager, expiry and margin, rotation, concurrent refresh, failed refresh, re-authorization,
// client credentials.
import {
  MemoryTokenStore,
  OAuthApiError,
  ReauthorizationRequiredError,
  type TokenManager,
} from "@x/oauth-core";
import { type Sandbox, startSandbox } from "@x/oauth-sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startGateway } from "./gateway.js";
import { authorize, type LifecycleProvider, PROVIDERS, servedAt } from "./providers.js";

const MARGIN_MS = 60_000;
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ strictRotation: true, clock: { frozen: true } });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

async function managed(
  provider: LifecycleProvider,
  options: { baseUrl?: string; refreshTimeoutMs?: number } = {},
) {
  const { code } = await authorize(sb, provider);
  const tokenSet = await exchange(provider, code);
  const store = new MemoryTokenStore();
  const manager = provider.manager(sb, {
    store,
    now: () => sb.clock.now(),
    refreshMarginMs: MARGIN_MS,
    ...options,
  });
  await manager.setTokenSet(tokenSet);
  // Pinterest and Criteo count the exchange under the same operation as the refresh.
  const before = sb.requestCount(provider.id, provider.refreshCountName);
  const refreshes = () => sb.requestCount(provider.id, provider.refreshCountName) - before;
  return { manager, tokenSet, store, refreshes };
}

/** Moves the sandbox clock to `ms` before the access token's expiry. */
function moveTo(manager: TokenManager, expiresAt: number, msBefore: number) {
  sb.clock.set(new Date(expiresAt - msBefore));
  return manager;
}

/** The code exchange, in the cases that only run where the spec has one. */
function exchange(provider: LifecycleProvider, code: string) {
  if (!provider.exchange) throw new Error(`${provider.id} has no authorization_code grant`);
  return provider.exchange(sb, code);
}

/** A case a provider's spec has no flow for is not a test of that provider (rather than a skipped one). */
function notApplicable(_name: string, _test: () => Promise<void>, _timeout?: number): void {}

describe.each(PROVIDERS)("$id", (provider) => {
  // Without an authorization code grant there is no user token to manage: only client_credentials applies.
  const withCode = provider.exchange ? it : notApplicable;
  // Criteo's spec declares no authorization code flow, so its package has no authorizationUrl.
  (provider.authorizationUrl && provider.exchange ? it : notApplicable)(
    "authorization URL → redirect with code and state → exchange → manager",
    async () => {
      const { code, state, sent } = await authorize(sb, provider);
      expect(state).toBe(sent);
      expect(state).toMatch(/^[0-9a-f]{32}$/);
      const tokenSet = await exchange(provider, code);
      expect(sb.introspect(provider.id, tokenSet.accessToken).active).toBe(true);
      expect(tokenSet.refreshToken).toBeDefined();
      expect(tokenSet.expiresAt).toBe(sb.clock.now() + sb.lifetimes(provider.id).access * 1000);
      const manager = provider.manager(sb, { now: () => sb.clock.now() });
      await manager.setTokenSet(tokenSet);
      expect(await manager.getAccessToken()).toBe(tokenSet.accessToken);
    },
  );

  withCode(
    "serves the token until the margin, then refreshes once; the new token set is stored",
    async () => {
      const { manager, tokenSet, store, refreshes } = await managed(provider);
      moveTo(manager, tokenSet.expiresAt, MARGIN_MS + 1000);
      expect(await manager.getAccessToken()).toBe(tokenSet.accessToken);
      expect(refreshes()).toBe(0);

      moveTo(manager, tokenSet.expiresAt, MARGIN_MS - 1000);
      const renewed = await manager.getAccessToken();
      expect(refreshes()).toBe(1);
      expect(sb.introspect(provider.id, renewed).active).toBe(true);
      const stored = (await store.get(manager.key)).tokenSet;
      expect(stored?.accessToken).toBe(renewed);
      expect(stored?.expiresAt).toBeGreaterThan(tokenSet.expiresAt);
      // Strict rotation: the old refresh token is spent and the new one replaces it.
      expect(stored?.refreshToken).not.toBe(tokenSet.refreshToken);
      expect(sb.introspect(provider.id, stored?.refreshToken ?? "").active).toBe(true);
    },
  );

  withCode(
    "1,000 concurrent callers at expiry: exactly one refresh request, one new access token",
    async () => {
      const { manager, tokenSet, refreshes } = await managed(provider);
      moveTo(manager, tokenSet.expiresAt, 0);
      const tokens = await Promise.all(Array.from({ length: 1000 }, () => manager.getAccessToken()));
      expect(refreshes()).toBe(1);
      expect(new Set(tokens).size).toBe(1);
      expect(sb.introspect(provider.id, tokens[0] ?? "").active).toBe(true);
    },
  );

  withCode(
    "a failed refresh rejects every waiting caller with the package's error; the next call tries again",
    async () => {
      const gateway = await startGateway(servedAt(sb, provider.id));
      try {
        const { manager, tokenSet, refreshes } = await managed(provider, { baseUrl: gateway.url });
        moveTo(manager, tokenSet.expiresAt, 0);
        gateway.failNext(1);
        const results = await Promise.allSettled(Array.from({ length: 10 }, () => manager.getAccessToken()));
        for (const result of results) {
          expect(result.status).toBe("rejected");
          const reason = (result as PromiseRejectedResult).reason;
          expect(reason).toBeInstanceOf(OAuthApiError);
          expect(reason).not.toBeInstanceOf(ReauthorizationRequiredError);
          expect(reason).toMatchObject({ status: 503, provider: provider.id });
        }
        const token = await manager.getAccessToken();
        expect(sb.introspect(provider.id, token).active).toBe(true);
        expect(refreshes()).toBe(1); // the 503 never reached the sandbox
      } finally {
        await gateway.close();
      }
    },
  );

  withCode("a still-valid token keeps being served while a refresh ahead of expiry fails", async () => {
    const gateway = await startGateway(servedAt(sb, provider.id));
    try {
      const { manager, tokenSet } = await managed(provider, { baseUrl: gateway.url });
      moveTo(manager, tokenSet.expiresAt, MARGIN_MS / 2);
      gateway.failNext(1);
      expect(await manager.getAccessToken()).toBe(tokenSet.accessToken);
    } finally {
      await gateway.close();
    }
  });

  withCode(
    "a refused refresh token: ReauthorizationRequiredError, the stored token set is cleared",
    async () => {
      const { manager, tokenSet, store, refreshes } = await managed(provider);
      // Someone else spent the refresh token: under reuse detection the manager's refresh revokes the grant.
      const other = provider.manager(sb, { now: () => sb.clock.now() });
      await other.setTokenSet(tokenSet);
      other.invalidate();
      await other.getAccessToken();

      moveTo(manager, tokenSet.expiresAt, 0);
      const error = await manager.getAccessToken().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReauthorizationRequiredError);
      expect(error).toBeInstanceOf(OAuthApiError);
      expect((error as Error).message).not.toContain(tokenSet.refreshToken ?? "-");
      expect((await store.get(manager.key)).tokenSet).toBeUndefined();
      expect(refreshes()).toBe(2);
    },
  );

  withCode(
    "tells when the refresh token itself nears its expiry (where the provider says when)",
    async () => {
      const { code } = await authorize(sb, provider);
      const tokenSet = await exchange(provider, code);
      const expected = sb.lifetimes(provider.id).refresh * 1000 + sb.clock.now();
      // Douyin and Pinterest publish the refresh token's lifetime; Avito and Criteo do not.
      if (provider.refreshTokenExpiry) expect(tokenSet.refreshTokenExpiresAt).toBe(expected);
      else expect(tokenSet.refreshTokenExpiresAt).toBeUndefined();
      const warned: number[] = [];
      const manager = provider.manager(sb, {
        now: () => sb.clock.now(),
        onRefreshTokenExpiring: (event) => warned.push(event.refreshTokenExpiresAt),
      });
      await manager.setTokenSet({ ...tokenSet, refreshTokenExpiresAt: sb.clock.now() + 3 * 86_400_000 });
      await manager.getAccessToken();
      expect(warned).toEqual([sb.clock.now() + 3 * 86_400_000]);
    },
  );

  // Douyin's spec has no client_credentials grant on the token endpoint.
  (provider.clientCredentialsManager ? it : notApplicable)(
    "client_credentials: fetched on first use, again after expiry",
    async () => {
      const manager = provider.clientCredentialsManager?.(sb, { now: () => sb.clock.now() }) as TokenManager;
      const first = await manager.getAccessToken();
      expect(sb.introspect(provider.id, first).active).toBe(true);
      expect(await manager.getAccessToken()).toBe(first);
      sb.clock.advance(sb.lifetimes(provider.id).access);
      const second = await manager.getAccessToken();
      expect(second).not.toBe(first);
      expect(sb.introspect(provider.id, second).active).toBe(true);
      expect((await manager.getTokenSet())?.refreshToken).toBeUndefined();
    },
  );
});
