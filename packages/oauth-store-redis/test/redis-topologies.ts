// Redis as deployed, for the tests: a 3-primary cluster and a Sentinel-managed primary with a replica, each from
// real redis-servers on free 127.0.0.1 ports.
import { spawnSync } from "node:child_process";
import { createClient } from "redis";
import { type RedisServer, startRedisServer } from "./redis-server.js";

export const SENTINEL_NAME = "tokens";

export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What one server answers to one command, on a connection of its own. */
export async function ask(port: number, args: string[]): Promise<unknown> {
  const client = createClient({ url: `redis://127.0.0.1:${port}` });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await client.sendCommand(args);
  } finally {
    client.destroy();
  }
}

/** Three cluster-mode primaries, the 16,384 slots split between them (`redis-cli --cluster create`). */
export async function startCluster(): Promise<RedisServer[]> {
  const nodes = await Promise.all(
    [0, 1, 2].map(() => startRedisServer(["--cluster-enabled", "yes", "--cluster-node-timeout", "2000"])),
  );
  const created = spawnSync(
    "redis-cli",
    ["--cluster", "create", ...nodes.map((node) => `127.0.0.1:${node.port}`), "--cluster-yes"],
    { encoding: "utf8", timeout: 30_000 },
  );
  if (created.status !== 0)
    throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
  for (const node of nodes)
    await until(`cluster_state:ok on ${node.port}`, async () =>
      /cluster_state:ok/.test(String(await ask(node.port, ["CLUSTER", "INFO"]))),
    );
  return nodes;
}

export interface SentinelSetup {
  primary: RedisServer;
  replica: RedisServer;
  sentinel: RedisServer;
  /** The port of the primary Sentinel names now. */
  primaryPort(): Promise<number>;
  stop(): Promise<void>;
}

/** A primary, its replica (in sync), and one Sentinel monitoring them (quorum 1). */
export async function startSentinelSetup(): Promise<SentinelSetup> {
  const primary = await startRedisServer();
  const replica = await startRedisServer(["--replicaof", "127.0.0.1", String(primary.port)]);
  await until("the replica in sync", async () =>
    /master_link_status:up/.test(String(await ask(replica.port, ["INFO", "replication"]))),
  );
  const sentinel = await startRedisServer(
    ["--sentinel"],
    [
      `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${primary.port} 1`,
      `sentinel down-after-milliseconds ${SENTINEL_NAME} 1000`,
      `sentinel failover-timeout ${SENTINEL_NAME} 10000`,
      "",
    ].join("\n"),
  );
  const primaryPort = async () => {
    const address = await ask(sentinel.port, ["SENTINEL", "GET-MASTER-ADDR-BY-NAME", SENTINEL_NAME]);
    return Number((address as string[])[1]);
  };
  await until("Sentinel sees the replica", async () => {
    const replicas = (await ask(sentinel.port, ["SENTINEL", "REPLICAS", SENTINEL_NAME])) as unknown[];
    return replicas.length === 1;
  });
  return {
    primary,
    replica,
    sentinel,
    primaryPort,
    stop: async () => {
      await Promise.all([sentinel.stop(), replica.stop(), primary.stop()]);
    },
  };
}
