// The repository's root, for every script and test that needs a path in it.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

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
