// A self-hosted turbo remote cache (turborepo-remote-cache, pinned in ./server-package with its own lockfile) on
// 127.0.0.1, storing artifacts on local disk, with one static token: what README's "Share the turbo cache" describes.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { repoRoot } from "../../scripts/repo.js";
import { runPnpm } from "../../scripts/workspace.js";

const serverDir = path.join(repoRoot, "tests/remote-cache/server-package");

/**
 * Installs the pinned server (its own small project: none of the runtime matrix's runtimes come with it). Its
 * cloud storage SDKs declare Node 22; the local-disk storage the test uses runs on Node 20, hence no engine check.
 */
export async function installRemoteCacheServer(env: NodeJS.ProcessEnv): Promise<void> {
  const args = ["install", "--frozen-lockfile", "--ignore-workspace", "--config.engine-strict=false"];
  await runPnpm([...args, "--reporter=append-only"], {
    cwd: serverDir,
    env,
    timeoutMs: 600_000,
  });
}

export interface RemoteCache {
  url: string;
  /** Folder holding the artifacts, one folder per team. */
  storage: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Starts the cache server and waits until it answers an authenticated status request. */
export async function startRemoteCache(storage: string, token: string): Promise<RemoteCache> {
  const port = await freePort();
  const cli = path.join(serverDir, "node_modules/turborepo-remote-cache/dist/cli.js");
  const child = spawn(process.execPath, [cli], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      TURBO_TOKEN: token,
      STORAGE_PROVIDER: "local",
      STORAGE_PATH: storage,
      STORAGE_PATH_USE_TMP_FOLDER: "false",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the remote cache exited with ${child.exitCode}:\n${output}`);
    const status = await fetch(`${url}/v8/artifacts/status`, {
      headers: { authorization: `Bearer ${token}` },
    })
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) break;
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`the remote cache did not answer in 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, storage, stop: () => stopProcess(child) };
}
