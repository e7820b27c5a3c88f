// The workspace's packages and the pnpm the repository pins, and how scripts, tests and benches run commands: Node's
// execFile, which leaves the event loop free (a local registry may be serving from this very process). Not tinyexec:
// it merges process.env into every child's environment, and a registry client must get exactly the environment it is
// given.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { getPackagesSync } from "@manypkg/get-packages";
import { repoRoot } from "./repo.js";

export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
  publishConfig?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface WorkspacePackage {
  /** Absolute folder of the package. */
  dir: string;
  /** Folder relative to the workspace root, with forward slashes (e.g. "packages/criteo-oauth"). */
  relativeDir: string;
  manifest: PackageManifest;
}

/** The packages pnpm-workspace.yaml names, sorted by name. */
export function workspacePackages(root = repoRoot): WorkspacePackage[] {
  return getPackagesSync(root)
    .packages.map(({ dir, packageJson }) => ({
      dir,
      relativeDir: path.relative(root, dir).split(path.sep).join("/"),
      manifest: packageJson as PackageManifest,
    }))
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

/** The workspace packages that are published. */
export function publicPackages(root = repoRoot): WorkspacePackage[] {
  return workspacePackages(root).filter((pkg) => pkg.manifest.private !== true);
}

/** The pnpm version the repository pins in package.json#packageManager. */
export function pinnedPnpmVersion(root = repoRoot): string {
  const file = path.join(root, "package.json");
  const { packageManager = "" } = JSON.parse(readFileSync(file, "utf8")) as { packageManager?: string };
  const version = /^pnpm@(\d+\.\d+\.\d+)/.exec(packageManager)?.[1];
  if (!version) throw new Error(`${file}: packageManager must be "pnpm@<x.y.z>"`);
  return version;
}

const execFileAsync = promisify(execFile);

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

const tail = (text: string) => (text.length > 6000 ? `…${text.slice(-6000)}` : text);

/** Runs a command and returns its output; a failure throws with the end of both streams. */
export async function run(
  command: string,
  args: readonly string[],
  { cwd, env = process.env, timeoutMs }: RunOptions,
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(command, args, {
      cwd,
      env,
      timeout: timeoutMs,
      killSignal: "SIGKILL",
      maxBuffer: 256 * 1024 * 1024,
      encoding: "utf8",
    });
  } catch (error) {
    const { code, stdout = "", stderr = "" } = error as { code?: unknown; stdout?: string; stderr?: string };
    const shown = [command, ...args].join(" ");
    throw new Error(
      `${shown} failed (${code})\n--- stdout ---\n${tail(stdout)}\n--- stderr ---\n${tail(stderr)}`,
    );
  }
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
    const pnpm = `pnpm@${pinnedPnpmVersion()}`;
    const found = await run("npx", ["-y", "--package", pnpm, "-c", "command -v pnpm"], { cwd: repoRoot });
    return realpathSync(found.stdout.trim().split("\n").pop() ?? "");
  })();
  return pnpmCliPath;
}

export async function runPnpm(args: readonly string[], options: RunOptions) {
  return run(process.execPath, [await pnpmCli(), ...args], options);
}
