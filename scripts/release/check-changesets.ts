// A change to specs/<provider>.yaml or to a package's src/generated/ is a user-facing change of that package, so a
// changeset added since the base must name it. changesets says which changesets were added and what they release
// (`changeset status --since`); this adds what it cannot know, which files make a release: a spec belongs to the
// package its info.x-sdk.package names. Exit 1 names each package that lacks one.
//
//   tsx scripts/release/check-changesets.ts [--since <git ref>]
//
// The base: --since; else origin/<baseBranch> or <baseBranch> (.changeset/config.json) once HEAD has left it; else
// the previous commit, which is what a fresh clone of the base branch has. Files count once git knows them
// (committed, or added with `git add`), as changesets counts them.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { repoRoot } from "../repo.js";
import { pinnedPnpmVersion, run, workspacePackages } from "../workspace.js";

export interface ChangesetCheck {
  /** The ref compared with, or undefined when there is none (a single-commit history). */
  since: string | undefined;
  /** Each released package whose spec or generated code changed, and the changesets that name it (none: missing). */
  changed: Array<{ packageName: string; files: string[]; changesets: string[] }>;
  /** Packages that did not exist at the base: their first release is the version they carry. */
  firstReleases: string[];
}

export interface ReleasePlan {
  changesets: Array<{ id: string; summary: string; releases: Array<{ name: string; type: string }> }>;
  releases: Array<{ name: string; type: string; newVersion: string }>;
}

const git = async (root: string, args: string[]) => (await run("git", args, { cwd: root })).stdout.trim();
const tryGit = (root: string, args: string[]) => git(root, args).catch(() => undefined);

export async function defaultSince(root: string): Promise<string | undefined> {
  const config = JSON.parse(readFileSync(path.join(root, ".changeset", "config.json"), "utf8"));
  const baseBranch: string = config.baseBranch ?? "main";
  const head = await git(root, ["rev-parse", "HEAD"]);
  const branch = await tryGit(root, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
  // On the base branch itself or detached (a CI checkout), at the base's tip: the change is the last commit.
  const onBase = branch === undefined || branch === baseBranch;
  for (const ref of [`origin/${baseBranch}`, baseBranch]) {
    const base = ref === branch ? undefined : await tryGit(root, ["merge-base", ref, "HEAD"]);
    if (base && (base !== head || !onBase)) return ref;
  }
  return (await tryGit(root, ["rev-parse", "--verify", "--quiet", "HEAD~1"])) ? "HEAD~1" : undefined;
}

/** changesets' release plan: the changesets added since `since` (all of them without it) and their releases. */
export async function releasePlan(root: string, since?: string): Promise<ReleasePlan> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "oauth-sdks-status-"));
  const output = path.join(dir, "plan.json");
  const changeset = path.join(repoRoot, "node_modules", ".bin", "changeset");
  try {
    await run(changeset, ["status", ...(since ? ["--since", since] : []), "--output", output], { cwd: root });
    return JSON.parse(readFileSync(output, "utf8")) as ReleasePlan;
  } catch (error) {
    // Its own check (a package changed, no changeset at all) stops it before it writes the plan.
    if (/no changesets were found/.test(String(error))) return { changesets: [], releases: [] };
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function specPackage(root: string, file: string): string | undefined {
  if (!existsSync(path.join(root, file))) return undefined; // deleted: its generated files go too
  const name = parse(readFileSync(path.join(root, file), "utf8"))?.info?.["x-sdk"]?.package;
  if (typeof name !== "string")
    throw new Error(`${file}: info.x-sdk.package is missing, so its package is unknown`);
  return name;
}

export async function checkChangesets(root: string, since?: string): Promise<ChangesetCheck> {
  since ??= await defaultSince(root);
  if (!since) return { since, changed: [], firstReleases: [] };
  const base = await git(root, ["merge-base", since, "HEAD"]);
  const packages = workspacePackages(root).filter((pkg) => !pkg.manifest.private);
  const needed = new Map<string, string[]>();
  const firstReleases = new Set<string>();
  for (const file of (await git(root, ["diff", "--name-only", "--no-renames", base])).split("\n")) {
    const name = /^specs\/[^/]+\.ya?ml$/.test(file) ? specPackage(root, file) : undefined;
    const pkg = packages.find(
      ({ manifest, relativeDir }) =>
        manifest.name === name || file.startsWith(`${relativeDir}/src/generated/`),
    );
    if (!pkg) continue;
    if ((await tryGit(root, ["cat-file", "-e", `${base}:${pkg.relativeDir}/package.json`])) === undefined)
      firstReleases.add(pkg.manifest.name);
    else needed.set(pkg.manifest.name, [...(needed.get(pkg.manifest.name) ?? []), file]);
  }
  const plan = needed.size > 0 ? await releasePlan(root, base) : { changesets: [] };
  const changed = [...needed].sort(([a], [b]) => a.localeCompare(b));
  return {
    since,
    changed: changed.map(([packageName, files]) => ({
      packageName,
      files,
      changesets: plan.changesets
        .filter(({ releases }) =>
          releases.some((release) => release.name === packageName && release.type !== "none"),
        )
        .map(({ id }) => `.changeset/${id}.md`),
    })),
    firstReleases: [...firstReleases].sort(),
  };
}

async function main(): Promise<void> {
  const index = process.argv.indexOf("--since");
  const { since, changed, firstReleases } = await checkChangesets(
    repoRoot,
    index >= 0 ? process.argv[index + 1] : undefined,
  );
  if (!since) return console.log("changesets: no earlier commit to compare with; nothing to check");
  for (const name of firstReleases)
    console.log(`changesets: ${name} is new since ${since}; a first release needs none`);
  for (const { packageName, files, changesets } of changed) {
    if (changesets.length > 0)
      console.log(`changesets: ${packageName} changed since ${since}, released by ${changesets.join(", ")}`);
    else
      console.error(
        `changesets: ${packageName} changed since ${since}, no changeset names it:\n  ${files.join("\n  ")}`,
      );
  }
  if (changed.length + firstReleases.length === 0)
    console.log(`changesets: no spec or generated code of a released package changed since ${since}`);
  if (changed.some(({ changesets }) => changesets.length === 0)) {
    const pnpm = `npx -y pnpm@${pinnedPnpmVersion()}`;
    console.error(
      `Add one with \`${pnpm} changeset\` (pick the package; "patch" for a fix, "minor" for a new field or operation), then \`git add\` it.`,
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await main();
