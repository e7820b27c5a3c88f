import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { stringify } from "yaml";
import { repoRoot } from "../repo.js";

/** A throwaway npm registry (Verdaccio) on 127.0.0.1, with no uplink: it serves only what was published to it. */
export interface LocalRegistry {
  /** e.g. "http://127.0.0.1:41234/" (always with the trailing slash npm writes). */
  readonly url: string;
  /** The folder holding the config, the storage, the log and the client config files. */
  readonly root: string;
  /**
   * Environment for npm/pnpm/changesets that talks to this registry only, with a publish token: every inherited
   * npm/pnpm setting is dropped, the user's and the global npmrc are replaced by files in `root`, and npm's cache
   * lives in `root`.
   */
  clientEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Stops the server and deletes `root`. Safe to call more than once. */
  stop(): Promise<void>;
}

const serverScript = path.join(import.meta.dirname, "local-registry-server.ts");

export async function startLocalRegistry(): Promise<LocalRegistry> {
  const root = mkdtempSync(path.join(os.tmpdir(), "oauth-sdks-registry-"));
  const logFile = path.join(root, "verdaccio.log");
  const configFile = path.join(root, "config.yaml");
  const access = { access: "$all", publish: "$authenticated", unpublish: "$authenticated" };
  mkdirSync(path.join(root, "storage"));
  writeFileSync(
    configFile,
    stringify({
      storage: path.join(root, "storage"),
      auth: { htpasswd: { file: path.join(root, "htpasswd"), max_users: 10 } },
      // No uplink: nothing is ever fetched from another registry, and a missing package is a 404.
      uplinks: {},
      packages: { "@*/*": access, "**": access },
      middlewares: { audit: { enabled: false } },
      web: { enable: false },
      // Longer than clients keep idle sockets, so a client never reuses one the server just closed.
      server: { keepAliveTimeout: 60 },
      log: { type: "file", path: logFile, format: "json", level: "http" },
    }),
  );
  const child = spawn(process.execPath, ["--import", "tsx", serverScript, configFile], {
    cwd: repoRoot,
    env: { ...process.env, NODE_OPTIONS: "" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  try {
    const url = `http://127.0.0.1:${await waitForPort(child, logFile)}/`;
    // What `npm adduser` does: register a user; the answer carries the token used for publishing.
    const response = await fetch(new URL("-/user/org.couchdb.user:release", url), {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "release", password: randomBytes(12).toString("hex"), type: "user" }),
    });
    const { token } = (await response.json()) as { token?: string };
    if (!response.ok || !token) throw new Error(`the local registry refused a user: HTTP ${response.status}`);

    const npmrc = path.join(root, "npmrc");
    const globalNpmrc = path.join(root, "global-npmrc");
    writeFileSync(npmrc, `registry=${url}\n//${new URL(url).host}/:_authToken=${token}\n`);
    writeFileSync(globalNpmrc, "");
    let stopped: Promise<void> | undefined;
    return {
      url,
      root,
      clientEnv(extra = {}) {
        const inherited = Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_config_/i.test(key));
        return {
          ...Object.fromEntries(inherited),
          npm_config_registry: url,
          npm_config_userconfig: npmrc,
          npm_config_globalconfig: globalNpmrc,
          npm_config_cache: path.join(root, "npm-cache"),
          npm_config_update_notifier: "false",
          npm_config_fund: "false",
          npm_config_audit: "false",
          ...extra,
        };
      },
      stop() {
        stopped ??= stopServer(child).finally(() => rmSync(root, { recursive: true, force: true }));
        return stopped;
      },
    };
  } catch (error) {
    await stopServer(child);
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

/** The port the server prints as its first line, `{"port":N}`, once it listens. */
function waitForPort(child: ChildProcess, logFile: string): Promise<number> {
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-2000) : "";
      reject(new Error(`the local registry did not start: ${reason}\n${stderr.slice(-2000)}\n${log}`));
    };
    const timer = setTimeout(() => fail("no port after 60 s"), 60_000);
    child.once("exit", (code) => fail(`it exited with ${code}`));
    createInterface({ input: child.stdout as Readable }).once("line", (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
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
