// Formats the generated files of a run with the repository's Biome config, so they pass `biome check` and come out
// byte-identical on every run: one Biome process for every file not formatted before (results are cached by
// content, Biome's version and biome.json).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { ContentCache } from "../content-cache.js";
import { repoRoot } from "../repo.js";

const require = createRequire(import.meta.url);
const biomeBin = require.resolve("@biomejs/biome/bin/biome");
const formatted = new ContentCache("codegen-format", () => [
  path.join(repoRoot, "biome.json"),
  require.resolve("@biomejs/biome/package.json"),
]);

export interface Unformatted {
  /** Repository-relative path the file will have: it picks the language and the config's overrides. */
  virtualPath: string;
  source: string;
}

const cacheKey = (file: Unformatted) => `${file.virtualPath}\n${file.source}`;

/** The formatted sources, in the order given. Nothing in the repository is written. */
export function formatSources(files: readonly Unformatted[]): string[] {
  const results = files.map((file) => formatted.get(cacheKey(file)));
  const missing = files.filter((_, index) => results[index] === undefined);
  const fresh = runBiome(missing);
  let next = 0;
  return results.map((result, index) => {
    if (result !== undefined) return result;
    const output = fresh[next++] as string;
    formatted.set(cacheKey(files[index] as Unformatted), output);
    return output;
  });
}

function runBiome(files: readonly Unformatted[]): string[] {
  if (files.length === 0) return [];
  const dir = mkdtempSync(path.join(tmpdir(), "codegen-format-"));
  try {
    // The repository's config, without the VCS integration (the folder is no git work tree).
    const config = JSON.parse(readFileSync(path.join(repoRoot, "biome.json"), "utf8")) as Record<
      string,
      unknown
    >;
    delete config.$schema;
    delete config.vcs;
    writeFileSync(path.join(dir, "biome.json"), JSON.stringify(config));
    // Each virtual path as it is; a path named again goes to a further layer (one folder per repeat, not per file:
    // Biome looks for configuration in every folder it walks).
    const seen = new Map<string, number>();
    const paths = files.map((file) => {
      const layer = seen.get(file.virtualPath) ?? 0;
      seen.set(file.virtualPath, layer + 1);
      const absolute = path.join(dir, `layer-${layer}`, file.virtualPath);
      mkdirSync(path.dirname(absolute), { recursive: true });
      writeFileSync(absolute, file.source);
      return absolute;
    });
    const result = spawnSync(
      process.execPath,
      [biomeBin, "format", "--write", "--no-errors-on-unmatched", "."],
      {
        cwd: dir,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (result.status !== 0)
      throw new Error(`biome could not format the generated files:\n${result.stderr || result.stdout}`);
    return paths.map((absolute) => readFileSync(absolute, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
