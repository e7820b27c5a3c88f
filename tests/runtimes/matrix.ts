// The runtime matrix's pieces: the pinned runtimes (tests/runtimes/toolchain, its own lockfile), a fresh
// project with every public package installed from the tarballs `pnpm pack` makes, and how each runtime runs
// the smoke suite (tests/runtimes/smoke) in that project for the providers of specs/.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pnpmPack } from "../../scripts/release/check-packs.js";
import { repoRoot } from "../../scripts/repo.js";
import { publicPackages, run, runPnpm } from "../../scripts/workspace.js";
import type { ProviderDescription } from "./smoke/grants.mjs";

export const toolchainDir = path.join(repoRoot, "tests/runtimes/toolchain");
const smokeDir = path.join(repoRoot, "tests/runtimes/smoke");
const bin = (...segments: string[]) => path.join(toolchainDir, "node_modules", ...segments);

/**
 * Installs the pinned runtimes from the toolchain's lockfile (the pnpm store caches them). miniflare declares
 * Node 22 and is only ever run by the Node 22 binary installed beside it, so the repository's engine-strict
 * setting (meant for Node 20 users of our packages) is off here. A node_modules made with another store (another
 * HOME) is replaced without asking, as there is no terminal to ask on.
 */
export async function installToolchain(env: NodeJS.ProcessEnv): Promise<void> {
  const args = ["install", "--frozen-lockfile", "--ignore-workspace", "--config.engine-strict=false"];
  args.push("--config.confirm-modules-purge=false");
  await runPnpm([...args, "--reporter=append-only"], {
    cwd: toolchainDir,
    env,
    timeoutMs: 600_000,
  });
}

/** The exact version the toolchain's lockfile pins for one of its dependencies (by its own name). */
export function pinnedToolchainVersion(name: string): string {
  const lock = readFileSync(path.join(toolchainDir, "pnpm-lock.yaml"), "utf8");
  const match = new RegExp(`\\n  /?${name.replace(/[/@]/g, "\\$&")}@(\\d[^:\\s(]*)`).exec(lock);
  if (!match?.[1]) throw new Error(`tests/runtimes/toolchain/pnpm-lock.yaml pins no ${name}`);
  return match[1];
}

/**
 * A fresh project (in `dir`) holding every public package as published: each packed by pnpm, installed
 * from its tarball, with the tarballs standing in for the registry's copies of each other. The smoke suite is
 * copied in, with `sandbox.mjs` naming the sandbox it talks to.
 */
export async function createConsumerProject(dir: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const tarballs = path.join(dir, "tarballs");
  mkdirSync(tarballs, { recursive: true });
  const dependencies: Record<string, string> = {};
  for (const pkg of publicPackages(repoRoot)) {
    const tgz = await pnpmPack(pkg.dir, tarballs);
    dependencies[pkg.manifest.name] = `file:./tarballs/${path.basename(tgz)}`;
  }
  const manifest = {
    name: "runtime-matrix-consumer",
    private: true,
    type: "module",
    dependencies,
    pnpm: { overrides: dependencies },
  };
  writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await runPnpm(["install", "--ignore-workspace", "--reporter=append-only"], {
    cwd: dir,
    env,
    timeoutMs: 300_000,
  });
  for (const file of ["suite.mjs", "grants.mjs", "main.mjs", "worker.mjs"]) {
    copyFileSync(path.join(smokeDir, file), path.join(dir, file));
  }
  return Object.keys(dependencies);
}

/**
 * Writes `providers.mjs`, the suite's providers: each description (from its spec) with the exports of its package
 * the suite uses, imported by name so a bundler (workerd's) keeps only those, as a user's bundle would.
 */
export function writeSuiteProviders(dir: string, providers: readonly ProviderDescription[]): void {
  const lines: string[] = [];
  const entries = providers.map((provider, index) => {
    const classes = Object.values(provider.grants).map((grant) => grant.className);
    const names = [...new Set([...classes, provider.errorClass, "createTokenManager", "toTokenSet"])];
    const imports = names.map((name) => `${name} as ${name}${index}`).join(", ");
    lines.push(`import { ${imports} } from ${JSON.stringify(provider.packageName)};`);
    const pkg = names.map((name) => `${name}: ${name}${index}`).join(", ");
    return `  { ...${JSON.stringify(provider)}, pkg: { ${pkg} } },`;
  });
  lines.push("", "export const providers = [", ...entries, "];");
  writeFileSync(path.join(dir, "providers.mjs"), `${lines.join("\n")}\n`);
}

