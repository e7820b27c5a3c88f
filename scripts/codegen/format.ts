import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { repoRoot } from "./paths.js";

const biomeBin = createRequire(import.meta.url).resolve("@biomejs/biome/bin/biome");

/**
 * Formats TypeScript or Markdown with the repository's Biome config, so generated files pass `biome check` and come out
 * byte-identical on every run. The path only picks the config and language; nothing is written.
 */
export function formatSource(source: string, virtualPath: string): string {
  const result = spawnSync(process.execPath, [biomeBin, "format", `--stdin-file-path=${virtualPath}`], {
    cwd: repoRoot,
    input: source,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `biome could not format ${path.basename(virtualPath)}:\n${result.stderr || result.stdout}`,
    );
  }
  return result.stdout;
}
