// The release, end to end, against a real npm registry (Verdaccio) on 127.0.0.1 with no uplink:
// in a copy of this repository, add a changeset, run `version-packages` and `release`, check what was
// published, publish again (nothing happens), then install each provider package into an empty project with
// npm and with pnpm, as a user would, and use it against the sandbox.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { releasePlan } from "../scripts/release/check-changesets.js";
import { type CheckedTarball, checkTarball } from "../scripts/release/check-packs.js";
import { copyWorkingTree } from "../scripts/release/copy-working-tree.js";
import { type LocalRegistry, startLocalRegistry } from "../scripts/release/local-registry.js";
import { seedRegistry } from "../scripts/release/seed-registry.js";
import { repoRoot } from "../scripts/repo.js";
import { pnpmCli, run, runPnpm, type WorkspacePackage, workspacePackages } from "../scripts/workspace.js";
import {
  compile,
  consumerOptions,
  installedPackages,
  type PackageManagerName,
  readmeExample,
  resolvedRegistries,
} from "./release/consumer.js";
import { providerCases } from "./release/providers.js";
import { type SandboxInfo, startSandboxCli } from "./release/sandbox.js";

type Bump = "patch" | "minor" | "major";

/** The changeset this test adds: the runtime gets a fix, one provider a feature. */
const changesetBumps: Record<string, Bump> = { "@x/oauth-core": "patch", "@x/criteo-oauth": "minor" };
const summary = `Release check ${randomBytes(4).toString("hex")}: a change users can read about.`;

const cleanups: Array<() => void | Promise<void>> = [];
let registry: LocalRegistry;
let work: string;
let copy: string;
let clientEnv: NodeJS.ProcessEnv;
let before: Map<string, WorkspacePackage>;
let after: WorkspacePackage[];
let releaseOutput: string;
const published = new Map<string, { packument: Packument; tarball: CheckedTarball; tgz: Buffer }>();
const timings: string[] = [];
const pendingChangesets: Array<Map<string, string>> = [];

interface Packument {
  "dist-tags": Record<string, string>;
  versions: Record<string, { dist: { tarball: string; integrity: string } }>;
  time?: Record<string, string>;
}

