// Codegen time: `pnpm generate --check` of the four specs, each run fresh: the root package.json's `generate` script
// (the generator's esbuild build, then its run) in a shell as pnpm runs it, without pnpm's own start. The codegen
// keeps no cache of its own (turbo caches the task) and builds anew every time, so every run is a cold one.
import { exec } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./entries.js";
import { median } from "./throughput.js";

const run = promisify(exec);

export interface CodegenResult {
  /** `pnpm generate --check` on the four specs, wall clock of a fresh run: the median of CHECK_RUNS. */
  readonly checkColdMs: number;
  /** The fastest and slowest of those runs: one run alone says little on a shared machine. */
  readonly checkColdRangeMs: readonly [number, number];
  readonly checkRuns: number;
  readonly checkExitCode: number;
  /** When and under what load it was measured: a part can be re-measured on its own, apart from the others. */
  readonly measuredAt: string;
  readonly loadAverage: readonly number[];
}

/** Fresh processes timed. */
const CHECK_RUNS = 5;

const { scripts } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
};
const env = {
  ...process.env,
  PATH: `${join(repoRoot, "node_modules", ".bin")}${delimiter}${process.env.PATH}`,
};

async function timeGenerateCheck(): Promise<{ ms: number; exitCode: number }> {
  const start = performance.now();
  const exitCode = await run(`${scripts.generate} --check`, { cwd: repoRoot, env }).then(
    () => 0,
    (error: { code?: number }) => error.code ?? 1,
  );
  return { ms: performance.now() - start, exitCode };
}

export async function measureCodegen(): Promise<CodegenResult> {
  const measuredAt = new Date().toISOString();
  const loadAverage = loadavg().map((load) => Math.round(load * 10) / 10);
  const runs: { ms: number; exitCode: number }[] = [];
  for (let n = 0; n < CHECK_RUNS; n++) runs.push(await timeGenerateCheck());
  const sorted = runs.map((one) => one.ms).sort((a, b) => a - b);
  return {
    checkColdMs: median(sorted),
    checkColdRangeMs: [sorted[0] ?? Number.NaN, sorted[sorted.length - 1] ?? Number.NaN],
    checkRuns: CHECK_RUNS,
    checkExitCode: runs.find((one) => one.exitCode !== 0)?.exitCode ?? 0,
    measuredAt,
    loadAverage,
  };
}
