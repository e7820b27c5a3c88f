// The token lifecycle under the faults it exists for, as an operator meets them: app instances in their own Node
// processes, a real redis-server (and a primary with a replica behind a link the test cuts), the sandbox with strict
// rotation and reuse detection behind a gateway that counts refresh requests per refresh token. Every case asserts:
// no refresh token sent twice, no acknowledged write lost, and every caller ends with a live token, a typed error, or
// (only where the provider refused) ReauthorizationRequiredError.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApplicationAccessApi, createTokenManager as avitoManager, toTokenSet } from "@x/avito-auth";
import { FileTokenStore, MemoryTokenStore, type TokenSet, type TokenStore } from "@x/oauth-core";
import { DEFAULT_CLIENTS, type Sandbox, startSandbox } from "@x/oauth-sandbox";
import { RedisTokenStore } from "@x/oauth-store-redis";
import { PinterestOAuthError, createTokenManager as pinterestManager } from "@x/pinterest-oauth";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import type { InstanceConfig, Outcome } from "../../packages/oauth-store-redis/test/instance.js";
import {
  type AppInstance as Instance,
  startInstance,
} from "../../packages/oauth-store-redis/test/instances.js";
import {
  type RedisServer,
  skipRedis,
  startRedisServer,
} from "../../packages/oauth-store-redis/test/redis-server.js";
import { type Gateway, startGateway } from "./gateway.js";
import { authorize, PROVIDERS } from "./providers.js";
import { type RedisLink, startRedisLink } from "./redis-link.js";

const AVITO = DEFAULT_CLIENTS.avito;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sb: Sandbox;
let gateway: Gateway;
const instances: Instance[] = [];
beforeAll(async () => {
  sb = await startSandbox({ strictRotation: true });
});
afterAll(() => sb.close());
beforeEach(async () => {
  gateway = await startGateway(sb.baseUrls.avito);
});
afterEach(async () => {
  for (const instance of instances.splice(0)) instance.kill();
  sb.setLatency("avito", 0);
  await gateway.close();
});

/** A token set from a real Avito code exchange (not through the gateway: only refreshes are counted). */
async function exchange(): Promise<TokenSet> {
  const { code } = await sb.issueCode("avito", { redirectUri: "https://app.example.test/callback" });
  const api = new ApplicationAccessApi({ baseUrl: sb.baseUrls.avito });
  const answer = await api.getAccessTokenAuthorizationCode({
    client_id: AVITO.clientId,
    client_secret: AVITO.clientSecret,
    code,
  });
  return toTokenSet(answer);
}