async function timed<T>(label: string, step: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  try {
    return await step();
  } finally {
    timings.push(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

function bumpVersion(version: string, bump: Bump): string {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/**
 * The versions the release must have: the changeset's bumps, and a patch for every public package that
 * depends on a bumped one (the config bumps internal dependents always, so users get the new runtime).
 */
function expectedVersions(
  packages: WorkspacePackage[],
  changesets: Array<Map<string, string>>,
): Map<string, string> {
  const order: Bump[] = ["patch", "minor", "major"];
  const bumps = new Map<string, Bump>();
  for (const changeset of changesets) {
    for (const [name, bump] of changeset) {
      const current = bumps.get(name);
      if (
        order.includes(bump as Bump) &&
        (!current || order.indexOf(bump as Bump) > order.indexOf(current))
      ) {
        bumps.set(name, bump as Bump);
      }
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const pkg of packages) {
      if (pkg.manifest.private || bumps.has(pkg.manifest.name)) continue;
      const { dependencies = {}, peerDependencies = {}, optionalDependencies = {} } = pkg.manifest;
      const runtime = Object.keys({ ...dependencies, ...peerDependencies, ...optionalDependencies });
      if (runtime.some((name) => bumps.has(name))) {
        bumps.set(pkg.manifest.name, "patch");
        changed = true;
      }
    }
  }
  return new Map(
    packages
      .filter((pkg) => !pkg.manifest.private)
      .map((pkg) => {
        const bump = bumps.get(pkg.manifest.name);
        return [pkg.manifest.name, bump ? bumpVersion(pkg.manifest.version, bump) : pkg.manifest.version];
      }),
  );
}

/** Git settings for child processes, without touching any git config file. */
function gitConfigEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const entries = Object.entries(settings);
  const env: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: String(entries.length) };
  for (const [index, [key, value]] of entries.entries()) {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  }
  return env;
}

async function packument(name: string): Promise<Packument> {
  const response = await fetch(new URL(name.replace("/", "%2f"), registry.url), {
    headers: { accept: "application/json" },
  });
  if (!response.ok) throw new Error(`GET ${name} from the local registry: HTTP ${response.status}`);
  return (await response.json()) as Packument;
}

beforeAll(async () => {
  // Found first: the local registry does not hold pnpm itself.
  const pnpm = await pnpmCli();
  registry = await timed("start the local registry", () => startLocalRegistry());
  cleanups.push(() => registry.stop());
  work = mkdtempSync(path.join(os.tmpdir(), "oauth-sdks-release-"));
  cleanups.push(() => rmSync(work, { recursive: true, force: true }));
  copy = path.join(work, "repo");

  // changesets and turbo call `pnpm` by name: the same pnpm as this run.
  const bin = path.join(work, "bin");
  mkdirSync(bin);
  writeFileSync(path.join(bin, "pnpm"), `#!/bin/sh\nexec "${process.execPath}" "${pnpm}" "$@"\n`, {
    mode: 0o755,
  });
  clientEnv = registry.clientEnv({
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
    TURBO_TELEMETRY_DISABLED: "1",
    REDOCLY_TELEMETRY: "off",
    // The repository's own turbo cache: codegen of unchanged specs is a hit; builds of bumped versions are not.
    TURBO_CACHE_DIR: path.join(repoRoot, ".turbo", "cache"),
    // The copy's commits and changesets' tags need an author, and must not wait for a signing key.
    ...gitConfigEnv({
      "user.name": "Release test",
      "user.email": "release-test@localhost",
      "commit.gpgSign": "false",
      "tag.gpgSign": "false",
    }),
  });

  await timed("copy the working tree", () => copyWorkingTree(repoRoot, copy));
  // From the local store only: the copy must install with no network.
  await timed("pnpm install (offline)", () =>
    runPnpm(["install", "--frozen-lockfile", "--offline"], { cwd: copy, env: clientEnv }),
  );
  before = new Map(workspacePackages(copy).map((pkg) => [pkg.manifest.name, pkg]));
  for (const name of Object.keys(changesetBumps)) {
    if (!before.has(name)) throw new Error(`the changeset names ${name}, which is not in the workspace`);
  }

  const changeset = Object.entries(changesetBumps)
    .map(([name, bump]) => `"${name}": ${bump}`)
    .join("\n");
  writeFileSync(path.join(copy, ".changeset", "release-check.md"), `---\n${changeset}\n---\n\n${summary}\n`);
  // Changesets already waiting in the repository are released too, as they would be for real.
  for (const { releases } of (await releasePlan(copy)).changesets) {
    pendingChangesets.push(new Map(releases.map((release) => [release.name, release.type])));
  }
  await timed("pnpm run version-packages", () =>
    runPnpm(["run", "version-packages"], { cwd: copy, env: { ...clientEnv, npm_config_offline: "true" } }),
  );
  after = workspacePackages(copy);
  await run("git", ["add", "--all"], { cwd: copy, env: clientEnv });
  await run("git", ["commit", "--quiet", "--message", "Version packages"], { cwd: copy, env: clientEnv });

  const release = await timed("pnpm run release", () =>
    runPnpm(["run", "release"], { cwd: copy, env: clientEnv }),
  );
  releaseOutput = release.stdout + release.stderr;
  timings.push(`  turbo: ${/Cached:.*$/m.exec(releaseOutput)?.[0] ?? "?"}`);

  for (const pkg of after.filter((candidate) => !candidate.manifest.private)) {
    const document = await packument(pkg.manifest.name);
    const dist = document.versions[pkg.manifest.version]?.dist;
    if (!dist) continue; // reported by the tests below
    const tgz = Buffer.from(await (await fetch(dist.tarball)).arrayBuffer());
    published.set(pkg.manifest.name, { packument: document, tarball: await checkTarball(tgz), tgz });
  }

  // No uplink: a user's install finds third-party runtime dependencies only if they are here too.
  await timed("publish third-party runtime dependencies", () =>
    seedRegistry(
      registry,
      after.filter((pkg) => !pkg.manifest.private),
    ),
  );
  // A guard against a hang, not a budget: on a shared two-core machine the release's builds alone took 5 minutes.
}, 900_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error("cleanup failed:", error);
    }
  }
  console.log(`release e2e timings:\n  ${timings.join("\n  ")}`);
});

describe("changeset version", () => {
  test("bumps the named packages and every public package that depends on them", () => {
    const expected = expectedVersions([...before.values()], pendingChangesets);
    const actual = new Map(
      after.filter((pkg) => !pkg.manifest.private).map((pkg) => [pkg.manifest.name, pkg.manifest.version]),
    );
    expect(actual).toEqual(expected);
    expect(actual.get("@x/oauth-core")).not.toBe(before.get("@x/oauth-core")?.manifest.version);
  });

  test("writes a CHANGELOG.md entry for each bumped package", () => {
    for (const pkg of after.filter((candidate) => !candidate.manifest.private)) {
      const previous = before.get(pkg.manifest.name)?.manifest.version;
      if (previous === pkg.manifest.version) continue;
      const changelog = readFileSync(path.join(pkg.dir, "CHANGELOG.md"), "utf8");
      expect(changelog, pkg.manifest.name).toContain(`## ${pkg.manifest.version}`);
      const named = pendingChangesets.some((changeset) => changeset.has(pkg.manifest.name));
      if (pkg.manifest.name in changesetBumps) expect(changelog, pkg.manifest.name).toContain(summary);
      // Released only because a dependency was: changesets says which.
      else if (!named) expect(changelog, pkg.manifest.name).toMatch(/Updated dependencies/);
    }
  });

  test("consumes the changeset and leaves the lockfile in step", async () => {
    expect(existsSync(path.join(copy, ".changeset", "release-check.md"))).toBe(false);
    await runPnpm(["install", "--frozen-lockfile", "--offline", "--lockfile-only"], {
      cwd: copy,
      env: clientEnv,
    });
  });
});

