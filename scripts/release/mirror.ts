import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import type { LocalRegistry } from "./registry.js";
import { packFolder, readTarball } from "./tarball.js";
import type { PackageManifest } from "./workspace.js";

/** Where Node would find `name` when required from a file in `fromDir` (the installed copy's real folder). */
export function findInstalled(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Copies third-party packages that the workspace's published packages depend on from the local install
 * (node_modules) into the local registry, so a user's `npm install` from a registry without uplinks finds
 * them. Follows dependencies and required peer dependencies transitively. `roots` are the folders whose
 * dependencies are wanted (their installed copies are found from there); `skip` are names the registry
 * already has (the workspace's own packages). Returns what was published, as "name@version".
 */
export async function mirrorDependencies(
  registry: LocalRegistry,
  roots: Array<{ dir: string; manifest: PackageManifest }>,
  skip: ReadonlySet<string>,
): Promise<string[]> {
  const queue: Array<{ name: string; fromDir: string; requiredBy: string }> = [];
  const enqueue = (manifest: PackageManifest, fromDir: string) => {
    const optionalPeers = (manifest.peerDependenciesMeta ?? {}) as Record<string, { optional?: boolean }>;
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
      (name) => !optionalPeers[name]?.optional,
    );
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...peers]) {
      if (!skip.has(name)) queue.push({ name, fromDir, requiredBy: manifest.name });
    }
  };
  for (const root of roots) enqueue(root.manifest, root.dir);

  const found = new Map<string, string>();
  while (queue.length > 0) {
    const next = queue.shift() as (typeof queue)[number];
    const dir = findInstalled(next.name, next.fromDir);
    if (!dir)
      throw new Error(`${next.requiredBy} depends on ${next.name}, which is not installed; run pnpm install`);
    const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as PackageManifest;
    const id = `${manifest.name}@${manifest.version}`;
    if (found.has(id)) continue;
    found.set(id, dir);
    enqueue(manifest, dir);
  }

  for (const dir of found.values()) await publishTarball(registry, packFolder(dir));
  return [...found.keys()].sort();
}

/**
 * Publishes a tarball with the registry's publish API directly (what `npm publish` sends), so the package's
 * own publishConfig (a registry, provenance) can never send it anywhere but this registry.
 */
export async function publishTarball(registry: LocalRegistry, tgz: Buffer): Promise<void> {
  const { manifest } = readTarball(tgz);
  const { publishConfig: _ignored, ...published } = manifest;
  const { name, version } = manifest;
  const fileName = `${name.replace(/^@[^/]+\//, "")}-${version}.tgz`;
  const documentPath = name.replace("/", "%2f");
  const body = {
    _id: name,
    name,
    "dist-tags": { latest: version },
    versions: {
      [version]: {
        ...published,
        _id: `${name}@${version}`,
        dist: {
          shasum: createHash("sha1").update(tgz).digest("hex"),
          integrity: `sha512-${createHash("sha512").update(tgz).digest("base64")}`,
          tarball: new URL(`${documentPath}/-/${fileName}`, registry.url).href,
        },
      },
    },
    _attachments: {
      [fileName]: {
        content_type: "application/octet-stream",
        data: tgz.toString("base64"),
        length: tgz.length,
      },
    },
  };
  const response = await fetch(new URL(documentPath, registry.url), {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${registry.token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(
      `publishing ${name}@${version} to the local registry: HTTP ${response.status} ${await response.text()}`,
    );
  }
}