export function pointSuiteAt(dir: string, sandboxUrl: string): void {
  writeFileSync(path.join(dir, "sandbox.mjs"), `export const sandboxUrl = ${JSON.stringify(sandboxUrl)};\n`);
}

export interface SuiteResult {
  provider: string;
  feature: string;
  ok: boolean;
  detail: string;
}

export interface SuiteReport {
  /** The runtime as it reports itself from inside (e.g. "deno 2.9.6", "Cloudflare-Workers"). */
  runtime: string;
  results: SuiteResult[];
}

export interface Runtime {
  name: string;
  /** The pinned version that runs, read from the binary or the toolchain's lockfile. */
  version(env: NodeJS.ProcessEnv): Promise<string>;
  /** What the runtime must say about itself from inside the suite. */
  identity: RegExp;
  /** Runs the smoke suite in the consumer project; resolves with the suite's report. */
  runSuite(consumerDir: string, env: NodeJS.ProcessEnv): Promise<SuiteReport>;
  /** A binary that runs the sandbox's CLI script, for runtimes the sandbox supports. */
  sandboxRuntime?: string;
}

const suiteTimeoutMs = 180_000;

function parseReport(stdout: string, label: string): SuiteReport {
  const line = stdout
    .split("\n")
    .reverse()
    .find((candidate) => candidate.startsWith('{"runtime"'));
  if (!line) throw new Error(`${label} printed no suite report:\n${stdout.slice(-2000)}`);
  return JSON.parse(line) as SuiteReport;
}

async function versionOf(binary: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await run(binary, args, { cwd: toolchainDir, env, timeoutMs: 60_000 });
  return /\d+\.\d+\.\d+/.exec(stdout)?.[0] ?? stdout.trim();
}

/** A runtime that runs the suite's file entry: `<binary> [...args] main.mjs`. */
function fileRuntime(name: string, binary: string, identity: RegExp, args: string[] = []): Runtime {
  return {
    name,
    identity,
    version: (env) => versionOf(binary, ["--version"], env),
    async runSuite(consumerDir, env) {
      const { stdout } = await run(binary, [...args, "main.mjs"], {
        cwd: consumerDir,
        env,
        timeoutMs: suiteTimeoutMs,
      });
      return parseReport(stdout, name);
    },
  };
}

const node22 = bin("node22/bin/node");
const node24 = bin("node24/bin/node");
const bun = bin("bun/bin/bun.exe");

export const runtimes: Runtime[] = [
  { ...fileRuntime("node 20", process.execPath, /^node 20\./), sandboxRuntime: process.execPath },
  { ...fileRuntime("node 22", node22, /^node 22\./), sandboxRuntime: node22 },
  { ...fileRuntime("node 24", node24, /^node 24\./), sandboxRuntime: node24 },
  { ...fileRuntime("bun", bun, /^bun \d/), sandboxRuntime: bun },
  fileRuntime("deno", bin(".bin/deno"), /^deno \d/, ["run", "--allow-net", "--allow-read", "--allow-env"]),
  {
    // workerd through miniflare 4, which itself needs Node 22: the suite is bundled as a Worker module, as
    // wrangler would bundle it, and answers one request.
    name: "workerd",
    identity: /^Cloudflare-Workers$/,
    version: async () => pinnedToolchainVersion("workerd"),
    async runSuite(consumerDir, env) {
      const bundle = path.join(consumerDir, "worker.bundle.mjs");
      await run(
        bin(".bin/esbuild"),
        [
          "worker.mjs",
          "--bundle",
          "--format=esm",
          "--platform=browser",
          "--conditions=workerd,worker,browser",
          `--outfile=${bundle}`,
        ],
        { cwd: consumerDir, env, timeoutMs: 120_000 },
      );
      const { stdout } = await run(node22, [path.join(toolchainDir, "run-worker.mjs"), bundle], {
        cwd: toolchainDir,
        env,
        timeoutMs: suiteTimeoutMs,
      });
      return parseReport(stdout, "workerd");
    },
  },
];
