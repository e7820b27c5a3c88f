import { spawn } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../repo.js";

export { repoRoot };

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Exit codes other than 0 are returned instead of thrown. */
  allowFailure?: boolean;
  timeoutMs?: number;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
  ) {
    super(
      `${command} exited with ${result.code}\n--- stdout ---\n${tail(result.stdout)}\n--- stderr ---\n${tail(result.stderr)}`,
    );
    this.name = "CommandError";
  }
}

function tail(text: string, max = 6000): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}

/**
 * Runs a command without blocking the event loop (a local registry may be serving from this very process)
 * and collects its output. Throws with both streams on a non-zero exit unless allowFailure is set.
 */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const shown = [command, ...args].join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            stderr += `\n[killed after ${options.timeoutMs} ms]`;
            child.kill("SIGKILL");
          }, options.timeoutMs);
    child.on("error", (error) => {
      if (timer) clearTimeout(timer);
      reject(new Error(`cannot start ${shown}: ${error.message}`));
    });
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      const result = { code: code ?? (signal ? 128 : 1), stdout, stderr };
      if (result.code !== 0 && !options.allowFailure) reject(new CommandError(shown, result));
      else resolve(result);
    });
  });
}

/** The repository root: the folder holding pnpm-workspace.yaml above this file. */

/** The pnpm version the repository pins in package.json#packageManager. */
export function pinnedPnpmVersion(root = repoRoot): string {
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    packageManager?: string;
  };
  const match = /^pnpm@(\d+\.\d+\.\d+)/.exec(manifest.packageManager ?? "");
  if (!match?.[1])
    throw new Error(`${path.join(root, "package.json")}: packageManager must be "pnpm@<x.y.z>"`);
  return match[1];
}

let pnpmCliPath: Promise<string> | undefined;

/**
 * The pnpm CLI (its pnpm.cjs) to run with this Node: the running pnpm when called from a pnpm script
 * (npm_execpath), otherwise the pinned version fetched once by npx with the caller's own npm settings. Found
 * before any command runs against a local registry, which does not hold pnpm.
 */
export function pnpmCli(): Promise<string> {
  pnpmCliPath ??= (async () => {
    const execPath = process.env.npm_execpath;
    if (execPath && /pnpm\.c?js$/.test(execPath) && existsSync(execPath)) return execPath;
    const found = await run(
      "npx",
      ["-y", "--package", `pnpm@${pinnedPnpmVersion()}`, "-c", "command -v pnpm"],
      {
        cwd: repoRoot,
      },
    );
    return realpathSync(found.stdout.trim().split("\n").pop() ?? "");
  })();
  return pnpmCliPath;
}

export async function runPnpm(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return run(process.execPath, [await pnpmCli(), ...args], options);
}