async function instance(config: Partial<InstanceConfig> & Pick<InstanceConfig, "store">): Promise<Instance> {
  const started = await startInstance({
    provider: "avito",
    baseUrl: gateway.url,
    clientId: AVITO.clientId,
    clientSecret: AVITO.clientSecret,
    key: "shared",
    refreshTimeoutMs: 5_000,
    ...config,
  });
  instances.push(started);
  return started;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

const live = (token: string | undefined) => sb.introspect("avito", token ?? "").active;

/**
 * One line per case for the record: how often each refresh token reached the provider, and what the callers got
 * (a live token, a dead one, or an error's name).
 */
function report(outcomes: Outcome[], at: Gateway = gateway): void {
  const tally = new Map<string, number>();
  for (const outcome of outcomes) {
    const what = "token" in outcome ? (live(outcome.token) ? "live token" : "dead token") : outcome.error;
    tally.set(what, (tally.get(what) ?? 0) + 1);
  }
  const name = expect.getState().currentTestName ?? "";
  console.info(
    `fault report | ${name} | sends per refresh token: [${[...at.refreshes.values()].join(", ")}] | callers: ${[...tally].map(([what, n]) => `${n} ${what}`).join(", ")}`,
  );
}

/** Every caller got the same access token, live at the provider. */
function expectOneLiveToken(outcomes: Outcome[]): string {
  const seen = new Set(outcomes.map((outcome) => ("token" in outcome ? outcome.token : outcome.error)));
  expect([...seen]).toHaveLength(1);
  const [token] = seen;
  expect(live(token)).toBe(true);
  return token as string;
}

/** The store holds the served token's set, and its refresh token is the one the provider accepts. */
async function expectStored(store: TokenStore, token: string): Promise<void> {
  const stored = await store.get("shared");
  expect(stored.tokenSet?.accessToken).toBe(token);
  expect(live(stored.tokenSet?.refreshToken)).toBe(true);
}

describe.skipIf(skipRedis())("with Redis", () => {
  let redis: RedisServer;
  let client: ReturnType<typeof createClient>;
  beforeAll(async () => {
    redis = await startRedisServer();
    client = createClient({ url: redis.url });
    await client.connect();
  });
  afterAll(async () => {
    client?.destroy();
    await redis?.stop();
  });

  /** An expired token set in Redis under `prefix`, and the test's own store over it. */
  async function seed(prefix: string, expiresAt = Date.now() - 1) {
    const store = new RedisTokenStore({ client, prefix });
    const tokenSet = await exchange();
    expect(await store.compareAndSet("shared", 0, { ...tokenSet, expiresAt })).toBe(1);
    return { store, tokenSet, redisStore: { kind: "redis" as const, url: redis.url, prefix } };
  }

  it.each([
    ["fail", "error"],
    ["apply with the reply lost", "lost-reply"],
  ] as const)(
    "the store write after a rotation %s for 1 s: the holder keeps its lease and retries; the other instance waits",
    async (_name, mode) => {
      const { store, tokenSet, redisStore } = await seed(`write-${mode}:`);
      const holder = await instance({ store: redisStore, leaseTtlMs: 4_000, refreshTimeoutMs: 3_000 });
      const other = await instance({ store: redisStore, leaseTtlMs: 4_000, refreshTimeoutMs: 3_000 });
      await holder.command({ type: "fail-writes", ms: 1_000, mode });
      const first = holder.go(50);
      await until(() => gateway.refreshes.size > 0, "the holder sent its refresh");
      const second = other.go(50);
      const outcomes = [...(await first), ...(await second)];
      report(outcomes);

      expect(gateway.refreshes.get(tokenSet.refreshToken ?? "")).toBe(1);
      expect(gateway.mostSends()).toBe(1);
      await expectStored(store, expectOneLiveToken(outcomes));
    },
  );

  it("lease eviction: under maxmemory-policy volatile-ttl Redis evicts volatile keys, never the token's hash", async () => {
    const { store, tokenSet, redisStore } = await seed("evict:");
    const holder = await instance({ store: redisStore });
    const other = await instance({ store: redisStore });
    sb.setLatency("avito", 1_500);
    const first = holder.go(20);
    await until(() => gateway.refreshes.size > 0, "the holder sent its refresh");
    // Memory pressure: volatile keys are written until Redis has evicted a good many of them.
    const used = Number(/used_memory:(\d+)/.exec(await client.info("memory"))?.[1]);
    await client.configSet({ "maxmemory-policy": "volatile-ttl", maxmemory: String(used + 2_000_000) });
    const evictedBefore = Number(/evicted_keys:(\d+)/.exec(await client.info("stats"))?.[1]);
    try {
      const filler = "x".repeat(10_000);
      for (let i = 0; i < 600; i++) await client.set(`filler:${i}`, filler, { EX: 3_600 });
      const evicted = Number(/evicted_keys:(\d+)/.exec(await client.info("stats"))?.[1]) - evictedBefore;
      expect(evicted).toBeGreaterThan(100);
      const outcomes = [...(await Promise.all([first, other.go(20)])).flat()];
      report(outcomes);
      expect(gateway.refreshes.get(tokenSet.refreshToken ?? "")).toBe(1);
      expect(gateway.mostSends()).toBe(1);
      await expectStored(store, expectOneLiveToken(outcomes));
      expect(await client.exists(store.redisKey("shared"))).toBe(1);
    } finally {
      await client.configSet({ "maxmemory-policy": "noeviction", maxmemory: "0" });
      await client.flushAll();
    }
  });

  it("a holder paused (SIGSTOP) past its lease after sending: the other instance waits instead of refreshing", async () => {
    const { store, tokenSet, redisStore } = await seed("paused:");
    // The lease lapses 2 s after the refresh is sent; the answer (1 s away) waits in the paused process's socket.
    const holder = await instance({ store: redisStore, leaseTtlMs: 2_000, refreshTimeoutMs: 1_900 });
    const other = await instance({ store: redisStore, leaseTtlMs: 2_000, refreshTimeoutMs: 1_900 });
    sb.setLatency("avito", 1_000);
    const first = holder.go(20);
    await until(() => gateway.refreshes.size > 0, "the holder sent its refresh");
    holder.pause();
    await sleep(2_500); // the holder's lease has lapsed
    const second = other.go(20);
    await sleep(1_500);
    holder.resume();
    const outcomes = [...(await first), ...(await second)];
    report(outcomes);

    expect(gateway.refreshes.get(tokenSet.refreshToken ?? "")).toBe(1);
    expect(gateway.mostSends()).toBe(1);
    await expectStored(store, expectOneLiveToken(outcomes));
  });

  it("an instance whose clock is 5 minutes slow judges expiry by Redis TIME: it refreshes a token set that has expired", async () => {
    const { store, tokenSet, redisStore } = await seed("skew:", Date.now() - 1_000);
    const slow = await instance({ store: redisStore, clockOffsetMs: -5 * 60_000 });
    const outcomes = await slow.go(10);
    report(outcomes);
    const token = expectOneLiveToken(outcomes);
    expect(token).not.toBe(tokenSet.accessToken);
    expect(gateway.refreshes.get(tokenSet.refreshToken ?? "")).toBe(1);
    await expectStored(store, token);
  });
});

describe.skipIf(skipRedis())("with a Redis primary and a replica behind a link the test cuts", () => {
  let primary: RedisServer;
  let replica: RedisServer;
  let link: RedisLink;
  afterEach(async () => {
    await primary?.kill();
    await replica?.stop();
    await link?.close();
  });

  it("failover: link cut, a refresh, primary killed, replica promoted → one refresh request, the grant alive on the replica", async () => {
    primary = await startRedisServer();
    link = await startRedisLink(primary.port);
    replica = await startRedisServer(["--replicaof", "127.0.0.1", String(link.port)]);
    const onPrimary = createClient({ url: primary.url });
    const onReplica = createClient({ url: replica.url });
    onPrimary.on("error", () => undefined);
    await onPrimary.connect();
    await onReplica.connect();
    try {
      await until(
        async () => /master_link_status:up/.test(await onReplica.info("replication")),
        "the replica synced",
      );
      // Seeded through the store: WAIT makes sure the replica has it.
      const tokenSet = await exchange();
      const seeding = new RedisTokenStore({ client: onPrimary, prefix: "failover:" });
      expect(await seeding.compareAndSet("shared", 0, { ...tokenSet, expiresAt: Date.now() - 1 })).toBe(1);
      const redisStore = { kind: "redis" as const, url: primary.url, prefix: "failover:" };
      const options = { store: redisStore, leaseTtlMs: 8_000, refreshTimeoutMs: 5_000 };
      const holder = await instance(options);
      const other = await instance(options);

      sb.setLatency("avito", 800);
      const first = holder.go(20);
      await until(() => gateway.refreshes.size > 0, "the holder sent its refresh");
      link.cut(); // the answer's write reaches the primary only: WAIT cannot be satisfied
      await until(
        async () => (await seeding.get("shared")).version > 1,
        "the answer's write reached the primary",
      );
      const onReplicaStore = new RedisTokenStore({ client: onReplica, prefix: "failover:" });
      expect((await onReplicaStore.get("shared")).tokenSet?.refreshToken).toBe(tokenSet.refreshToken);
      await sleep(1_000);
      await primary.kill();
      await onReplica.sendCommand(["REPLICAOF", "NO", "ONE"]);
      await Promise.all([holder, other].map((i) => i.command({ type: "move", url: replica.url })));
      const outcomes = [...(await Promise.all([first, other.go(20)])).flat()];
      report(outcomes);

      expect(gateway.refreshes.get(tokenSet.refreshToken ?? "")).toBe(1);
      expect(gateway.mostSends()).toBe(1);
      const token = expectOneLiveToken(outcomes);
      await expectStored(onReplicaStore, token);
    } finally {
      onPrimary.destroy();
      onReplica.destroy();
    }
  });
});

describe("with a FileTokenStore shared by two processes", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "faults-file-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("200 concurrent writes from two processes: every acknowledged write is kept", async () => {
    const path = join(dir, "tokens.json");
    const tokenSet = await exchange();
    const [a, b] = [
      await instance({ store: { kind: "file", path } }),
      await instance({ store: { kind: "file", path } }),
    ];
    const keys = (name: string) => Array.from({ length: 100 }, (_, i) => `${name}-${i}`);
    const results = await Promise.all([
      a.command<{ acknowledged: string[] }>({ type: "write", keys: keys("a"), tokenSet }),
      b.command<{ acknowledged: string[] }>({ type: "write", keys: keys("b"), tokenSet }),
    ]);
    const acknowledged = results.flatMap((result) => result.acknowledged);
    const store = new FileTokenStore({ path });
    const kept = await Promise.all(acknowledged.map(async (key) => (await store.get(key)).version === 1));
    console.info(
      `fault report | 2 processes × 100 writes | acknowledged ${acknowledged.length}, kept ${kept.filter(Boolean).length}`,
    );
    expect(acknowledged).toHaveLength(200);
    expect(kept.filter(Boolean)).toHaveLength(200);
  });

  it("40 concurrent writes through two store objects in one process: all kept", async () => {
    const path = join(dir, "tokens.json");
    const tokenSet = await exchange();
    const stores = [new FileTokenStore({ path }), new FileTokenStore({ path })];
    const written = await Promise.all(
      Array.from({ length: 40 }, (_, i) => stores[i % 2]?.compareAndSet(`k${i}`, 0, tokenSet)),
    );
    const kept = await Promise.all(
      written.map(async (_, i) => (await stores[0]?.get(`k${i}`))?.version === 1),
    );
    console.info(
      `fault report | 2 store objects × 20 writes | acknowledged ${written.filter((v) => v === 1).length}, kept ${kept.filter(Boolean).length}`,
    );
    expect(written).toEqual(Array(40).fill(1));
    expect(kept.filter(Boolean)).toHaveLength(40);
  });

  it("two processes at expiry: one refresh request, the same live token for all", async () => {
    const path = join(dir, "tokens.json");
    const tokenSet = await exchange();
    await new FileTokenStore({ path }).compareAndSet("shared", 0, { ...tokenSet, expiresAt: Date.now() - 1 });
    const a = await instance({ store: { kind: "file", path } });
    const b = await instance({ store: { kind: "file", path } });
    const outcomes = (await Promise.all([a.go(100), b.go(100)])).flat();
    report(outcomes);
    expect(gateway.refreshes.get(tokenSet.refreshToken ?? "")).toBe(1);
    expect(gateway.mostSends()).toBe(1);
    await expectStored(new FileTokenStore({ path }), expectOneLiveToken(outcomes));
  });
});

