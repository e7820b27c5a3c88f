import { execFileSync } from "node:child_process";
import { copyFileSync, lstatSync, mkdirSync, readlinkSync, symlinkSync } from "node:fs";
import path from "node:path";

/**
 * Copies the repository's working tree (tracked files plus untracked ones that are not ignored, so work in
 * progress is included; never node_modules, dist or caches) into `to`, and makes it a git repository with
 * one commit, as a fresh clone would be. Returns the number of files copied.
 */
export function copyWorkingTree(from: string, to: string): number {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: from,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  let copied = 0;
  for (const file of new Set(listed.split("\0").filter(Boolean))) {
    const source = path.join(from, file);
    let stats: ReturnType<typeof lstatSync>;
    try {
      stats = lstatSync(source);
    } catch {
      continue; // tracked but deleted in the working tree
    }
    const target = path.join(to, file);
    mkdirSync(path.dirname(target), { recursive: true });
    if (stats.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (stats.isFile()) copyFileSync(source, target);
    else continue;
    copied++;
  }
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: to, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  git("init", "--quiet", "--initial-branch=main");
  git("add", "--all");
  git(
    "-c",
    "user.name=Release test",
    "-c",
    "user.email=release-test@localhost",
    "-c",
    "commit.gpgsign=false",
    "commit",
    "--quiet",
    "--no-verify",
    "-m",
    "Snapshot of the working tree",
  );
  return copied;
}
