import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync } from "node:fs";
import path from "node:path";

/**
 * Copies the repository's working tree (tracked files plus untracked ones that are not ignored, so work in
 * progress is included; never node_modules, dist or caches) into `to` with tar, and makes it a git repository
 * with one commit, as a fresh clone would be. Returns the number of files copied.
 */
export function copyWorkingTree(from: string, to: string): number {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: from,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  // Tracked but deleted in the working tree: not copied.
  const files = [...new Set(listed.split("\0"))].filter(
    (file) => file && lstatSync(path.join(from, file), { throwIfNoEntry: false }),
  );
  const archive = execFileSync("tar", ["-c", "-f", "-", "--null", "-T", "-"], {
    cwd: from,
    input: files.join("\0"),
    maxBuffer: 1024 * 1024 * 1024,
  });
  mkdirSync(to, { recursive: true });
  execFileSync("tar", ["-x", "-f", "-"], { cwd: to, input: archive });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: to, stdio: "ignore" });
  git("init", "--quiet", "--initial-branch=main");
  git("add", "--all");
  const author = ["-c", "user.name=Release test", "-c", "user.email=release-test@localhost"];
  git(
    ...author,
    "-c",
    "commit.gpgsign=false",
    "commit",
    "--quiet",
    "--no-verify",
    "-m",
    "Snapshot of the working tree",
  );
  return files.length;
}
