// Codegen time: `generate --check` of the four specs as a fresh process (wall clock), then in one process the codegen's
// public function on the 4 specs and on 1, 10 and 100 synthetic specs, next to openapi-typescript alone on the same
// specs. Synthetic spec n is a copy of one real spec under its own package name, so each is a distinct provider.
// `tsx bench/codegen.ts lint [count]` times the spec lint alone on `count` (100) synthetic specs.
//
// The codegen keeps caches (specs that linted clean, formatted files, openapi-typescript's output) in
// node_modules/.cache. They are set aside for the run and put back after it, so "cold" is a fresh clone's figure and
// "warm" a rerun's with nothing changed.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { SpecDocument } from "@x/spec-model";
import openapiTS, { astToString } from "openapi-typescript";
import { generateProviders } from "../scripts/codegen/pipeline.js";
import { lintSpecDocuments } from "../scripts/lint-specs.js";
import { repoRoot } from "./entries.js";
import { median } from "./throughput.js";

const run = promisify(execFile);

export interface CodegenSet {
  readonly name: string;
  readonly specs: number;
  /** Milliseconds for the whole set in one process; undefined when the set was not run (see `skipped`). */
  readonly codegenMs?: number;
  readonly openapiTypescriptMs: number;
  /** The spec lint gate's linters alone (Redocly and swagger-parser) on the same specs, read beforehand, one thread. */
  readonly specLintMs: number;
  /** codegen / openapi-typescript alone. */
  readonly ratio?: number;
  readonly skipped?: string;
}

export interface CodegenResult {
  /**
   * `tsx scripts/generate.ts --check` on the four specs, wall clock of a fresh process, with empty caches: the median
   * of CHECK_RUNS runs, each after emptying them.
   */
  readonly checkColdMs: number;
  /** The fastest and slowest of those runs: one run alone says little on a shared machine. */
  readonly checkColdRangeMs: readonly [number, number];
  /** The same with the caches a cold run filled (median of CHECK_RUNS). */
  readonly checkWarmMs: number;
  /** Fresh processes behind each of the two figures. */
  readonly checkRuns: number;
  readonly checkExitCode: number;
  /** In one process, with empty caches. */
  readonly sets: readonly CodegenSet[];
}

/**
 * The codegen's caches under node_modules/.cache (scripts/lint-cache.ts, scripts/codegen/format.ts and
 * emit-schema.ts): a fresh clone has none of them.
 */
const CODEGEN_CACHES = ["spec-lint", "codegen-format", "codegen-schema"];

/** A set whose codegen would take longer than this (projected from the last set) is reported, not run. */
const PROJECTED_LIMIT_MS = 60_000;

interface SpecFile {
  readonly providerId: string;
  readonly path: string;
}

const realSpecsDir = join(repoRoot, "specs");
const workDir = join(repoRoot, ".tmp", "bench-codegen");

function realSpecs(): SpecFile[] {
  return readdirSync(realSpecsDir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => ({ providerId: name.slice(0, -".yaml".length), path: join(realSpecsDir, name) }));
}

/** Writes `count` synthetic specs: real spec n % 4 under the package @x/synthetic-n with its own class names. */
function writeSyntheticSpecs(count: number, offset: number): SpecFile[] {
  const bases = realSpecs().map((spec) => readFileSync(spec.path, "utf8"));
  const dir = join(workDir, "specs");
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, index) => {
    const n = offset + index;
    const source = (bases[n % bases.length] ?? "")
      .replace(/^(\s+package:\s*)"?[^"\n]+"?$/m, `$1"@x/synthetic-${n}"`)
      .replace(/^(\s+errorClass:\s*)\S+$/m, `$1Synthetic${n}Error`)
      .replace(/^(\s+clientFactory:\s*)\S+$/m, `$1createSynthetic${n}Client`)
      // The trailing-slash exception of the spec lint is Douyin's own (redocly.yaml), not a copy's.
      .replace(/^( {2}\/\S+)\/:$/gm, "$1:");
    const providerId = `synthetic-${n}`;
    const path = join(dir, `${providerId}.yaml`);
    writeFileSync(path, source);
    return { providerId, path };
  });
}

async function timeCodegen(specs: readonly SpecFile[], packagesDir: string): Promise<number> {
  const start = performance.now();
  // One pass over the whole set, as `generate` runs: one read per spec, one lint gate, one formatter run.
  await generateProviders(
    specs.map((spec) => ({ specPath: spec.path, providerId: spec.providerId, packagesDir })),
  );
  return performance.now() - start;
}

async function timeOpenapiTypescript(specs: readonly SpecFile[]): Promise<number> {
  const start = performance.now();
  for (const spec of specs)
    astToString(await openapiTS(pathToFileURL(spec.path), { alphabetize: false, silent: true }));
  return performance.now() - start;
}

async function timeSpecLint(specs: readonly SpecFile[]): Promise<number> {
  const read = specs.map((spec) => ({ path: spec.path, spec: SpecDocument.read(spec.path) }));
  const start = performance.now();
  await lintSpecDocuments(read);
  return performance.now() - start;
}

/**
 * Milliseconds per further spec: the step from the previous set to this one, where both ran and grew (a run's fixed
 * cost is not projected 100 times), else this set's average.
 */
function perSpecMs(previous: CodegenSet | undefined, set: CodegenSet): number {
  const average = (set.codegenMs ?? 0) / set.specs;
  if (previous?.codegenMs === undefined || set.codegenMs === undefined || set.specs <= previous.specs)
    return average;
  const step = (set.codegenMs - previous.codegenMs) / (set.specs - previous.specs);
  return step > 0 ? step : average;
}