describe("changeset publish to the local registry", () => {
  test("publishes every public package at its new version, as latest, and tags it in git", async () => {
    const publicPackages = after.filter((pkg) => !pkg.manifest.private);
    expect(publicPackages.length).toBeGreaterThan(0);
    const tags = (await run("git", ["tag", "--list"], { cwd: copy })).stdout.split("\n");
    for (const { manifest } of publicPackages) {
      const entry = published.get(manifest.name);
      expect(entry, `${manifest.name}@${manifest.version} is not on the registry`).toBeDefined();
      expect(entry?.packument["dist-tags"].latest).toBe(manifest.version);
      expect(Object.keys(entry?.packument.versions ?? {})).toEqual([manifest.version]);
      expect(tags).toContain(`${manifest.name}@${manifest.version}`);
    }
    expect(releaseOutput).toMatch(/packages published successfully/);
  });

  test("published manifests carry no workspace: or catalog: range, and point at the new internal versions", () => {
    const versions = new Map(after.map((pkg) => [pkg.manifest.name, pkg.manifest.version]));
    for (const [name, { tarball, tgz, packument: document }] of published) {
      expect(tarball.manifest.version, name).toBe(versions.get(name));
      expect(JSON.stringify(tarball.manifest)).not.toMatch(/"(workspace|catalog):/);
      for (const [dependency, range] of Object.entries(tarball.manifest.dependencies ?? {})) {
        const internal = versions.get(dependency);
        if (internal) expect(range, `${name} → ${dependency}`).toContain(internal);
      }
      const integrity = `sha512-${createHash("sha512").update(tgz).digest("base64")}`;
      expect(document.versions[tarball.manifest.version]?.dist.integrity).toBe(integrity);
    }
  });

  test("tarballs hold only what users need", () => {
    for (const [name, { tarball }] of published) {
      expect(tarball.problems, name).toEqual([]);
      expect(
        tarball.files.some((file) => file.startsWith("dist/")),
        name,
      ).toBe(true);
    }
  });

  test("publishing again publishes nothing and fails nothing", async () => {
    const again = await timed("pnpm run release, again", () =>
      runPnpm(["run", "release"], { cwd: copy, env: clientEnv }),
    );
    timings.push(`  turbo: ${/Cached:.*$/m.exec(again.stdout)?.[0] ?? "?"}`);
    expect(again.stdout + again.stderr).toMatch(/No unpublished projects to publish/);
    expect(again.stdout + again.stderr).not.toMatch(/packages published successfully/);
    for (const [name, { packument: first }] of published) {
      const now = await packument(name);
      expect(Object.keys(now.versions), name).toEqual(Object.keys(first.versions));
      expect(now.time?.modified, name).toBe(first.time?.modified);
    }
  });
});

describe.each<PackageManagerName>(["npm", "pnpm"])("a user installs with %s", (manager) => {
  let sandbox: SandboxInfo;
  /** Per package: its project folder, or why the project could not be set up. */
  const projects = new Map<string, { dir: string; error?: unknown }>();
  const diagnostics = { NodeNext: [] as string[], Bundler: [] as string[] };

  beforeAll(async () => {
    sandbox = await startPublishedSandbox(manager);
    await Promise.all(
      providerCases.map(async (provider) => {
        // An empty folder, as a user starts: the install writes package.json itself.
        const dir = mkdtempSync(path.join(work, `${manager}-${provider.packageName.replace(/\W+/g, "-")}-`));
        projects.set(provider.packageName, { dir });
        try {
          await timed(`${manager} ${provider.packageName}: install`, () =>
            install(manager, dir, provider.packageName),
          );
          const readme = readFileSync(
            path.join(dir, "node_modules", provider.packageName, "README.md"),
            "utf8",
          );
          writeFileSync(path.join(dir, "readme-example.mts"), readmeExample(readme, provider.packageName));
          writeFileSync(path.join(dir, "get-token.mts"), provider.consumer);
          writeFileSync(path.join(dir, "get-token.cts"), provider.consumer);
        } catch (error) {
          projects.set(provider.packageName, { dir, error });
        }
      }),
    );
    // One strict compile per module resolution over every project: each file resolves from its own folder.
    const ready = [...projects.values()].filter((project) => !project.error).map((project) => project.dir);
    const files = (...names: string[]) => ready.flatMap((dir) => names.map((name) => path.join(dir, name)));
    diagnostics.NodeNext = await timed(`${manager}: tsc NodeNext, all packages`, () =>
      compile(
        files("readme-example.mts", "get-token.mts", "get-token.cts"),
        consumerOptions("NodeNext", true),
      ),
    );
    diagnostics.Bundler = await timed(`${manager}: tsc Bundler, all packages`, () =>
      compile(files("readme-example.mts", "get-token.mts"), consumerOptions("Bundler", false)),
    );
  }, 180_000);

  test.each(providerCases)("$packageName", async (provider) => {
    const project = projects.get(provider.packageName);
    if (!project || project.error) throw project?.error ?? new Error("not set up");
    const { dir } = project;
    const label = `${manager} ${provider.packageName}`;

    expect(installedPackages(dir, manager)).toEqual([provider.packageName, ...provider.runtime].sort());
    expect(resolvedRegistries(dir, manager)).toEqual([registry.url]);

    const shipped = published.get(provider.packageName)?.tarball.manifest;
    expect(shipped, `${provider.packageName} was not published`).toBeDefined();
    const name = JSON.stringify(provider.packageName);
    const esm = await run(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const m = await import(${name}); console.log(JSON.stringify(Object.keys(m).sort()))`,
      ],
      { cwd: dir, env: clientEnv },
    );
    const esmExports = JSON.parse(esm.stdout) as string[];
    expect(esmExports).toEqual(expect.arrayContaining(provider.exports));
    const shipsCjs = JSON.stringify(shipped?.exports ?? {}).includes('"require"');
    if (shipsCjs) {
      const cjs = await run(
        process.execPath,
        ["-e", `console.log(JSON.stringify(Object.keys(require(${name})).sort()))`],
        { cwd: dir, env: clientEnv },
      );
      expect(JSON.parse(cjs.stdout)).toEqual(esmExports);
    }

    // The README example and a token fetcher, compiled the way a strict user would, both resolutions.
    const others = [...projects.values()].map((other) => other.dir).filter((other) => other !== dir);
    const own = (lines: string[]) => lines.filter((line) => !others.some((other) => line.includes(other)));
    expect(own(diagnostics.NodeNext)).toEqual([]);
    expect(own(diagnostics.Bundler)).toEqual([]);

    // Each module system gets its own code: a code is good for one exchange only.
    const ways = [
      ["import", 'await import("./get-token.mjs")', ["--input-type=module"]],
      ...(shipsCjs ? ([["require", 'require("./get-token.cjs")', []]] as const) : []),
    ] as const;
    for (const [way, load, nodeArgs] of ways) {
      const input = await provider.prepare(sandbox);
      const code = `const { getToken } = ${load}; getToken(${JSON.stringify(input)}).then((token) => console.log(JSON.stringify(token)))`;
      const { stdout } = await timed(`${label}: ${way} and get a token`, () =>
        run(process.execPath, [...nodeArgs, "-e", code], { cwd: dir, env: clientEnv }),
      );
      const token = JSON.parse(stdout) as unknown;
      expect(typeof token, way).toBe("string");
      expect(
        await sandbox.isLive(provider.sandboxId, token as string),
        `${way}: ${String(token)} is not live`,
      ).toBe(true);
    }
  });
});

async function install(manager: PackageManagerName, project: string, packageName: string): Promise<void> {
  if (manager === "npm") {
    await run("npm", ["install", packageName, "--no-audit", "--no-fund"], { cwd: project, env: clientEnv });
  } else {
    const store = path.join(work, "pnpm-store");
    const cache = path.join(work, "pnpm-cache");
    await runPnpm(["add", packageName, "--store-dir", store, "--cache-dir", cache], {
      cwd: project,
      env: clientEnv,
    });
  }
}

/** Installs @x/oauth-sandbox from the local registry like any user and runs its CLI. */
async function startPublishedSandbox(manager: PackageManagerName): Promise<SandboxInfo> {
  const project = mkdtempSync(path.join(work, `${manager}-sandbox-`));
  await timed(`${manager} @x/oauth-sandbox: install`, () => install(manager, project, "@x/oauth-sandbox"));
  const sandbox = await startSandboxCli(path.join(project, "node_modules", ".bin", "oauth-sandbox"), {
    cwd: project,
    env: clientEnv,
  });
  cleanups.push(() => sandbox.stop());
  return sandbox;
}
