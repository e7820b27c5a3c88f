// TokenManager against a real rotating token endpoint on 127.0.0.1 (node:http): single flight, write-before-serve,
// failures, refusal, cancellation.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { type RecordedRequest, type Reply, startTestServer, type TestServer } from "@x/test-utils/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  MemoryTokenStore,
  OAuthApiError,
  ReauthorizationRequiredError,
  type TokenEndpoint,
  TokenManager,
  type TokenSet,
  type TokenStore,
  TokenStoreError,
  tokenSetFromResult,
} from "../src/index.js";

/** A provider that rotates: every refresh spends the refresh token and issues a new pair. */
class RotatingProvider {
  issued = 0;
  live = new Set<string>();
  failNext = 0;
  grant(request: RecordedRequest): Reply {
    const form = new URLSearchParams(request.body);
    if (this.failNext > 0) {
      this.failNext--;
      return { status: 503, body: { error: "temporarily_unavailable" } };
    }
    const presented = form.get("refresh_token") ?? "";
    if (form.get("grant_type") === "refresh_token" && !this.live.delete(presented)) {
      return { status: 400, body: { error: "invalid_grant", error_description: "spent or unknown" } };
    }
    return { status: 200, body: this.issue() };
  }
  issue() {
    this.issued++;
    const refresh = `rt-${this.issued}`;
    this.live.add(refresh);
    return { access_token: `at-${this.issued}`, refresh_token: refresh, expires_in: 3600 };
  }
}

const FIELDS = { accessToken: "access_token", expiresIn: "expires_in", refreshToken: "refresh_token" };

let server: TestServer;
let provider: RotatingProvider;
let now: number;
const clock = () => now;

beforeEach(async () => {
  server = await startTestServer();
  provider = new RotatingProvider();
  server.reply((request) => provider.grant(request));
  now = 1_800_000_000_000;
});
afterEach(() => server.close());

function endpoint(grant: TokenEndpoint["grant"] = "refresh_token"): TokenEndpoint {
  return {
    provider: "test",
    operation: "refresh",
    grant,
    refusedCodes: ["invalid_grant"],
    fields: FIELDS,
    async send(current, signal) {
      const body = new URLSearchParams({ grant_type: grant, refresh_token: current?.refreshToken ?? "" });
      const response = await fetch(server.url, { method: "POST", body, signal });
      const json = (await response.json()) as { error?: string };
      if (!response.ok) {
        throw new OAuthApiError({
          message: `refresh failed with ${response.status}`,
          provider: "test",
          operation: "refresh",
          status: response.status,
          kind: "http",
          code: json.error,
        });
      }
      return json;
    },
  };
}

async function seeded(store: TokenStore = new MemoryTokenStore(), options = {}) {
  const first = tokenSetFromResult(provider.issue(), FIELDS, { requestedAt: now });
  const manager = new TokenManager(endpoint(), { store, now: clock, refreshMarginMs: 60_000, ...options });
  await manager.setTokenSet(first);
  return manager;
}

const refreshRequests = () =>
  server.requests.filter((r) => r.body.includes("grant_type=refresh_token")).length;

