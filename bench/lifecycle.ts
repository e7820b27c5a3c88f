// The token lifecycle at scale, against real redis-servers on free 127.0.0.1 ports and a rotating refresh endpoint
// (a node:http server in this process, packages/oauth-store-redis/test/token-endpoint.ts). App instances are Node
// processes (packages/oauth-store-redis/test/accounts-instance.ts) running Avito's createTokenManagers over a
// RedisTokenStore. Counts and ratios, not timed tests:
// - cached getAccessToken per second: in-process (every manager in memory), and with RedisTokenStore on 1 and 4
//   instances when the account's manager is not in memory (more accounts than maxManagers: each call reads Redis);
// - Redis memory per account (INFO memory before and after writing them) and one instance's RSS after asking for
//   every account, maxManagers 10,000;
// - a refresh storm: every account expired at once, asked by 4 instances, the endpoint answering a share 429 with
//   Retry-After: refresh requests, requests before a Retry-After had passed, time to drain, p99 wait;
// - store operations per second (get, compareAndSet) on one redis-server against a 3-primary cluster.
import { loadavg } from "node:os";
import { DEFAULT_REFRESHES_AT_ONCE, MemoryTokenStore } from "@x/oauth-core";
import { RedisTokenStore } from "@x/oauth-store-redis";
import { createClient, createCluster } from "redis";
import {
  accountKey,
  accountManagers,
  accountTokenSet,
  seedAccounts,
  type WalkResult,
} from "../packages/oauth-store-redis/test/accounts.js";
import type { AccountsCommand } from "../packages/oauth-store-redis/test/accounts-instance.js";
import { type Instance, startAccountsInstance } from "../packages/oauth-store-redis/test/instances.js";
import { startRedisServer } from "../packages/oauth-store-redis/test/redis-server.js";
import { startCluster } from "../packages/oauth-store-redis/test/redis-topologies.js";
import { startTokenEndpoint } from "../packages/oauth-store-redis/test/token-endpoint.js";

export interface LifecycleSizes {
  /** Accounts in Redis for the memory and cached-call figures (the 100,000). */
  accounts: number;
  maxManagers: number;
  /** Accounts expiring at once in the storm (the 10,000). */
  stormAccounts: number;
}

export const FULL_SIZES: LifecycleSizes = { accounts: 100_000, maxManagers: 10_000, stormAccounts: 10_000 };
/** What `pnpm bench` runs by default: a tenth, so the part takes a few minutes on 2 shared cores (`--full` for all). */
export const DEFAULT_SIZES: LifecycleSizes = { accounts: 10_000, maxManagers: 1_000, stormAccounts: 1_000 };

export interface CachedCallsResult {
  /** getAccessToken per second, every manager in memory, MemoryTokenStore, one process. */
  inProcessPerSecond: number;
  /** With RedisTokenStore, the manager not in memory (one Redis read per call): 1 instance, and 4 together. */
  redisOneInstancePerSecond: number;
  redisFourInstancesPerSecond: number;
  concurrency: number;
}

export interface MemoryResult {
  accounts: number;
  maxManagers: number;
  redisBytesPerAccount: number;
  /** One instance after asking for every account once (after a full collection): RSS and heap, and at start. */
  instanceRssMb: number;
  instanceHeapMb: number;
  instanceRssMbAtStart: number;
  mostManagersHeld: number;
}

export interface StormResult {
  accounts: number;
  instances: number;
  callersPerAccount: number;
  /** Refreshes each process runs at once (createTokenManagers' default RefreshQueue). */
  refreshesAtOnce: number;
  /** Percent of the accounts answered 429 (Retry-After: retryAfterSeconds) on their first refresh. */
  throttledPercent: number;
  retryAfterSeconds: number;
  /** Refresh requests answered with a new token set (the ask: exactly one per account). */
  refreshes: number;
  accountsRefreshed: number;
  accountsRefreshedTwice: number;
  /** Every request, 429s included. */
  requests: number;
  throttled: number;
  /** Requests for an account before its Retry-After had passed (the ask: none). */
  early: number;
  spentPresented: number;
  errors: number;
  /** The first caller's error, if any. */
  firstError?: string | undefined;
  drainMs: number;
  /** Over every (instance, account): from its first caller's ask to its last caller's token. */
  p50WaitMs: number;
  p99WaitMs: number;
}

export interface StoreOpsResult {
  concurrency: number;
  standalone: { getPerSecond: number; writePerSecond: number };
  cluster: { getPerSecond: number; writePerSecond: number };
}

export interface LifecycleResult {
  /** When this part ran, and the machine's load average (1, 5, 15 min) at its start and at its end. */
  measuredAt: string;
  loadAverage: readonly number[];
  loadAverageAtEnd: readonly number[];
  sizes: LifecycleSizes;
  cachedCalls: CachedCallsResult;
  memory: MemoryResult;
  storm: StormResult;
  storeOps: StoreOpsResult;
}

