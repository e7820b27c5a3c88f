// A change to specs/<provider>.yaml or to a package's src/generated/ is a user-facing change of that package,
// so it needs a changeset naming the package. Fails (exit 1) when one is missing.
//
//   tsx scripts/release/check-changesets.ts [--base <git ref>]
//
// Compared against: --base; else the merge base with origin/<baseBranch> or <baseBranch>
// (.changeset/config.json) when HEAD is elsewhere; else the previous commit, which is what a fresh clone of
// the base branch has. Uncommitted and untracked files count as changed too.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { pinnedPnpmVersion, repoRoot } from "./exec.js";
import { listWorkspacePackages } from "./workspace.js";

export interface MissingChangeset {
  packageName: string;
  /** The changed files that make it a release of this package. */
  files: string[];
}

export interface ChangesetCheck {
  /** The commit compared against, or undefined when there is none (a single-commit history). */
  base: string | undefined;
  baseLabel: string;
  missing: MissingChangeset[];
  /** Packages whose changes are covered, with the changeset files that cover them. */
  covered: Array<{ packageName: string; changesets: string[] }>;
  /** Packages that did not exist at the base: their first release is the version they carry. */
  firstReleases: string[];
}

function git(root: string, args: string[]): string {
  return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function tryGit(root: string, args: string[]): string | undefined {
  try {
    return git(root, args);
  } catch {
    return undefined;
  }
}

export function resolveBase(root: string, explicit?: string): { base: string | undefined; label: string } {
  if (explicit) {
    const base = tryGit(root, ["rev-parse", "--verify", `${explicit}^{commit}`]);
    if (!base) throw new Error(`--base ${explicit}: no such commit`);
    return { base, label: explicit };
  }
  const head = git(root, ["rev-parse", "HEAD"]);
  const config = path.join(root, ".changeset", "config.json");
  const baseBranch = existsSync(config)
    ? ((JSON.parse(readFileSync(config, "utf8")) as { baseBranch?: string }).baseBranch ?? "main")
    : "main";
  const branch = tryGit(root, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
  // On the base branch itself, or detached (a CI checkout), at the base's tip: the change is the last commit.
  const onBase = branch === baseBranch || branch === undefined;
  for (const ref of [`origin/${baseBranch}`, baseBranch]) {
    if (ref === branch) continue;
    const tip = tryGit(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    if (!tip || (tip === head && onBase)) continue;
    // A branch (or unpushed commits on the base branch): everything since it left the base.
    const base = tryGit(root, ["merge-base", "HEAD", ref]);
    if (base) return { base, label: `merge base with ${ref}` };
  }
  const previous = tryGit(root, ["rev-parse", "--verify", "--quiet", "HEAD~1^{commit}"]);
  return previous ? { base: previous, label: "the previous commit" } : { base: undefined, label: "nothing" };
}

function changedFiles(root: string, base: string): string[] {
  const tracked = git(root, ["diff", "--name-only", "--no-renames", base, "--"]).split("\n");
  const untracked = git(root, ["ls-files", "--others", "--exclude-standard"]).split("\n");
  return [...new Set([...tracked, ...untracked].filter(Boolean))].sort();
}

function existedAt(root: string, base: string, file: string): boolean {
  return tryGit(root, ["cat-file", "-e", `${base}:${file}`]) !== undefined;
}

/** The packages a changeset file releases (name → bump), from its front matter. */
export function parseChangeset(text: string, file: string): Map<string, string> {
  const match = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text);
  if (!match) throw new Error(`${file}: a changeset starts with a front matter block between "---" lines`);
  const releases = (parse(match[1] ?? "") ?? {}) as Record<string, unknown>;
  if (typeof releases !== "object" || Array.isArray(releases))
    throw new Error(`${file}: the front matter is not a map`);
  return new Map(Object.entries(releases).map(([name, bump]) => [name, String(bump)]));
}

function specPackageName(root: string, specFile: string, base: string): string | undefined {
  const text = existsSync(path.join(root, specFile))
    ? readFileSync(path.join(root, specFile), "utf8")
    : tryGit(root, ["show", `${base}:${specFile}`]);
  if (text === undefined) return undefined;
  const spec = parse(text) as { info?: { "x-sdk"?: { package?: unknown } } } | null;
  const name = spec?.info?.["x-sdk"]?.package;
  if (typeof name !== "string")
    throw new Error(`${specFile}: info.x-sdk.package is missing, so its package is unknown`);
  return name;
}

export function checkChangesets(root: string, explicitBase?: string): ChangesetCheck {
  const { base, label } = resolveBase(root, explicitBase);
  if (!base) return { base, baseLabel: label, missing: [], covered: [], firstReleases: [] };

  const packages = listWorkspacePackages(root);
  const config = JSON.parse(readFileSync(path.join(root, ".changeset", "config.json"), "utf8")) as {
    ignore?: string[];
  };
  const released = (name: string) => {
    const pkg = packages.find((candidate) => candidate.manifest.name === name);
    return pkg !== undefined && pkg.manifest.private !== true && !(config.ignore ?? []).includes(name);
  };

  const files = changedFiles(root, base);
  const needed = new Map<string, string[]>();
  const firstReleases = new Set<string>();
  const need = (name: string | undefined, file: string) => {
    const pkg = packages.find((candidate) => candidate.manifest.name === name);
    if (!name || !pkg) return;
    // A package that did not exist at the base is a first release: its version is published as it is.
    if (!existedAt(root, base, `${pkg.relativeDir}/package.json`)) firstReleases.add(name);
    else needed.set(name, [...(needed.get(name) ?? []), file]);
  };
  for (const file of files) {
    if (/^specs\/[^/]+\.ya?ml$/.test(file)) need(specPackageName(root, file, base), file);
    const pkg = packages.find((candidate) => file.startsWith(`${candidate.relativeDir}/src/generated/`));
    if (pkg) need(pkg.manifest.name, file);
  }

  const bumps = new Map<string, string[]>();
  for (const file of files) {
    if (!/^\.changeset\/[^/]+\.md$/.test(file) || file === ".changeset/README.md") continue;
    const absolute = path.join(root, file);
    if (!existsSync(absolute)) continue;
    for (const [name, bump] of parseChangeset(readFileSync(absolute, "utf8"), file)) {
      if (["patch", "minor", "major"].includes(bump)) bumps.set(name, [...(bumps.get(name) ?? []), file]);
    }
  }

  const missing: MissingChangeset[] = [];
  const covered: ChangesetCheck["covered"] = [];
  for (const [packageName, triggers] of [...needed].sort(([a], [b]) => a.localeCompare(b))) {
    if (!released(packageName)) continue;
    const changesets = bumps.get(packageName);
    if (changesets) covered.push({ packageName, changesets });
    else missing.push({ packageName, files: triggers });
  }
  return { base, baseLabel: label, missing, covered, firstReleases: [...firstReleases].sort() };
}

function main(): void {
  const index = process.argv.indexOf("--base");
  const explicit = index >= 0 ? process.argv[index + 1] : undefined;
  const result = checkChangesets(repoRoot, explicit);
  if (!result.base) {
    console.log("changesets: no earlier commit to compare with; nothing to check");
    return;
  }
  const since = `${result.baseLabel} (${result.base.slice(0, 12)})`;
  for (const packageName of result.firstReleases) {
    console.log(`changesets: ${packageName} is new since ${since}; its first release needs no changeset`);
  }
  for (const { packageName, changesets } of result.covered) {
    console.log(`changesets: ${packageName} changed since ${since}, released by ${changesets.join(", ")}`);
  }
  if (result.missing.length === 0) {
    if (result.covered.length + result.firstReleases.length === 0) {
      console.log(`changesets: no spec or generated code of a released package changed since ${since}`);
    }
    return;
  }
  for (const { packageName, files } of result.missing) {
    console.error(`changesets: ${packageName} changed since ${since} but no changeset names it:`);
    for (const file of files) console.error(`  ${file}`);
  }
  console.error(
    `Add one with \`npx -y pnpm@${pinnedPnpmVersion(repoRoot)} changeset\` (pick the package; "patch" for a fix, "minor" for a new field or operation).`,
  );
  process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) main();
