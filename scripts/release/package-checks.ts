import type { PackedPackage } from "./tarball.js";
import type { PackageManifest } from "./workspace.js";

const dependencyFields = [
  "dependencies",
  "optionalDependencies",
  "peerDependencies",
  "devDependencies",
] as const;

/** Protocols that only mean something inside this workspace; a published manifest must not carry them. */
const workspaceOnlyRange = /^(workspace|catalog|link|file|portal):/;

/** Lifecycle scripts that run on the user's machine when the package is installed. */
const installScripts = ["preinstall", "install", "postinstall"];

/** Problems of a packed package.json, as readable sentences (empty when it is fine). */
export function checkPackedManifest(manifest: PackageManifest, expected?: { version?: string }): string[] {
  const problems: string[] = [];
  if (manifest.private === true) problems.push(`${manifest.name} is private and cannot be published`);
  if (expected?.version !== undefined && manifest.version !== expected.version) {
    problems.push(`${manifest.name}: version is ${manifest.version}, expected ${expected.version}`);
  }
  for (const field of dependencyFields) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (workspaceOnlyRange.test(range)) {
        problems.push(
          `${manifest.name}: ${field}["${dependency}"] is "${range}", which only resolves inside the workspace`,
        );
      }
    }
  }
  for (const script of installScripts) {
    if (manifest.scripts?.[script]) {
      problems.push(`${manifest.name}: scripts.${script} would run on every user's install`);
    }
  }
  return problems;
}

/** Every file that package.json points users at (main, module, types, bin, each exports target). */
export function manifestEntryPoints(manifest: PackageManifest): Array<{ field: string; target: string }> {
  const entries: Array<{ field: string; target: string }> = [];
  for (const field of ["main", "module", "types", "typings"] as const) {
    const target = manifest[field];
    if (typeof target === "string") entries.push({ field, target });
  }
  if (typeof manifest.bin === "string") entries.push({ field: "bin", target: manifest.bin });
  else
    for (const [name, target] of Object.entries(manifest.bin ?? {}))
      entries.push({ field: `bin.${name}`, target });
  const walk = (value: unknown, field: string): void => {
    if (typeof value === "string") entries.push({ field, target: value });
    else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, `${field}[${index}]`);
    } else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) walk(item, `${field}["${key}"]`);
    }
  };
  walk(manifest.exports, "exports");
  return entries;
}

/**
 * Kinds of files users never need. A package may still ship one on purpose by naming it in `files` explicitly
 * (e.g. "src" for sources, "dist/**\/*.map" for source maps, "specs/*.yaml" for its spec); a broad entry such as
 * "dist" does not count as naming it.
 */
const unwantedKinds: Array<{ kind: string; pattern: RegExp }> = [
  {
    kind: "a test file",
    pattern:
      /(^|\/)(test|tests|__tests__|__snapshots__|test-utils|fixtures)\/|\.(test|spec)\.[cm]?[jt]sx?$|\.snap$/,
  },
  { kind: "a source file", pattern: /(^|\/)src\/|(?<!\.d)\.[cm]?tsx?$/ },
  { kind: "a source map", pattern: /\.map$/ },
  { kind: "a spec", pattern: /(^|\/)specs?\/|\.ya?ml$/ },
];

/** Never part of a package, whatever `files` says. */
const neverShipped =
  /(^|\/)(node_modules|\.turbo|coverage)\/|(^|\/)(tsconfig[^/]*\.json|tsup\.config\.[cm]?[jt]s|vitest\.config\.[cm]?[jt]s|turbo\.json|biome\.json|\.npmrc|\.env[^/]*)$|\.(tgz|tsbuildinfo|log)$/;

function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index] as string;
    if (char === "*" && glob[index + 1] === "*") {
      source += ".*";
      index++;
      if (glob[index + 1] === "/") index++;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}(/.*)?$`);
}

function normalise(entry: string): string {
  return entry.replace(/^\.\//, "").replace(/\/+$/, "");
}

/** Problems of a packed file list against its manifest (empty when it is fine). */
export function checkTarballContents({ files, manifest }: PackedPackage): string[] {
  const problems: string[] = [];
  const present = new Set(files);
  for (const { field, target } of manifestEntryPoints(manifest)) {
    if (target.includes("*")) continue;
    const file = normalise(target);
    if (!present.has(file))
      problems.push(`${manifest.name}: ${field} points to ${target}, which is not in the tarball`);
  }
  if (!files.some((file) => /^readme(\.md)?$/i.test(file)))
    problems.push(`${manifest.name}: the tarball has no README`);
  const declared = (manifest.files ?? []).map(normalise);
  for (const file of files) {
    if (neverShipped.test(file)) {
      problems.push(`${manifest.name}: ${file} is a development file and must not be published`);
      continue;
    }
    for (const { kind, pattern } of unwantedKinds) {
      if (!pattern.test(file)) continue;
      const named = declared.some((entry) => {
        const namesKind = pattern.test(entry) || pattern.test(`${entry}/_`);
        return namesKind && globToRegExp(entry).test(file);
      });
      if (!named)
        problems.push(
          `${manifest.name}: ${file} is ${kind}; users do not need it (name it in "files" if intended)`,
        );
    }
  }
  return problems;
}
