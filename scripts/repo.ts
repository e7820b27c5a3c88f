// The repository: its root, for every script, test and bench, and how a script's main runs.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The folder of pnpm-workspace.yaml above this module: scripts/, or the generator's build (`pnpm generate`). */
export const repoRoot = workspaceRoot(path.dirname(fileURLToPath(import.meta.url)));

function workspaceRoot(dir: string): string {
  if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
  if (path.dirname(dir) === dir) throw new Error("no pnpm-workspace.yaml above scripts/repo.ts");
  return workspaceRoot(path.dirname(dir));
}

/** A path relative to the repository root with forward slashes (stable in banners on every OS). */
export function repoRelative(file: string): string {
  return path.relative(repoRoot, path.resolve(file)).split(path.sep).join("/");
}

/**
 * Runs a script's main with the command-line arguments: its result is the exit code; a thrown error is printed
 * (its message only) and exits with `failureCode`.
 */
export function runScript(main: (argv: string[]) => Promise<number>, failureCode = 1): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = failureCode;
    },
  );
}
