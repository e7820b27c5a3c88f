// Seeds a local registry, which has no uplink, with the third-party packages that the workspace's public packages
// need at run time, taken from the local install, so a user's `npm install` from it finds them.
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import path from "node:path";
import { type PackageManifest, run, type WorkspacePackage } from "../workspace.js";
import type { LocalRegistry } from "./local-registry.js";

/** Where Node would find `name` when required from a file in `fromDir` (the installed copy's real folder). */
function findInstalled(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

const readManifest = (dir: string) =>
  JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as PackageManifest;

/**
 * Publishes the dependencies and required peer dependencies of `roots`, transitively, as installed; workspace
 * packages are left to the release. Returns what was published, as "name@version".
 */
export async function seedRegistry(registry: LocalRegistry, roots: WorkspacePackage[]): Promise<string[]> {
  const found = new Map<string, string>();
  const visit = (manifest: PackageManifest, fromDir: string): void => {
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
      (name) => !manifest.peerDependenciesMeta?.[name]?.optional,
    );
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...peers]) {
      const dir = findInstalled(name, fromDir);
      if (!dir)
        throw new Error(`${manifest.name} depends on ${name}, which is not installed; run pnpm install`);
      if (!dir.includes(`${path.sep}node_modules${path.sep}`)) continue; // a workspace package: released on its own
      const installed = readManifest(dir);
      const id = `${installed.name}@${installed.version}`;
      if (found.has(id)) continue;
      found.set(id, dir);
      visit(installed, dir);
    }
  };
  for (const root of roots) visit(root.manifest, root.dir);
  // One at a time: npm processes publishing side by side with one cache failed ("Exit handler never called").
  for (const dir of found.values()) await publishTo(registry, dir);
  return [...found.keys()].sort();
}

/**
 * `npm publish` of a package folder to `registry` and nowhere else: the registry is given on the command line for
 * the default and for the package's scope, which npm ranks above any publishConfig of the package. The folder is
 * published from a copy: npm exits without a word on some folders inside pnpm's node_modules/.pnpm (ajv's).
 */
export async function publishTo(registry: LocalRegistry, dir: string): Promise<void> {
  const scope = /^(@[^/]+)\//.exec(readManifest(dir).name)?.[1];
  const registries = [
    `--registry=${registry.url}`,
    ...(scope ? [`--${scope}:registry=${registry.url}`] : []),
  ];
  const copy = mkdtempSync(path.join(registry.root, "publish-"));
  try {
    cpSync(dir, copy, { recursive: true, dereference: true });
    await run(
      "npm",
      ["publish", copy, ...registries, "--tag=latest", "--provenance=false", "--ignore-scripts"],
      {
        cwd: registry.root,
        env: registry.clientEnv(),
      },
    );
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
