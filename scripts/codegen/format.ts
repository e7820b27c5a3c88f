// Formats the generated files of a run with the repository's Biome config, so they pass `biome check` and come out
// byte-identical on every run: one Biome process for every file not formatted before (results are cached by
// content, Biome's version and biome.json, a provider's files as one entry). The process runs beside this one.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { ContentCache } from "../content-cache.js";
import { repoRoot } from "../repo.js";

const require = createRequire(import.meta.url);
const formatted = new ContentCache("codegen-format", () => [
  path.join(repoRoot, "biome.json"),
  require.resolve("@biomejs/biome/package.json"),
]);

export interface Unformatted {
  /** Repository-relative path the file will have: it picks the language and the config's overrides. */
  virtualPath: string;
  source: string;
}

/** One group's files (a provider's), keyed together: a run reads and writes one cache entry per group. */
const cacheKey = (group: readonly Unformatted[]) =>
  JSON.stringify(group.map((file) => [file.virtualPath, file.source]));

/** The formatted sources, group by group in the order given. Nothing in the repository is written. */
export async function formatSources(groups: readonly (readonly Unformatted[])[]): Promise<string[][]> {
  const results = groups.map((group) => {
    const cached = formatted.get(cacheKey(group));
    return cached === undefined ? undefined : (JSON.parse(cached) as string[]);
  });
  const missing = groups.filter((_, index) => results[index] === undefined);
  const fresh = await runBiome(missing.flat());
  let next = 0;
  return results.map((result, index) => {
    if (result !== undefined) return result;
    const group = groups[index] as readonly Unformatted[];
    const output = fresh.slice(next, next + group.length);
    next += group.length;
    formatted.set(cacheKey(group), JSON.stringify(output));
    return output;
  });
}

/** A folder in memory where there is one (Linux), for the files Biome formats in place. */
function scratchFolder(): string {
  const memory = "/dev/shm";
  const base = process.platform === "linux" && existsSync(memory) ? memory : tmpdir();
  return mkdtempSync(path.join(base, "codegen-format-"));
}

/**
 * Biome's own binary, as its `bin/biome` script would pick it (that script is a Node process, plus an `ldd` one on
 * Linux, in front of it); the script itself where the platform's package is not installed.
 */
function biomeCommand(): [string, string[]] {
  const fromBiome = createRequire(require.resolve("@biomejs/biome/package.json"));
  const executable = process.platform === "win32" ? "biome.exe" : "biome";
  const base = `@biomejs/cli-${process.platform}-${process.arch}`;
  const installed = (process.platform === "linux" ? [base, `${base}-musl`] : [base]).flatMap((name) => {
    try {
      return [fromBiome.resolve(`${name}/${executable}`)];
    } catch {
      return [];
    }
  });
  // The package manager installs the one for this machine's C library; only with both is it asked which that is
  // (the process report, which takes tens of milliseconds to make).
  const musl = () =>
    (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header
      ?.glibcVersionRuntime === undefined;
  const binary = installed.length === 2 ? installed[musl() ? 1 : 0] : installed[0];
  return binary ? [binary, []] : [process.execPath, [fromBiome.resolve("@biomejs/biome/bin/biome")]];
}

async function runBiome(files: readonly Unformatted[]): Promise<string[]> {
  if (files.length === 0) return [];
  const dir = scratchFolder();
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
    const [command, prefix] = biomeCommand();
    const run = await new Promise<{ status: number | null; output: string }>((resolve, reject) => {
      const child = spawn(command, [...prefix, "format", "--write", "--no-errors-on-unmatched", "."], {
        cwd: dir,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const output: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
      child.on("error", reject);
      child.on("close", (status) => resolve({ status, output: Buffer.concat(output).toString("utf8") }));
    });
    if (run.status !== 0) throw new Error(`biome could not format the generated files:\n${run.output}`);
    return paths.map((absolute) => readFileSync(absolute, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
