// Packs every public workspace package the way `changeset publish` will (pnpm pack rewrites `workspace:` and
// `catalog:` ranges) and checks each tarball before anything reaches a registry: no workspace-only range left,
// every entry point present, nothing users do not need. Exit 1 with the list of problems otherwise.
//
//   tsx scripts/release/verify-packs.ts
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot, runPnpm } from "./exec.js";
import { checkPackedManifest, checkTarballContents } from "./package-checks.js";
import { type PackedPackage, readTarball } from "./tarball.js";
import { publicPackages, type WorkspacePackage } from "./workspace.js";

/** Packs one workspace package with pnpm into `destination` and returns the tarball's path. */
export async function packWorkspacePackage(pkg: WorkspacePackage, destination: string): Promise<string> {
  const before = new Set(readdirSync(destination));
  await runPnpm(["pack", "--pack-destination", destination], { cwd: pkg.dir, timeoutMs: 120_000 });
  const created = readdirSync(destination).filter((file) => file.endsWith(".tgz") && !before.has(file));
  if (created.length !== 1 || !created[0]) {
    throw new Error(`pnpm pack in ${pkg.relativeDir} made ${created.length} tarballs, expected one`);
  }
  return path.join(destination, created[0]);
}

export interface VerifiedPack {
  pkg: WorkspacePackage;
  packed: PackedPackage;
  problems: string[];
}

export async function verifyPacks(root: string): Promise<VerifiedPack[]> {
  const destination = mkdtempSync(path.join(os.tmpdir(), "oauth-sdks-packs-"));
  try {
    const results: VerifiedPack[] = [];
    for (const pkg of publicPackages(root)) {
      const packed = readTarball(readFileSync(await packWorkspacePackage(pkg, destination)));
      const problems = [
        ...checkPackedManifest(packed.manifest, { version: pkg.manifest.version }),
        ...checkTarballContents(packed),
      ];
      results.push({ pkg, packed, problems });
    }
    return results;
  } finally {
    rmSync(destination, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results = await verifyPacks(repoRoot);
  let failed = false;
  for (const { pkg, packed, problems } of results) {
    const label = `${pkg.manifest.name}@${pkg.manifest.version}`;
    if (problems.length === 0) {
      console.log(`verify-packs: ${label} ok (${packed.files.length} files)`);
      continue;
    }
    failed = true;
    console.error(`verify-packs: ${label} is not fit to publish:`);
    for (const problem of problems) console.error(`  - ${problem}`);
  }
  if (results.length === 0) console.log("verify-packs: no public package in the workspace");
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await main();