const MB = 1024 * 1024;
const CONCURRENCY = 32;
const CALL_MS = 3_000;
const INSTANCES = 4;
const THROTTLED_PERCENT = 20;
const RETRY_AFTER_SECONDS = 1;
/** Accounts an instance asks for at once in the storm (its callers come as its traffic does, not all at once). */
const STORM_WINDOW = 500;

type Client = ReturnType<typeof createClient>;

export async function measureLifecycle(sizes: LifecycleSizes = DEFAULT_SIZES): Promise<LifecycleResult> {
  const measuredAt = new Date().toISOString();
  const loadAverage = loadavg();
  const inProcessPerSecond = await inProcessCalls();
  const redis = await startRedisServer();
  const client: Client = createClient({ url: redis.url });
  await client.connect();
  const instances: Instance<AccountsCommand>[] = [];
  const start = async (count: number, config: { baseUrl: string; prefix: string; retries?: number }) => {
    const started = await Promise.all(
      Array.from({ length: count }, () =>
        startAccountsInstance({ ...config, redisUrl: redis.url, maxManagers: sizes.maxManagers }),
      ),
    );
    instances.push(...started);
    return started;
  };
  const stopInstances = () => {
    for (const instance of instances.splice(0)) instance.kill();
  };
  try {
    // Memory: every account valid for an hour, then one instance asks for each once. No refresh is sent: the
    // endpoint's address is a closed port.
    const idle = { baseUrl: "http://127.0.0.1:9", prefix: "m:" };
    const usedBefore = await usedMemory(client);
    await seedAccounts(
      new RedisTokenStore({ client, prefix: idle.prefix }),
      0,
      sizes.accounts,
      validForAnHour,
    );
    const redisBytesPerAccount = ((await usedMemory(client)) - usedBefore) / sizes.accounts;
    const [walker] = (await start(1, idle)) as [Instance<AccountsCommand>];
    const atStart = await walker.command<Memory>({ type: "memory" });
    const walked = await walker.command<WalkResult>({
      type: "walk",
      from: 0,
      to: sizes.accounts,
      callers: 1,
    });
    if (walked.errors > 0) throw new Error(`memory walk: ${walked.errors} errors, ${walked.firstError}`);
    const after = await walker.command<Memory>({ type: "memory" });
    const memory: MemoryResult = {
      accounts: sizes.accounts,
      maxManagers: sizes.maxManagers,
      redisBytesPerAccount,
      instanceRssMb: after.rss / MB,
      instanceHeapMb: after.heapUsed / MB,
      instanceRssMbAtStart: atStart.rss / MB,
      mostManagersHeld: walked.maxManagersHeld,
    };

    // Cached calls through Redis over every account (10× maxManagers: nearly every call reads Redis): the walker
    // alone, then it and three more together.
    const calls = (instance: Instance<AccountsCommand>) =>
      instance.command<{ calls: number; ms: number }>({
        type: "calls",
        from: 0,
        to: sizes.accounts,
        ms: CALL_MS,
        concurrency: CONCURRENCY,
      });
    const perSecond = (results: { calls: number; ms: number }[]) =>
      results.reduce((sum, result) => sum + (result.calls / result.ms) * 1000, 0);
    const redisOneInstancePerSecond = perSecond([await calls(walker)]);
    const four = [walker, ...(await start(INSTANCES - 1, idle))];
    const redisFourInstancesPerSecond = perSecond(await Promise.all(four.map(calls)));
    stopInstances();

    const storm = await refreshStorm(sizes.stormAccounts, client, (config) => start(INSTANCES, config));
    stopInstances();
    const storeOpsResult = await storeOps(client);
    return {
      measuredAt,
      loadAverage,
      loadAverageAtEnd: loadavg(),
      sizes,
      cachedCalls: {
        inProcessPerSecond,
        redisOneInstancePerSecond,
        redisFourInstancesPerSecond,
        concurrency: CONCURRENCY,
      },
      memory,
      storm,
      storeOps: storeOpsResult,
    };
  } finally {
    stopInstances();
    client.destroy();
    await redis.stop();
  }
}

interface Memory {
  rss: number;
  heapUsed: number;
}

const validForAnHour = () => Date.now() + 3_600_000;

/** getAccessToken per second with every manager in memory: the cost of the cached path itself. */
async function inProcessCalls(): Promise<number> {
  const store = new MemoryTokenStore();
  const accounts = 1_000;
  await seedAccounts(store, 0, accounts, validForAnHour);
  const managers = accountManagers({ baseUrl: "http://127.0.0.1:9", store, maxManagers: accounts });
  let next = 0;
  return callsPerSecond(() => {
    next = (next + 1) % accounts;
    return managers.get(accountKey(next)).getAccessToken();
  });
}

