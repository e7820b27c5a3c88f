// RedisTokenStore against a real redis-server: versioned compare-and-set, the lease, and an unreachable Redis.
import { createTokenManager } from "@x/avito-auth";
import { MemoryTokenStore, type TokenSet, TokenStoreError } from "@x/oauth-core";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisTokenStore } from "../src/index.js";
import { type RedisServer, skipRedis, startRedisServer } from "./redis-server.js";

const tokenSet = (accessToken: string): TokenSet => ({
  accessToken,
  tokenType: "Bearer",
  expiresAt: 1_800_000_000_000,
  refreshToken: `refresh-${accessToken}`,
  scopes: ["a", "b"],
  extra: { open_id: "u" },
  raw: { access_token: accessToken },
});

// SKIP_REDIS=1 (refused under CI=true) skips these on a machine without redis-server.
describe.skipIf(skipRedis())("RedisTokenStore", () => {
  let server: RedisServer;
  let client: ReturnType<typeof createClient>;
  beforeAll(async () => {
    server = await startRedisServer();
    client = createClient({ url: server.url });
    await client.connect();
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it("compare-and-set: versions grow, a stale writer is refused, a cleared key keeps its version", async () => {
    const store = new RedisTokenStore({ client, prefix: "cas:" });
    expect(await store.get("k")).toEqual({ tokenSet: undefined, version: 0 });
    expect(await store.compareAndSet("k", 0, tokenSet("a"))).toBe(1);
    expect(await store.compareAndSet("k", 1, tokenSet("b"))).toBe(2);
    expect(await store.compareAndSet("k", 1, tokenSet("stale"))).toBeUndefined();
    expect(await store.get("k")).toEqual({ tokenSet: tokenSet("b"), version: 2 });
    expect(await store.compareAndSet("k", 2, undefined)).toBe(3);
    expect(await store.get("k")).toEqual({ tokenSet: undefined, version: 3 });
    expect(await client.hGetAll("cas:{k}")).toEqual({ v: "3" });
    // Another prefix is another namespace.
    expect((await new RedisTokenStore({ client, prefix: "other:" }).get("k")).version).toBe(0);
  });

  it("the lease lives in the token's hash: one holder, a growing fence that fences writes, Redis's clock", async () => {
    const store = new RedisTokenStore({ client, prefix: "lease:" });
    const held = await store.acquireLease("k", 5_000, 0);
    expect(held?.fence).toBe(1);
    expect(await store.acquireLease("k", 5_000, 0)).toBeUndefined();
    const hash = await client.hGetAll("lease:{k}");
    expect(hash.f).toBe("1");
    expect(Number(hash.u) - (await store.now())).toBeGreaterThan(4_000);
    expect(await client.pTTL("lease:{k}")).toBe(-1); // no TTL: nothing for volatile-* eviction to pick
    expect(await held?.extend(20_000)).toBe(true);
    await held?.release();

    const short = await store.acquireLease("k", 50, 0);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const next = await store.acquireLease("k", 5_000, 0); // the first holder's lease lapsed
    expect(next?.fence).toBe(3);
    expect(await short?.extend(5_000)).toBe(false);
    expect(await short?.confirm(5_000)).toBe(false);
    await short?.release(); // not its lease any more: nothing happens
    expect(await store.acquireLease("k", 5_000, 0)).toBeUndefined();
    expect(await store.compareAndSet("k", 0, tokenSet("fenced out"), { fence: 2 })).toBeUndefined();
    expect(await store.compareAndSet("k", 0, tokenSet("a"), { fence: 3 })).toBe(1);
    await next?.release();
    expect(await store.acquireLease("k", 5_000, 0)).toBeDefined();
  });

  it("a refresh marked as sent blocks a new lease after the holder's lapsed, until takeOverAfterMs", async () => {
    const store = new RedisTokenStore({ client, prefix: "sent:" });
    await store.compareAndSet("k", 0, tokenSet("a"));
    const holder = await store.acquireLease("k", 30, 400);
    expect(await holder?.confirm(30)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await store.acquireLease("k", 1_000, 400)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await store.acquireLease("k", 1_000, 400))?.fence).toBe(2);
  });

  it("a refused set is kept as a tombstone", async () => {
    const store = new RedisTokenStore({ client, prefix: "tomb:" });
    await store.compareAndSet("k", 0, tokenSet("a"));
    const refused = {
      tokenSet: tokenSet("a"),
      refusedAt: 7,
      error: { provider: "p", operation: "o", status: 400 },
    };
    expect(await store.compareAndSet("k", 1, undefined, { refused })).toBe(2);
    expect(await store.get("k")).toEqual({ tokenSet: undefined, version: 2, refused });
    expect(await store.compareAndSet("k", 2, tokenSet("b"))).toBe(3);
    expect((await store.get("k")).refused).toBeUndefined();
  });

  it("refuses an allkeys-* maxmemory-policy on first use, with what to set instead", async () => {
    await client.configSet("maxmemory-policy", "allkeys-lru");
    try {
      const error = await new RedisTokenStore({ client, prefix: "policy:" })
        .get("k")
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenStoreError);
      expect((error as Error).message).toMatch(/maxmemory-policy is allkeys-lru.*noeviction/);
    } finally {
      await client.configSet("maxmemory-policy", "noeviction");
    }
    await client.configSet("maxmemory-policy", "volatile-lru");
    try {
      expect((await new RedisTokenStore({ client, prefix: "policy:" }).get("k")).version).toBe(0);
    } finally {
      await client.configSet("maxmemory-policy", "noeviction");
    }
  });

  it("a write counts once the connected replicas have it (WAIT); fewer acknowledgements than required fail it", async () => {
    const replica = await startRedisServer(["--replicaof", "127.0.0.1", String(server.port)]);
    const onReplica = createClient({ url: replica.url });
    await onReplica.connect();
    try {
      // The store's script counts the replicas the primary lists online (as ROLE does); the replica may report its
      // link up before the primary lists it, and a busy machine can take seconds for the first full sync.
      const synced = async () => {
        const role = (await client.sendCommand(["ROLE"])) as unknown[];
        return (
          Array.isArray(role[2]) &&
          role[2].length === 1 &&
          /master_link_status:up/.test(await onReplica.info("replication"))
        );
      };
      for (let i = 0; i < 600 && !(await synced()); i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await synced(), "the replica finished its first sync").toBe(true);
      const store = new RedisTokenStore({ client, prefix: "wait:" });
      const calls = async (command: string) =>
        Number(
          new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(await client.info("commandstats"))?.[1] ?? 0,
        );
      const [waits, roles] = [await calls("wait"), await calls("role")];
      expect(await store.compareAndSet("k", 0, tokenSet("a"))).toBe(1);
      // One WAIT for the one replica, and no ROLE: the script itself counted the replicas.
      expect([(await calls("wait")) - waits, (await calls("role")) - roles]).toEqual([1, 0]);
      // Acknowledged: the replica holds it as soon as the write returns.
      expect(await onReplica.hGet("wait:{k}", "v")).toBe("1");
      const strict = new RedisTokenStore({ client, prefix: "wait:", replicas: 2, replicaTimeoutMs: 200 });
      const error = await strict.compareAndSet("k", 1, tokenSet("b")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenStoreError);
      expect((error as Error).message).toBe(
        "redis: a write reached 1 of 2 replicas within 200 ms (not durable)",
      );
    } finally {
      onReplica.destroy();
      await replica.stop();
    }
  }, 60_000);

  it("encryption: nothing of a token in Redis; rotation; an entry copied to another account or tampered fails", async () => {
    const OLD = { id: "old", key: new Uint8Array(32).fill(1) };
    const NEW = { id: "new", key: new Uint8Array(32).fill(2) };
    const store = new RedisTokenStore({ client, prefix: "enc:", encryption: { keys: [OLD] } });
    const refused = {
      tokenSet: tokenSet("b"),
      refusedAt: 7,
      error: { provider: "p", operation: "o", status: 400 },
    };
    expect(await store.compareAndSet("victim", 0, tokenSet("a"))).toBe(1);
    expect(await store.compareAndSet("gone", 0, undefined, { refused })).toBe(1);
    const raw = [await client.hGetAll("enc:{victim}"), await client.hGetAll("enc:{gone}")];
    const rawText = JSON.stringify(raw);
    for (const part of ["refresh-a", "refresh-b", "Bearer", "open_id", "1800000000000"])
      expect(rawText).not.toContain(part);
    expect(raw[0]?.t).toMatch(/^aes256gcm\.old\./);
    expect(raw[1]?.r).toMatch(/^aes256gcm\.old\./);
    expect(await store.get("victim")).toEqual({ tokenSet: tokenSet("a"), version: 1 });
    expect(await store.get("gone")).toEqual({ tokenSet: undefined, version: 1, refused });

    const rotated = new RedisTokenStore({ client, prefix: "enc:", encryption: { keys: [NEW, OLD] } });
    expect((await rotated.get("victim")).tokenSet).toEqual(tokenSet("a"));
    expect(await rotated.compareAndSet("victim", 1, tokenSet("c"))).toBe(2);
    expect(await client.hGet("enc:{victim}", "t")).toMatch(/^aes256gcm\.new\./);
    const stale = await store.get("victim").catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(TokenStoreError);
    expect((stale as Error).message).toContain('key "new", which is not among the configured keys');

    // The victim's entry copied under another account's key, then a byte of it changed.
    const sealed = String(await client.hGet("enc:{victim}", "t"));
    await client.hSet("enc:{attacker}", { v: "1", t: sealed });
    await client.hSet("enc:{tampered}", {
      v: "1",
      t: `${sealed.slice(0, -3)}${sealed.at(-3) === "A" ? "B" : "A"}${sealed.slice(-2)}`,
    });
    await client.hSet("enc:{plain}", { v: "1", t: JSON.stringify(tokenSet("p")) });
    for (const [account, message] of [
      [
        "attacker",
        /token set under "enc:\{attacker\}" cannot be decrypted with key "new": tampered with, or copied/,
      ],
      ["tampered", /cannot be decrypted/],
      ["plain", /is not encrypted, but this store encrypts every entry/],
    ] as const) {
      const error = await rotated.get(account).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenStoreError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toMatch(/refresh-|access_token/);
    }
    const unkeyed = await new RedisTokenStore({ client, prefix: "enc:" })
      .get("victim")
      .catch((e: unknown) => e);
    expect((unkeyed as Error).message).toMatch(/is encrypted: give the store its encryption keys/);
  });

  it("behaves like the MemoryTokenStore on the same sequence", async () => {
    const redis = new RedisTokenStore({ client, prefix: "same:" });
    const memory = new MemoryTokenStore();
    for (const store of [redis, memory]) {
      await store.compareAndSet("k", 0, tokenSet("a"));
      await store.compareAndSet("k", 0, tokenSet("lost"));
      await store.compareAndSet("k", 1, tokenSet("b"));
    }
    expect(await redis.get("k")).toEqual(await memory.get("k"));
  });

  it("a process busy past the command timeout reads the reply Redis sent meanwhile, rather than failing", async () => {
    // The real client; right after a command is handed to it, the event loop is blocked for three timeouts (a GC
    // pause, a burst of other work): the command is written late and its reply read later still.
    let busyMs = 0;
    const busy = {
      sendCommand: (args: string[]) => {
        const reply = client.sendCommand(args);
        const until = performance.now() + busyMs;
        while (performance.now() < until);
        return reply;
      },
    };
    const store = new RedisTokenStore({ client: busy, prefix: "busy:", commandTimeoutMs: 200 });
    await store.compareAndSet("k", 0, tokenSet("a"));
    busyMs = 600;
    expect(await store.get("k")).toEqual({ tokenSet: tokenSet("a"), version: 1 });
    expect((await store.acquireLease("k", 5_000, 0))?.fence).toBe(1);
  });

  it("Redis unreachable: a TokenStoreError within the command timeout, not a hang", async () => {
    const lonely = await startRedisServer();
    const doomed = createClient({ url: lonely.url, socket: { reconnectStrategy: 100 } });
    doomed.on("error", () => undefined);
    await doomed.connect();
    const store = new RedisTokenStore({ client: doomed, commandTimeoutMs: 500 });
    await store.compareAndSet("k", 0, tokenSet("a"));
    await lonely.stop();

    const started = Date.now();
    const error = await store.get("k").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(String((error as Error).message)).not.toContain("refresh-a");

    // The manager on top: its caller gets the typed error as quickly.
    const manager = createTokenManager({
      store,
      config: { baseUrl: "http://127.0.0.1:9" }, // never reached: the store fails first
      credentials: { client_id: "id", client_secret: "secret" },
    });
    const before = Date.now();
    await expect(manager.getAccessToken()).rejects.toBeInstanceOf(TokenStoreError);
    expect(Date.now() - before).toBeLessThan(1_500);
    doomed.destroy();
  });
});
