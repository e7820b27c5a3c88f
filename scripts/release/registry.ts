import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import { repoRoot } from "./exec.js";

/** A throwaway npm registry (Verdaccio) on 127.0.0.1, with no uplink: it serves only what was published to it. */
export interface LocalRegistry {
  /** e.g. "http://127.0.0.1:41234/" (always with the trailing slash npm writes). */
  readonly url: string;
  /** The folder holding the config, the storage, the log and the client config files. */
  readonly root: string;
  /** A userconfig (.npmrc) that points npm and pnpm at this registry, with a publish token. */
  readonly npmrc: string;
  readonly token: string;
  /**
   * Environment for npm/pnpm/changesets that talks to this registry only: every inherited npm/pnpm setting is
   * dropped, the user's and the global npmrc are replaced by files in `root`, and npm's cache lives in `root`.
   */
  clientEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Verdaccio's own log (requests at level "http"). */
  log(): string;
  /** Stops the server and deletes `root`. Safe to call more than once. */
  stop(): Promise<void>;
}

const serverScript = path.join(import.meta.dirname, "registry-server.ts");
const publishUser = "release";

/** Environment variables that would let an inherited npm/pnpm setting leak into a client run. */
const clientSetting = /^(npm|pnpm)_config_/i;

export async function startLocalRegistry(options: { startTimeoutMs?: number } = {}): Promise<LocalRegistry> {
  const root = mkdtempSync(path.join(os.tmpdir(), "oauth-sdks-registry-"));
  let child: ChildProcess | undefined;
  try {
    const storage = path.join(root, "storage");
    mkdirSync(storage);
    const logFile = path.join(root, "verdaccio.log");
    const configFile = path.join(root, "config.yaml");
    writeFileSync(
      configFile,
      stringify({
        storage,
        auth: { htpasswd: { file: path.join(root, "htpasswd"), max_users: 10 } },
        // No uplink: nothing is ever fetched from another registry, and a missing package is a 404.
        uplinks: {},
        packages: {
          "@*/*": { access: "$all", publish: "$authenticated", unpublish: "$authenticated" },
          "**": { access: "$all", publish: "$authenticated", unpublish: "$authenticated" },
        },
        middlewares: { audit: { enabled: false } },
        web: { enable: false },
        // Longer than clients keep idle sockets, so a client never reuses one the server just closed.
        server: { keepAliveTimeout: 60 },
        log: { type: "file", path: logFile, format: "json", level: "http" },
      }),
    );

    child = spawn(process.execPath, ["--import", "tsx", serverScript, configFile], {
      cwd: repoRoot,
      env: { ...process.env, NODE_OPTIONS: "" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const port = await waitForPort(child, options.startTimeoutMs ?? 30_000, logFile);
    const url = `http://127.0.0.1:${port}/`;

    // Registering a user is how npm adduser works; the answer carries the token used for publishing.
    const password = randomBytes(12).toString("hex");
    const response = await fetch(new URL(`-/user/org.couchdb.user:${publishUser}`, url), {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: publishUser,
        password,
        type: "user",
        roles: [],
        date: new Date().toISOString(),
      }),
    });
    const body = (await response.json()) as { token?: string };
    if (!response.ok || !body.token)
      throw new Error(`the local registry refused to create a user: HTTP ${response.status}`);
    const token = body.token;

    const npmrc = path.join(root, "npmrc");
    const globalNpmrc = path.join(root, "global-npmrc");
    writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    writeFileSync(globalNpmrc, "");
    const npmCache = path.join(root, "npm-cache");

    const running = child;
    let stopped: Promise<void> | undefined;
    return {
      url,
      root,
      npmrc,
      token,
      clientEnv(extra = {}) {
        const env: NodeJS.ProcessEnv = {};
        for (const [key, value] of Object.entries(process.env))
          if (!clientSetting.test(key)) env[key] = value;
        return {
          ...env,
          npm_config_registry: url,
          npm_config_userconfig: npmrc,
          npm_config_globalconfig: globalNpmrc,
          npm_config_cache: npmCache,
          npm_config_update_notifier: "false",
          npm_config_fund: "false",
          npm_config_audit: "false",
          ...extra,
        };
      },
      log() {
        return existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
      },
      stop() {
        stopped ??= stopServer(running).finally(() => rmSync(root, { recursive: true, force: true }));
        return stopped;
      },
    };
  } catch (error) {
    if (child) await stopServer(child);
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

function waitForPort(child: ChildProcess, timeoutMs: number, logFile: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const fail = (reason: string) => {
      clearTimeout(timer);
      const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-2000) : "";
      reject(new Error(`the local registry did not start: ${reason}\n${stderr.slice(-2000)}\n${log}`));
    };
    const timer = setTimeout(() => fail(`no port after ${timeoutMs} ms`), timeoutMs);
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const line = /^\{"port":(\d+)\}$/m.exec(stdout);
      if (line?.[1]) {
        clearTimeout(timer);
        resolve(Number(line[1]));
      }
    });
    child.on("exit", (code) => fail(`it exited with ${code}`));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