/** Runs `call` from CONCURRENCY loops at once for CALL_MS; calls per second. */
async function callsPerSecond(call: (loop: number) => Promise<unknown>): Promise<number> {
  let calls = 0;
  const started = performance.now();
  const until = started + CALL_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, loop) => {
      while (performance.now() < until) {
        await call(loop);
        calls++;
      }
    }),
  );
  return (calls / (performance.now() - started)) * 1000;
}

/**
 * Every account expired at once, 4 instances asking for all of them (2 callers each, STORM_WINDOW accounts at a time)
 * from the same moment; the endpoint answers a fifth of the accounts 429 with Retry-After: 1 on their first refresh,
 * which the package's `retry` waits out (the lease held meanwhile, so no other instance sends it either).
 */
export async function refreshStorm(
  accounts: number,
  client: Client,
  start: (config: {
    baseUrl: string;
    prefix: string;
    retries: number;
  }) => Promise<Instance<AccountsCommand>[]>,
): Promise<StormResult> {
  const endpoint = await startTokenEndpoint({
    throttledPercent: THROTTLED_PERCENT,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  });
  try {
    const prefix = "storm:";
    await seedAccounts(new RedisTokenStore({ client, prefix }), 0, accounts, () => Date.now() - 1);
    const stormers = await start({ baseUrl: endpoint.url, prefix, retries: 3 });
    const callers = 2;
    const started = performance.now();
    const results = await Promise.all(
      stormers.map((instance) =>
        instance.command<WalkResult>({ type: "walk", from: 0, to: accounts, window: STORM_WINDOW, callers }),
      ),
    );
    const drainMs = performance.now() - started;
    const waits = results.flatMap((result) => result.waitsMs).sort((a, b) => a - b);
    const { counts } = endpoint;
    return {
      accounts,
      instances: stormers.length,
      callersPerAccount: callers,
      refreshesAtOnce: DEFAULT_REFRESHES_AT_ONCE,
      throttledPercent: THROTTLED_PERCENT,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      refreshes: counts.refreshes,
      accountsRefreshed: endpoint.accountsRefreshed(),
      accountsRefreshedTwice: counts.refreshedTwice,
      requests: counts.requests,
      throttled: counts.throttled,
      early: counts.early,
      spentPresented: counts.spentPresented,
      errors: results.reduce((sum, result) => sum + result.errors, 0),
      firstError: results.find((result) => result.firstError)?.firstError,
      drainMs,
      p50WaitMs: percentile(waits, 0.5),
      p99WaitMs: percentile(waits, 0.99),
    };
  } finally {
    await endpoint.close();
  }
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

async function usedMemory(client: Client): Promise<number> {
  const info = String(await client.sendCommand(["INFO", "memory"]));
  return Number(/used_memory:(\d+)/.exec(info)?.[1]);
}

/** RedisTokenStore's get and compareAndSet per second, CONCURRENCY at once: one redis-server, then a cluster. */
async function storeOps(standaloneClient: Client): Promise<StoreOpsResult> {
  const standalone = await opsPerSecond(new RedisTokenStore({ client: standaloneClient, prefix: "ops:" }));
  const nodes = await startCluster();
  const cluster = createCluster({ rootNodes: [{ url: `redis://127.0.0.1:${nodes[0]?.port}` }] });
  cluster.on("error", () => undefined);
  try {
    await cluster.connect();
    return {
      concurrency: CONCURRENCY,
      standalone,
      cluster: await opsPerSecond(new RedisTokenStore({ client: cluster, prefix: "ops:" })),
    };
  } finally {
    cluster.destroy();
    await Promise.all(nodes.map((node) => node.stop()));
  }
}

async function opsPerSecond(
  store: RedisTokenStore,
): Promise<{ getPerSecond: number; writePerSecond: number }> {
  const accounts = 1_000;
  await seedAccounts(store, 0, accounts, validForAnHour);
  let next = 0;
  const getPerSecond = await callsPerSecond(() => {
    next = (next + 1) % accounts;
    return store.get(accountKey(next));
  });
  // Each loop rewrites an account of its own, from the version it wrote last.
  const versions = Array.from({ length: CONCURRENCY }, () => 1);
  const writePerSecond = await callsPerSecond(async (loop) => {
    const written = await store.compareAndSet(
      accountKey(loop),
      versions[loop] ?? 0,
      accountTokenSet(loop, validForAnHour()),
    );
    if (written === undefined) throw new Error(`${accountKey(loop)} changed under its only writer`);
    versions[loop] = written;
  });
  return { getPerSecond, writePerSecond };
}
