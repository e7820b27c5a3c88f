import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type GeneratedPackage, generateProvider } from "../scripts/codegen/pipeline.js";
import { scaffoldProvider } from "../scripts/codegen/scaffold.js";
import { repoRoot } from "../scripts/repo.js";

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "codegen");

/** A throwaway packages/ folder; removed by the returned cleanup. */
export function temporaryPackagesDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "codegen-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Scaffolds the fixture's package into `packagesDir` (so its README has the markers) and generates it. */
export async function generateFixture(name: string, packagesDir: string): Promise<GeneratedPackage> {
  const specPath = path.join(fixturesDir, name, "spec.yaml");
  await scaffoldProvider({ specPath, providerId: name, packagesDir });
  return generateProvider({ specPath, providerId: name, packagesDir });
}

export const coreDir = path.join(repoRoot, "packages", "oauth-core");
/** Resolves from the runtime package, where the workspace's tools are linked. */
export const fromCore = createRequire(path.join(coreDir, "package.json"));

/**
 * Links a scaffolded package in a temporary workspace as pnpm would: the runtime and the private test helpers as
 * workspace links, the tools the template's scripts and tests use, and the shared configuration files.
 */
export function linkDependencies(workspaceDir: string, packageDir: string): void {
  const link = (from: string, name: string) => {
    const target = path.join(from, "node_modules", name);
    if (existsSync(target)) return; // the workspace's links, made for an earlier package
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync(path.dirname(fromCore.resolve(`${name}/package.json`)), target, "dir");
  };
  for (const name of ["openapi-fetch", "tsup", "typescript", "vitest", "@types/node"]) link(packageDir, name);
  for (const name of ["tsup", "typescript", "@types/node"]) link(workspaceDir, name);
  mkdirSync(path.join(packageDir, "node_modules", "@x"), { recursive: true });
  symlinkSync(coreDir, path.join(packageDir, "node_modules", "@x", "oauth-core"), "dir");
  const testUtilsDir = path.join(repoRoot, "packages", "test-utils");
  symlinkSync(testUtilsDir, path.join(packageDir, "node_modules", "@x", "test-utils"), "dir");
  writeFileSync(path.join(workspaceDir, "package.json"), '{ "private": true, "type": "module" }\n');
  for (const shared of ["tsconfig.base.json", "tsup.shared.ts"]) {
    copyFileSync(path.join(repoRoot, shared), path.join(workspaceDir, shared));
  }
}