describe("in one process", () => {
  const pinterest = PROVIDERS.find((provider) => provider.id === "pinterest");

  it("a false refusal (Pinterest's generic code 1 for a scope never granted) keeps the token set; a real one keeps it as a tombstone", async () => {
    if (!pinterest?.exchange) throw new Error("no pinterest code exchange");
    const { code } = await authorize(sb, pinterest);
    const tokenSet = await pinterest.exchange(sb, code);
    const store = new MemoryTokenStore();
    const { client_id: clientId, client_secret: clientSecret } = {
      client_id: DEFAULT_CLIENTS.pinterest.clientId,
      client_secret: DEFAULT_CLIENTS.pinterest.clientSecret,
    };
    const pinterestGateway = await startGateway(sb.baseUrls.pinterest);
    onTestFinished(() => pinterestGateway.close());
    const config = { baseUrl: pinterestGateway.url, clientId, clientSecret };
    const wider = pinterestManager({ store, config, scope: "ads:write" });
    await wider.setTokenSet({ ...tokenSet, expiresAt: Date.now() - 1 });
    const error = await wider.getAccessToken().catch((e: unknown) => e);
    report([{ error: (error as Error).name }], pinterestGateway);
    expect(error).toBeInstanceOf(PinterestOAuthError);
    expect(error).toMatchObject({ status: 400, code: 1, kind: "http" });
    expect(error?.constructor.name).not.toBe("ReauthorizationRequiredError");
    expect((await store.get("default")).tokenSet?.refreshToken).toBe(tokenSet.refreshToken);

    // The grant is alive: the same stored set refreshes once the scope is right.
    const manager = pinterestManager({ store, config });
    const token = await manager.getAccessToken();
    expect(sb.introspect("pinterest", token).active).toBe(true);

    // A spent refresh token (strict rotation) is a real refusal: ReauthorizationRequiredError, set kept as a tombstone.
    const spent = { ...tokenSet, expiresAt: Date.now() - 1 };
    const refusedStore = new MemoryTokenStore();
    const again = pinterestManager({ store: refusedStore, config });
    await again.setTokenSet(spent);
    const refusal = await again.getAccessToken().catch((e: unknown) => e);
    expect((refusal as Error).name).toBe("ReauthorizationRequiredError");
    const stored = await refusedStore.get("default");
    expect(stored.tokenSet).toBeUndefined();
    expect(stored.refused?.tokenSet.refreshToken).toBe(tokenSet.refreshToken);
    expect(stored.refused?.error).toMatchObject({ status: 400, code: 1 });
    // The one refresh token went out three times on purpose: refused for the scope (not spent), accepted, and then
    // replayed after it was spent, for the real refusal.
    expect([...pinterestGateway.refreshes]).toEqual([[tokenSet.refreshToken, 3]]);
  });

  function avito(store: TokenStore = new MemoryTokenStore()) {
    return avitoManager({
      store,
      config: { baseUrl: gateway.url },
      credentials: { client_id: AVITO.clientId, client_secret: AVITO.clientSecret },
    });
  }

  it("invalidate() then a failed refresh: the provider's error, never the refused access token", async () => {
    const tokenSet = await exchange();
    const manager = avito();
    await manager.setTokenSet(tokenSet);
    expect(await manager.getAccessToken()).toBe(tokenSet.accessToken);
    manager.invalidate();
    gateway.failNext(1);
    const error = await manager.getAccessToken().then(
      (token) => token,
      (e: unknown) => e,
    );
    report([typeof error === "string" ? { token: error } : { error: (error as Error).name }]);
    expect(error).toMatchObject({ name: "AvitoAuthError", status: 503, kind: "http" });
    const token = await manager.getAccessToken();
    expect(token).not.toBe(tokenSet.accessToken);
    expect(live(token)).toBe(true);
    expect(gateway.mostSends()).toBe(1);
  });

  it("an answer with access_token '': the package's invalid-response error; its new refresh token is kept and used once", async () => {
    const tokenSet = await exchange();
    const store = new MemoryTokenStore();
    const manager = avito(store);
    await manager.setTokenSet({ ...tokenSet, expiresAt: Date.now() - 1 });
    gateway.rewriteNext(1, (body) => ({ ...body, access_token: "" }));
    const error = await manager.getAccessToken().catch((e: unknown) => e);
    const kept = (await store.get("default")).tokenSet?.refreshToken;
    const keptWasLive = live(kept);
    const next = await manager.getAccessToken().then(
      (token): Outcome => ({ token }),
      (e: unknown): Outcome => ({ error: (e as Error).name }),
    );
    report([{ error: (error as Error).name }, next]);
    expect(error).toMatchObject({ name: "AvitoAuthError", status: 200, kind: "invalid-response" });
    expect(kept).not.toBe(tokenSet.refreshToken);
    expect(keptWasLive).toBe(true);

    expect(next).toEqual({ token: expect.any(String) });
    expect(live("token" in next ? next.token : undefined)).toBe(true);
    expect([...gateway.refreshes.entries()]).toEqual([
      [tokenSet.refreshToken, 1],
      [kept, 1],
    ]);
  });
});
