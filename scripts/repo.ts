// The repository's root, for every script and test that needs a path in it.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A path relative to the repository root with forward slashes (stable in banners on every OS). */
export function repoRelative(file: string): string {
  return path.relative(repoRoot, path.resolve(file)).split(path.sep).join("/");
}
