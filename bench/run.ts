// `pnpm bench`: every figure of the performance budget, measured in one run, printed as tables and written to
// bench/results.json. `tsx bench/run.ts [size|throughput|cold|codegen|sandbox|lifecycle ...] [--readme] [--full]`
// runs only those parts (the other parts' figures stay as results.json has them); --readme also puts the tables into
// README.md's Performance section; --full runs the lifecycle part at the sizes (100,000 accounts) instead of
// a tenth of them.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { measureCodegen } from "./codegen.js";
import { measureColdStart } from "./cold-start.js";
import { repoRoot } from "./entries.js";
import { FULL_SIZES, measureLifecycle } from "./lifecycle.js";
import { type BenchResults, markdownReport } from "./report.js";
import { measureSandbox } from "./sandbox.js";
import { measureEntries } from "./size.js";
import { measureThroughput } from "./throughput.js";

const parts = {
  size: measureEntries,
  throughput: measureThroughput,
  cold: measureColdStart,
  codegen: measureCodegen,
  sandbox: measureSandbox,
  lifecycle: () => measureLifecycle(process.argv.includes("--full") ? FULL_SIZES : undefined),
} as const;
type Part = keyof typeof parts;

const resultKey = {
  size: "size",
  throughput: "throughput",
  cold: "coldStart",
  codegen: "codegen",
  sandbox: "sandbox",
  lifecycle: "lifecycle",
} as const;

export const RESULTS_FILE = join(repoRoot, "bench", "results.json");
const README_START = "<!-- bench:start -->";
const README_END = "<!-- bench:end -->";

function spliceReadme(report: string): void {
  const path = join(repoRoot, "README.md");
  const readme = readFileSync(path, "utf8");
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} section`);
  writeFileSync(path, `${readme.slice(0, start + README_START.length)}\n\n${report}\n\n${readme.slice(end)}`);
}

/**
 * Milliseconds of a fixed single-thread loop: the same work on every run, so that a slow period of a shared host shows
 * beside the figures (taken at the start and at the end of a run).
 */
function cpuCheckMs(): number {
  const start = performance.now();
  let sum = 0;
  for (let step = 0; step < 100_000_000; step++) sum = (sum + (step % 7)) | 0;
  if (sum === 1) process.stderr.write(""); // uses the sum, so the loop is not dropped
  return Math.round(performance.now() - start);
}

async function main(argv: readonly string[]): Promise<void> {
  const asked = argv.filter((arg) => !arg.startsWith("--"));
  const unknown = asked.filter((arg) => !(arg in parts));
  if (unknown.length > 0)
    throw new Error(`unknown part ${unknown.join(", ")}; parts: ${Object.keys(parts).join(", ")}`);
  const selected = (asked.length > 0 ? asked : Object.keys(parts)) as Part[];

  const run = {
    date: new Date().toISOString(),
    machine: { node: process.versions.node, cpus: availableParallelism(), loadAverage: loadavg() },
  };
  // Some parts only: the others keep their figures, and the run's date and machine stay those of the last full run.
  const partial = selected.length < Object.keys(parts).length && existsSync(RESULTS_FILE);
  const results: Record<string, unknown> = partial ? JSON.parse(readFileSync(RESULTS_FILE, "utf8")) : run;
  const cpuCheckAtStart = cpuCheckMs();
  for (const part of selected) {
    const start = performance.now();
    process.stderr.write(`bench: ${part}…`);
    results[resultKey[part]] = await parts[part]();
    process.stderr.write(` ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  }
  if (!partial) Object.assign(run.machine, { cpuCheckMs: [cpuCheckAtStart, cpuCheckMs()] });
  const report = markdownReport(results as unknown as BenchResults);
  console.log(report);
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten to ${RESULTS_FILE.slice(repoRoot.length + 1)}`);
  if (argv.includes("--readme")) spliceReadme(report);
}

await main(process.argv.slice(2));
