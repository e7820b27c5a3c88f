// Formats the generated files of a run with the repository's Biome config, so they pass `biome check` and come out
// byte-identical on every run: one Biome process for every file of every provider.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "../repo.js";

const require = createRequire(import.meta.url);

export interface Unformatted {
  /** Repository-relative path the file will have: it picks the language and the config's overrides. */
  virtualPath: string;
  source: string;
}

/**
 * Biome's native binary for this platform, as its Node wrapper (bin/biome) picks it, without that wrapper's own
 * Node process and `ldd` call: they took longer than the formatting. Musl's build is the other package name.
 */
function biomeBinary(): string {
  const fromBiome = createRequire(require.resolve("@biomejs/biome/package.json"));
  const name = `@biomejs/cli-${process.platform}-${process.arch}`;
  const binary = `biome${process.platform === "win32" ? ".exe" : ""}`;
  try {
    return fromBiome.resolve(`${name}/${binary}`);
  } catch {
    return fromBiome.resolve(`${name}-musl/${binary}`);
  }
}

/** The formatted sources, group by group in the order given. Nothing in the repository is written. */
export function formatSources(groups: readonly (readonly Unformatted[])[]): string[][] {
  const dir = mkdtempSync(path.join(tmpdir(), "codegen-format-"));
  try {
    // One folder per group, each file at its own path inside it.
    const paths = groups.map((group, index) =>
      group.map((file) => {
        const absolute = path.join(dir, String(index), file.virtualPath);
        mkdirSync(path.dirname(absolute), { recursive: true });
        writeFileSync(absolute, file.source);
        return absolute;
      }),
    );
    // The repository's config, without the VCS integration (the folder is no git work tree).
    const args = ["format", "--write", `--config-path=${repoRoot}`, "--vcs-enabled=false", "."];
    const run = spawnSync(biomeBinary(), args, { cwd: dir, encoding: "utf8" });
    if (run.status !== 0) {
      throw new Error(`biome could not format the generated files:\n${run.stdout}${run.stderr}`);
    }
    return paths.map((group) => group.map((absolute) => readFileSync(absolute, "utf8")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