async function measureSet(
  name: string,
  specs: readonly SpecFile[],
  packagesDir: string,
  msPerSpec: number,
): Promise<CodegenSet> {
  const openapiTypescriptMs = await timeOpenapiTypescript(specs);
  const specLintMs = await timeSpecLint(specs);
  const projected = msPerSpec * specs.length;
  if (projected > PROJECTED_LIMIT_MS) {
    return {
      name,
      specs: specs.length,
      openapiTypescriptMs,
      specLintMs,
      skipped: `not run: projected ${(projected / 1000).toFixed(0)} s at ${(msPerSpec / 1000).toFixed(2)} s per spec`,
    };
  }
  const codegenMs = await timeCodegen(specs, packagesDir);
  return {
    name,
    specs: specs.length,
    codegenMs,
    openapiTypescriptMs,
    specLintMs,
    ratio: codegenMs / openapiTypescriptMs,
  };
}

const cacheRoot = join(repoRoot, "node_modules", ".cache");

/** Empties the codegen's caches for `work`, then puts the ones there were back. */
async function withEmptyCaches<T>(work: (empty: () => void) => Promise<T>): Promise<T> {
  const aside = join(cacheRoot, `bench-aside-${process.pid}`);
  mkdirSync(aside, { recursive: true });
  const empty = () => {
    for (const name of CODEGEN_CACHES) rmSync(join(cacheRoot, name), { recursive: true, force: true });
  };
  for (const name of CODEGEN_CACHES) {
    if (existsSync(join(cacheRoot, name))) renameSync(join(cacheRoot, name), join(aside, name));
  }
  try {
    return await work(empty);
  } finally {
    empty();
    for (const name of CODEGEN_CACHES) {
      if (existsSync(join(aside, name))) renameSync(join(aside, name), join(cacheRoot, name));
    }
    rmSync(aside, { recursive: true, force: true });
  }
}

/** Fresh processes timed per figure of `generate --check`. */
const CHECK_RUNS = 5;

// The command as a user runs it: tsx's own binary, which starts Node with its loader.
const tsxBinary = join(repoRoot, "node_modules", ".bin", "tsx");

async function timeGenerateCheck(): Promise<{ ms: number; exitCode: number }> {
  const start = performance.now();
  const exitCode = await run(tsxBinary, ["scripts/generate.ts", "--check"], { cwd: repoRoot }).then(
    () => 0,
    (error: { code?: number }) => error.code ?? 1,
  );
  return { ms: performance.now() - start, exitCode };
}

export async function measureCodegen(): Promise<CodegenResult> {
  return withEmptyCaches(async (empty) => {
    const cold: { ms: number; exitCode: number }[] = [];
    const warm: { ms: number; exitCode: number }[] = [];
    for (let n = 0; n < CHECK_RUNS; n++) {
      empty();
      cold.push(await timeGenerateCheck());
      warm.push(await timeGenerateCheck());
    }
    empty();
    const coldMs = cold.map((one) => one.ms).sort((a, b) => a - b);
    return {
      checkColdMs: median(coldMs),
      checkColdRangeMs: [coldMs[0] ?? Number.NaN, coldMs[coldMs.length - 1] ?? Number.NaN],
      checkWarmMs: median(warm.map((one) => one.ms)),
      checkRuns: CHECK_RUNS,
      checkExitCode: [...cold, ...warm].find((one) => one.exitCode !== 0)?.exitCode ?? 0,
      sets: await measureSets(),
    };
  });
}

async function measureSets(): Promise<CodegenSet[]> {
  rmSync(workDir, { recursive: true, force: true });
  const packagesDir = join(workDir, "packages");
  try {
    // Warm both sides once (module loading, first parse), so the sets time the work itself.
    const [warmup] = writeSyntheticSpecs(1, 1000);
    if (warmup) {
      await timeOpenapiTypescript([warmup]);
      await timeSpecLint([warmup]);
      await timeCodegen([warmup], packagesDir);
    }
    const sets: CodegenSet[] = [];
    // The codegen only reads packages/ (the READMEs it splices); synthetic packages have no README.
    let msPerSpec = 0;
    for (const [name, specs, into] of [
      ["4 specs (specs/)", realSpecs(), join(repoRoot, "packages")],
      ["1 synthetic spec", writeSyntheticSpecs(1, 0), packagesDir],
      ["10 synthetic specs", writeSyntheticSpecs(10, 1), packagesDir],
      ["100 synthetic specs", writeSyntheticSpecs(100, 11), packagesDir],
    ] as const) {
      const set = await measureSet(name, specs, into, msPerSpec);
      if (set.codegenMs !== undefined) msPerSpec = perSpecMs(sets.at(-1), set);
      sets.push(set);
    }
    return sets;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The spec lint alone on `count` synthetic specs, after one spec has loaded the linters. */
export async function measureSpecLint(count: number): Promise<number> {
  rmSync(workDir, { recursive: true, force: true });
  try {
    const [warmup] = writeSyntheticSpecs(1, 1000);
    if (warmup) await timeSpecLint([warmup]);
    return await timeSpecLint(writeSyntheticSpecs(count, 0));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href &&
  process.argv[2] === "lint"
) {
  const count = Number(process.argv[3] ?? 100);
  console.log(`spec lint alone, ${count} synthetic specs: ${(await measureSpecLint(count)).toFixed(0)} ms`);
}
