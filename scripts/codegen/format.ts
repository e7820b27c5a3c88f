// Formats every generated file of a run with one Biome process and the repository's Biome config, so generated
// files pass `biome check` and come out byte-identical on every run.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "../repo.js";

const biomeBin = createRequire(import.meta.url).resolve("@biomejs/biome/bin/biome");

export interface Unformatted {
  /** Repository-relative path the file will have: it picks the language and the config's overrides. */
  virtualPath: string;
  source: string;
}

/** The formatted sources, in the order given. Nothing in the repository is written. */
export function formatSources(files: readonly Unformatted[]): string[] {
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
    const paths = files.map((file, index) => {
      // One folder per file keeps every virtual path as it is, even when two runs name the same one.
      const absolute = path.join(dir, String(index), file.virtualPath);
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