describe("TokenManager", () => {
  it("serves the stored access token until the margin, then refreshes once", async () => {
    const manager = await seeded();
    expect(await manager.getAccessToken()).toBe("at-1");
    now += 3_600_000 - 60_001;
    expect(await manager.getAccessToken()).toBe("at-1");
    expect(refreshRequests()).toBe(0);
    now += 2;
    expect(await manager.getAccessToken()).toBe("at-2");
    expect(refreshRequests()).toBe(1);
    expect((await manager.getTokenSet())?.refreshToken).toBe("rt-2");
  });

  it("1,000 concurrent callers at expiry share exactly one refresh request", async () => {
    const manager = await seeded();
    now += 3_600_000;
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => manager.getAccessToken()));
    expect(new Set(tokens)).toEqual(new Set(["at-2"]));
    expect(refreshRequests()).toBe(1);
  });

  it("writes the new token set to the store before any caller gets it", async () => {
    const store = new MemoryTokenStore();
    const manager = await seeded(store);
    now += 3_600_000;
    const token = await manager.getAccessToken();
    const stored = await store.get(manager.key);
    expect(stored.tokenSet?.accessToken).toBe(token);
    expect(stored.version).toBe(2);
  });

  it("a failed store write reaches the callers, and the spent refresh token is never sent again", async () => {
    const inner = new MemoryTokenStore();
    let failWrites = false;
    const store: TokenStore = {
      get: (key) => inner.get(key),
      compareAndSet: (key, version, tokenSet, options) =>
        failWrites
          ? Promise.reject(new TokenStoreError("disk full"))
          : inner.compareAndSet(key, version, tokenSet, options),
    };
    const manager = await seeded(store, { leaseTtlMs: 300 }); // the write is retried for one lease lifetime
    now += 3_600_000;
    failWrites = true;
    const results = await Promise.allSettled([manager.getAccessToken(), manager.getAccessToken()]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(TokenStoreError);
    expect((await manager.getTokenSet())?.refreshToken).toBe("rt-2");

    failWrites = false;
    expect(await manager.getAccessToken()).toBe("at-2"); // persisted now, no second refresh
    expect(refreshRequests()).toBe(1);
    expect((await inner.get(manager.key)).tokenSet?.refreshToken).toBe("rt-2");
  });

  it("a lease lost before the request (its confirmation refused) stops the refresh: nothing is sent", async () => {
    const inner = new MemoryTokenStore();
    const store: TokenStore = {
      get: (key) => inner.get(key),
      compareAndSet: (key, version, tokenSet, options) =>
        inner.compareAndSet(key, version, tokenSet, options),
      async acquireLease(key, ttlMs, takeOverAfterMs) {
        const lease = await inner.acquireLease(key, ttlMs, takeOverAfterMs);
        // Another holder took it between the lease and the request.
        return lease && { ...lease, confirm: async () => false };
      },
    };
    const manager = await seeded(store);
    now += 3_600_000;
    const error = await manager.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect((error as Error).message).toMatch(/refresh lease of "default" was lost/);
    expect(refreshRequests()).toBe(0);
    expect((await inner.get("default")).tokenSet?.refreshToken).toBe("rt-1");
  });

  it("an unsaved set is written over the spent one, but a set of another grant supersedes it", async () => {
    const inner = new MemoryTokenStore();
    let failWrites = false;
    const store: TokenStore = {
      get: (key) => inner.get(key),
      acquireLease: (key, ttlMs, takeOverAfterMs) => inner.acquireLease(key, ttlMs, takeOverAfterMs),
      compareAndSet: (key, version, tokenSet, options) =>
        failWrites && options?.fence !== undefined
          ? Promise.reject(new TokenStoreError("store down"))
          : inner.compareAndSet(key, version, tokenSet, options),
    };
    const manager = await seeded(store, { leaseTtlMs: 200 });
    now += 3_600_000;
    failWrites = true;
    await expect(manager.getAccessToken()).rejects.toBeInstanceOf(TokenStoreError);
    // Held: the lease stays with the unsaved set, so another manager of the key waits instead of refreshing.
    const other = new TokenManager(endpoint(), { store, now: clock, leaseTtlMs: 200, leasePollMs: 5 });
    const waiting = other.getAccessToken().catch((e: unknown) => e);
    failWrites = false;
    expect(await manager.getAccessToken()).toBe("at-2");
    expect(await waiting).toBe("at-2");
    expect(refreshRequests()).toBe(1);

    // Another grant's set (a new code exchange) replaces an unsaved one.
    now += 3_600_000;
    failWrites = true;
    await expect(manager.getAccessToken()).rejects.toBeInstanceOf(TokenStoreError);
    failWrites = false;
    const exchanged = tokenSetFromResult(provider.issue(), FIELDS, { requestedAt: now });
    await other.setTokenSet(exchanged);
    expect(await manager.getAccessToken()).toBe(exchanged.accessToken);
    expect((await inner.get("default")).tokenSet?.refreshToken).toBe(exchanged.refreshToken);
  });

  it("a failed refresh rejects every waiting caller with the provider's error; the next call tries again", async () => {
    const manager = await seeded();
    now += 3_600_000;
    provider.failNext = 1;
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => manager.getAccessToken()));
    for (const result of results) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toMatchObject({
        status: 503,
        code: "temporarily_unavailable",
      });
    }
    expect(refreshRequests()).toBe(1);
    expect(await manager.getAccessToken()).toBe("at-2");
    expect(refreshRequests()).toBe(2);
  });

  it("keeps serving a still-valid access token while a refresh ahead of expiry fails", async () => {
    const errors: unknown[] = [];
    const manager = await seeded(new MemoryTokenStore(), { onRefreshError: (e: unknown) => errors.push(e) });
    now += 3_600_000 - 30_000; // inside the margin, not expired
    provider.failNext = 1;
    expect(await manager.getAccessToken()).toBe("at-1");
    expect(errors).toHaveLength(1);
    expect(await manager.getAccessToken()).toBe("at-2");
  });

  it("a refused refresh token gives ReauthorizationRequiredError and clears the store", async () => {
    const store = new MemoryTokenStore();
    const manager = await seeded(store);
    provider.live.clear(); // revoked at the provider
    now += 3_600_000;
    const error = await manager.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect(error).toBeInstanceOf(OAuthApiError);
    expect(error).toMatchObject({ status: 400, code: "invalid_grant", key: "default" });
    const stored = await store.get("default");
    expect(stored.tokenSet).toBeUndefined();
    // Kept as a tombstone, for an operator to recover from a false refusal.
    expect(stored.refused).toMatchObject({ tokenSet: { refreshToken: "rt-1" }, refusedAt: now });
    expect(stored.refused?.error).toEqual({
      provider: "test",
      operation: "refresh",
      status: 400,
      code: "invalid_grant",
    });
    await expect(manager.getAccessToken()).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    expect(refreshRequests()).toBe(1); // nothing left to send
  });

  it("invalidate(): the next call refreshes although the token has not expired", async () => {
    const manager = await seeded();
    manager.invalidate();
    expect(await manager.getAccessToken()).toBe("at-2");
    expect(await manager.getAccessToken()).toBe("at-2");
    expect(refreshRequests()).toBe(1);
  });

  it("a signal cancels one waiting caller, not the shared refresh", async () => {
    const manager = await seeded();
    now += 3_600_000;
    const controller = new AbortController();
    const cancelled = manager.getAccessToken({ signal: controller.signal });
    const other = manager.getAccessToken();
    controller.abort(new Error("caller gave up"));
    await expect(cancelled).rejects.toThrow("caller gave up");
    expect(await other).toBe("at-2");
    expect(refreshRequests()).toBe(1);
  });

  it("a caller waiting for another instance's lease backs off: the store is polled a few times, not every leasePollMs", async () => {
    const store = new MemoryTokenStore();
    const manager = await seeded(store, { leasePollMs: 10, leaseTtlMs: 60_000 });
    now += 3_600_000;
    const held = await store.acquireLease(manager.key, 60_000, 600_000); // another instance's refresh
    let polls = 0;
    const acquire = store.acquireLease.bind(store);
    store.acquireLease = (...args) => {
      polls++;
      return acquire(...args);
    };
    const waiting = manager.getAccessToken();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await held?.release();
    expect(await waiting).toBe("at-2");
    // Every 10 ms would be about 150 polls; doubling up to 1 s (an eighth of the lease at most), about 10.
    expect(polls).toBeLessThan(25);
    expect(refreshRequests()).toBe(1);
  });

  it("a refresh's signal is never aborted after the refresh is over (its timeout is cleared with it)", async () => {
    const signals: AbortSignal[] = [];
    const sending = endpoint();
    const manager = new TokenManager(
      {
        ...sending,
        send(current, signal) {
          signals.push(signal);
          return sending.send(current, signal);
        },
      },
      { now: clock, refreshTimeoutMs: 1_000 },
    );
    await manager.setTokenSet(tokenSetFromResult(provider.issue(), FIELDS, { requestedAt: now - 3_600_000 }));
    expect(await manager.getAccessToken()).toBe("at-2");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // An abort after the fact would wake every listener on it, and kept such signals alive on Node 20.
    expect(signals.map((signal) => signal.aborted)).toEqual([false]);
  });

  it("leaves no timer behind: a process exits on its own after a refresh", async () => {
    // The refresh timeout (120 s) and the lease TTL (360 s) would keep it alive if their timers were not released.
    const script = join(import.meta.dirname, "fixtures", "refresh-then-idle.ts");
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const verdict = await Promise.race([
      exited,
      new Promise<"alive">((resolve) => setTimeout(resolve, 45_000, "alive")),
    ]);
    if (verdict === "alive") child.kill("SIGKILL");
    expect(verdict).toBe(0);
    expect(output.trim()).toBe("new");
  }, 60_000); // a busy machine starts a tsx child slowly; the refresh timeout alone would hold it 120 s

  it("client_credentials: the first call fetches a token, nothing to seed", async () => {
    const manager = new TokenManager(endpoint("client_credentials"), { now: clock });
    expect(await manager.getAccessToken()).toBe("at-1");
    now += 3_600_000;
    expect(await manager.getAccessToken()).toBe("at-2");
  });

  it("tells when the refresh token itself nears its expiry, once per refresh token", async () => {
    const events: number[] = [];
    const manager = new TokenManager(endpoint(), {
      now: clock,
      refreshTokenWarningMs: 86_400_000,
      onRefreshTokenExpiring: (event) => events.push(event.refreshTokenExpiresAt),
    });
    const tokenSet: TokenSet = {
      ...tokenSetFromResult(provider.issue(), FIELDS, { requestedAt: now }),
      expiresAt: now + 10 * 86_400_000,
      refreshTokenExpiresAt: now + 2 * 86_400_000,
    };
    await manager.setTokenSet(tokenSet);
    await manager.getAccessToken();
    expect(events).toEqual([]);
    now += 86_400_000 + 1_000;
    await manager.getAccessToken();
    await manager.getAccessToken();
    expect(events).toEqual([tokenSet.refreshTokenExpiresAt]);
  });
});
