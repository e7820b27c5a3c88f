// RedisTokenStore through node-redis's cluster client (3 primaries) and Sentinel client (a primary and a replica, then
// a failover), against real redis-servers and the sandbox with strict rotation: one refresh however many instances.
import { ApplicationAccessApi, createTokenManager, createTokenManagers, toTokenSet } from "@x/avito-auth";
import type { TokenSet, TokenStore } from "@x/oauth-core";
import { DEFAULT_CLIENTS, type Sandbox, startSandbox } from "@x/oauth-sandbox";
import { createCluster, createSentinel } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RedisTokenStore } from "../src/index.js";
import { type RedisServer, skipRedis } from "./redis-server.js";
import {
  ask,
  SENTINEL_NAME,
  type SentinelSetup,
  startCluster,
  startSentinelSetup,
  until,
} from "./redis-topologies.js";

const tokenSet = (accessToken: string): TokenSet => ({
  accessToken,
  tokenType: "Bearer",
  expiresAt: 1_800_000_000_000,
  refreshToken: `refresh-${accessToken}`,
  scopes: [],
  extra: {},
  raw: {},
});
const ENCRYPTION = { keys: [{ id: "k1", key: new Uint8Array(32).fill(7) }] };
const { clientId, clientSecret } = DEFAULT_CLIENTS.avito;

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

/** A strict sandbox and a real Avito token set, stored expired under `key`; counts refresh requests from here. */
async function seedExpired(store: TokenStore, key: string, running?: Sandbox) {
  sb = running ?? (await startSandbox({ strictRotation: true }));
  const sandbox = sb;
  const { code } = await sandbox.issueCode("avito", { redirectUri: "https://app.example.test/callback" });
  const api = new ApplicationAccessApi({ baseUrl: sandbox.baseUrls.avito });
  const issued = toTokenSet(
    await api.getAccessTokenAuthorizationCode({ client_id: clientId, client_secret: clientSecret, code }),
  );
  const { version } = await store.get(key);
  await store.compareAndSet(key, version, { ...issued, expiresAt: Date.now() - 1 });
  const before = sandbox.requestCount("avito", "refreshAccessTokenAuthorizationCode");
  return {
    issued,
    refreshes: () => sandbox.requestCount("avito", "refreshAccessTokenAuthorizationCode") - before,
  };
}

/** `instances` managers, each over its own store and connection, `callers` each asking at once. */
async function askAtOnce(stores: TokenStore[], key: string, callers: number): Promise<string[]> {
  const managers = stores.map((store) =>
    createTokenManager({
      store,
      key,
      config: { baseUrl: sb?.baseUrls.avito ?? "" },
      credentials: { client_id: clientId, client_secret: clientSecret },
      leasePollMs: 20,
    }),
  );
  return Promise.all(
    managers.flatMap((manager) => Array.from({ length: callers }, () => manager.getAccessToken())),
  );
}

