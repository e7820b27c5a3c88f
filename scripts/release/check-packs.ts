// The gate before `changeset publish`: packs every public package as it will be published (pnpm pack rewrites
// `workspace:` and `catalog:` ranges) and checks each tarball with publint (entry points packed, exports well
// formed), then for what publint leaves alone: a range that only resolves inside the workspace, a registry named in
// publishConfig (a release goes to the registry it is given, no other), an install script, a file users never need.
// Exit 1 with the list of problems otherwise.
//
//   tsx scripts/release/check-packs.ts
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { unpack } from "@publint/pack";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { repoRoot } from "../repo.js";
import { type PackageManifest, publicPackages, runPnpm } from "../workspace.js";

export interface CheckedTarball {
  manifest: PackageManifest;
  /** Paths inside the package, sorted. */
  files: string[];
  /** Readable sentences; empty when the tarball is fit to publish. */
  problems: string[];
}

/** Packs the package in `dir` with pnpm into `destination` and returns the tarball's path. */
export async function pnpmPack(dir: string, destination: string): Promise<string> {
  const { stdout } = await runPnpm(["pack", "--json", "--pack-destination", destination], {
    cwd: dir,
    timeoutMs: 120_000,
  });
  return (JSON.parse(stdout) as { filename: string }).filename;
}

const dependencyFields = ["dependencies", "optionalDependencies", "peerDependencies"] as const;
const developmentFile =
  /(^|\/)(src|tests?|__tests__|__snapshots__|fixtures)\/|\.(test|spec)\.[cm]?[jt]sx?$|\.(map|tsbuildinfo|tgz|log)$|(^|\/)(tsconfig[^/]*\.json|\.npmrc|\.env[^/]*)$/;

export async function checkTarball(tgz: Uint8Array): Promise<CheckedTarball> {
  const { files: packed, rootDir } = await unpack(tgz);
  const { messages, pkg } = await publint({
    pack: { files: packed },
    pkgDir: rootDir,
    strict: true,
    level: "warning",
  });
  const manifest = pkg as PackageManifest;
  const files = packed.map((file) => file.name.slice(rootDir.length + 1)).sort();
  const problem = (text: string) => `${manifest.name}: ${text}`;
  const problems = messages.map((message) =>
    problem(formatMessage(message, pkg, { color: false }) ?? message.code),
  );
  for (const field of dependencyFields) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (/^(workspace|catalog):/.test(range))
        problems.push(problem(`${field}["${name}"] is "${range}", which only resolves inside the workspace`));
    }
  }
  for (const key of Object.keys(manifest.publishConfig ?? {}).filter((key) => /(^|:)registry$/.test(key)))
    problems.push(problem(`publishConfig.${key} sends it elsewhere than the registry the release is given`));
  for (const script of ["preinstall", "install", "postinstall"]) {
    if (manifest.scripts?.[script])
      problems.push(problem(`scripts.${script} would run on every user's install`));
  }
  if (!files.some((file) => /^readme(\.md)?$/i.test(file)))
    problems.push(problem("the tarball has no README"));
  for (const file of files.filter((file) => developmentFile.test(file)))
    problems.push(problem(`${file} is a development file; users do not need it`));
  return { manifest, files, problems };
}

/** Every public package of the workspace at `root`, packed and checked. */
export async function checkPacks(root: string): Promise<CheckedTarball[]> {
  const destination = mkdtempSync(path.join(os.tmpdir(), "oauth-sdks-packs-"));
  try {
    const results: CheckedTarball[] = [];
    for (const pkg of publicPackages(root)) {
      results.push(await checkTarball(readFileSync(await pnpmPack(pkg.dir, destination))));
    }
    return results;
  } finally {
    rmSync(destination, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results = await checkPacks(repoRoot);
  for (const { manifest, files, problems } of results) {
    const label = `${manifest.name}@${manifest.version}`;
    if (problems.length === 0) console.log(`check-packs: ${label} ok (${files.length} files)`);
    else console.error(`check-packs: ${label} is not fit to publish:\n  - ${problems.join("\n  - ")}`);
  }
  if (results.some((result) => result.problems.length > 0)) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await main();
