import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  files?: string[];
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
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

export function readManifest(file: string): PackageManifest {
  const manifest = JSON.parse(readFileSync(file, "utf8")) as PackageManifest;
  if (typeof manifest.name !== "string" || typeof manifest.version !== "string") {
    throw new Error(`${file}: a workspace package needs a "name" and a "version"`);
  }
  return manifest;
}

/**
 * The workspace packages named by pnpm-workspace.yaml. Only "<folder>/*" patterns are supported, which is
 * what this repository uses; anything else is an error rather than a silent miss.
 */
export function listWorkspacePackages(root: string): WorkspacePackage[] {
  const workspaceFile = path.join(root, "pnpm-workspace.yaml");
  const workspace = parse(readFileSync(workspaceFile, "utf8")) as { packages?: string[] };
  const packages: WorkspacePackage[] = [];
  for (const pattern of workspace.packages ?? []) {
    const match = /^([\w.-]+)\/\*$/.exec(pattern);
    if (!match?.[1])
      throw new Error(`${workspaceFile}: unsupported packages pattern "${pattern}" (use "<folder>/*")`);
    const parent = path.join(root, match[1]);
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const manifestFile = path.join(parent, entry.name, "package.json");
      if (!entry.isDirectory() || !existsSync(manifestFile)) continue;
      packages.push({
        dir: path.join(parent, entry.name),
        relativeDir: `${match[1]}/${entry.name}`,
        manifest: readManifest(manifestFile),
      });
    }
  }
  return packages.sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

export function publicPackages(root: string): WorkspacePackage[] {
  return listWorkspacePackages(root).filter((pkg) => pkg.manifest.private !== true);
}