// SKIP_REDIS=1 (refused under CI=true) skips these on a machine without redis-server.
describe.skipIf(skipRedis())("RedisTokenStore on a 3-primary cluster (createCluster)", () => {
  let nodes: RedisServer[] = [];
  const clients: { destroy(): void }[] = [];
  const connect = async () => {
    const client = createCluster({ rootNodes: [{ url: nodes[0]?.url ?? "" }] });
    client.on("error", () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    nodes = await startCluster();
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await Promise.all(nodes.map((node) => node.stop()));
  });

  it("every operation of an account runs on its one slot; accounts spread over the 3 primaries", async () => {
    const store = new RedisTokenStore({ client: await connect(), prefix: "c:", encryption: ENCRYPTION });
    const keys = Array.from({ length: 30 }, (_, i) => `account-${i}`);
    for (const key of keys) {
      expect(await store.compareAndSet(key, 0, tokenSet(key))).toBe(1);
      const lease = await store.acquireLease(key, 5_000, 1_000);
      expect(lease?.fence).toBe(1);
      expect(await store.acquireLease(key, 5_000, 1_000)).toBeUndefined();
      expect(await lease?.confirm(5_000)).toBe(true);
      expect(await store.compareAndSet(key, 1, tokenSet(`${key}-2`), { fence: 2 })).toBeUndefined();
      expect(await store.compareAndSet(key, 1, tokenSet(`${key}-2`), { fence: 1 })).toBe(2);
      await lease?.release();
      expect(await store.get(key)).toEqual({ tokenSet: tokenSet(`${key}-2`), version: 2 });
    }
    expect(Math.abs((await store.now()) - Date.now())).toBeLessThan(5_000);
    // Each account's hash is on the primary that owns its slot, and every primary holds some.
    const counts = await Promise.all(nodes.map(async (node) => Number(await ask(node.port, ["DBSIZE"]))));
    expect(counts.reduce((a, b) => a + b)).toBe(keys.length);
    for (const count of counts) expect(count).toBeGreaterThan(0);
  });

  it("two instances, 2 × 100 callers at expiry: exactly 1 refresh request, one new token for all", async () => {
    const [a, b] = [await connect(), await connect()];
    const stores = [a, b].map((client) => new RedisTokenStore({ client, prefix: "cm:" }));
    const { issued, refreshes } = await seedExpired(stores[0] as RedisTokenStore, "seller-7");
    const tokens = await askAtOnce(stores, "seller-7", 100);
    expect(refreshes()).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(issued.accessToken);
    expect((await stores[1]?.get("seller-7"))?.tokenSet?.accessToken).toBe(tokens[0]);
  });

  it("createTokenManagers: 100 expired accounts, two instances of at most 10 managers each: one refresh per account", async () => {
    const stores = [await connect(), await connect()].map(
      (client) => new RedisTokenStore({ client, prefix: "many:", encryption: ENCRYPTION }),
    );
    const accounts = Array.from({ length: 100 }, (_, i) => `seller-${i}`);
    let refreshes = () => 0;
    for (const key of accounts) ({ refreshes } = await seedExpired(stores[0] as RedisTokenStore, key, sb));
    const instances = stores.map((store) =>
      createTokenManagers({
        store,
        config: { baseUrl: sb?.baseUrls.avito ?? "" },
        credentials: { client_id: clientId, client_secret: clientSecret },
        leasePollMs: 20,
        maxManagers: 10,
      }),
    );
    const tokens = await Promise.all(
      accounts.flatMap((key) => instances.flatMap((managers) => [managers.get(key).getAccessToken()])),
    );
    for (let i = 0; i < accounts.length; i++) expect(tokens[2 * i]).toBe(tokens[2 * i + 1]);
    expect(new Set(tokens).size).toBe(accounts.length);
    expect(refreshes()).toBe(accounts.length);
    for (const managers of instances) expect(managers.size).toBeLessThanOrEqual(10);
  });
});

describe.skipIf(skipRedis())("RedisTokenStore through Sentinel (createSentinel), with a failover", () => {
  let setup: SentinelSetup;
  const clients: { destroy(): void }[] = [];
  const connect = async () => {
    const client = createSentinel({
      name: SENTINEL_NAME,
      sentinelRootNodes: [{ host: "127.0.0.1", port: setup.sentinel.port }],
    });
    client.on("error", () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    setup = await startSentinelSetup();
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await setup?.stop();
  });

  it("writes wait for the replica; after SENTINEL FAILOVER the promoted replica serves them and one refresh happens", async () => {
    const stores = [await connect(), await connect()].map(
      (client) => new RedisTokenStore({ client, prefix: "s:", encryption: ENCRYPTION }),
    );
    const [first, second] = stores as [RedisTokenStore, RedisTokenStore];
    expect(await first.compareAndSet("a", 0, tokenSet("a"))).toBe(1);
    // Acknowledged by the replica (WAIT): it holds the write as soon as it returns.
    expect(await ask(setup.replica.port, ["HGET", "s:{a}", "v"])).toBe("1");
    const { refreshes } = await seedExpired(first, "seller-7");

    expect(await setup.primaryPort()).toBe(setup.primary.port);
    await ask(setup.sentinel.port, ["SENTINEL", "FAILOVER", SENTINEL_NAME]);
    await until(
      "Sentinel names the replica as primary",
      async () => (await setup.primaryPort()) === setup.replica.port,
    );
    await until("the promoted replica is a primary", async () => {
      const role = (await ask(setup.replica.port, ["ROLE"])) as unknown[];
      return role[0] === "master";
    });
    // The failover ends when the old primary is the new one's replica. A write the old primary took before that, with
    // no replica left to WAIT for, is lost when it resyncs: `replicas: 1` makes such a write fail instead.
    await until("the old primary replicates the new one", async () => {
      const role = (await ask(setup.primary.port, ["ROLE"])) as unknown[];
      return role[0] === "slave" && role[3] === "connected";
    });
    // The clients follow: reads and writes reach the new primary (with the old one as its replica).
    await until("the store reads through the new primary", async () => (await second.get("a")).version === 1);
    expect((await second.get("a")).tokenSet).toEqual(tokenSet("a"));
    await until(
      "a write reaches the new primary",
      async () => (await second.compareAndSet("a", 1, tokenSet("b"))) === 2,
    );
    expect(await ask(setup.replica.port, ["HGET", "s:{a}", "v"])).toBe("2");

    const tokens = await askAtOnce(stores, "seller-7", 50);
    expect(refreshes()).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect((await first.get("seller-7")).tokenSet?.accessToken).toBe(tokens[0]);
  });
});
