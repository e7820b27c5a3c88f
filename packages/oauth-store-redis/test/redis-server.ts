// A real redis-server for the tests: its own process on a free 127.0.0.1 port, persistence off, in a folder of its own
// (a replica's full sync still writes an RDB file there), stopped after and its folder removed.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const INSTALL_HINT =
  "redis-server is not installed: install it (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis), or set SKIP_REDIS=1 to skip the Redis tests locally";

/** SKIP_REDIS=1 skips the Redis tests on a developer machine; CI must run them. */
export function skipRedis(): boolean {
  if (process.env.SKIP_REDIS !== "1") return false;
  if (process.env.CI === "true")
    throw new Error("SKIP_REDIS=1 is refused under CI=true: the Redis tests must run in CI");
  return true;
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Kills the server at once (SIGKILL), as a crashed primary. */
  kill(): Promise<void>;
}

/**
 * A redis-server; `args` add to (or override) the defaults, e.g. `["--replicaof", "127.0.0.1", "6380"]`. `config`
 * is written to a configuration file of its own (Sentinel needs one it can rewrite).
 */
export async function startRedisServer(args: string[] = [], config?: string): Promise<RedisServer> {
  if (spawnSync("redis-server", ["--version"]).error) throw new Error(INSTALL_HINT);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "redis-test-"));
  const configFile = join(dir, "redis.conf");
  if (config !== undefined) writeFileSync(configFile, config);
  const child = spawn(
    "redis-server",
    [
      ...(config === undefined ? [] : [configFile]),
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--loglevel",
      "warning",
      "--dir",
      dir,
      // A full sync starts at once (the default waits 5 s for more replicas to join it).
      "--repl-diskless-sync-delay",
      "0",
      ...args,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  await waitUntilListening(child, port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => stop(child, "SIGTERM").finally(() => rmSync(dir, { recursive: true, force: true })),
    kill: () => stop(child, "SIGKILL").finally(() => rmSync(dir, { recursive: true, force: true })),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitUntilListening(child: ChildProcess, port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${output}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server did not listen on ${port} within 10 s: ${output}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
