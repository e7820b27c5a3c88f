// Bundle size of each provider package with its runtime dependencies, and the budget the test command holds them to.
//
//   tsx bench/size.ts            print the table
//   tsx bench/size.ts --check    also fail (exit 1) with the figure when a provider package is over budget
//   tsx bench/size.ts --check a.js b.js   measure these entry files instead, each held to the budget
//   tsx bench/size.ts --inputs   what each provider bundle holds: minified bytes per source file (esbuild metafile)
//
// Each entry is bundled by esbuild as an application would (ESM, browser, minified; the packages' built `dist`
// through their `exports`), then compressed with gzip -9 and brotli at quality 11.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { allEntries, type BundleEntry, providerEntries, providerPackages, repoRoot } from "./entries.js";
import { bytes, markdownTable } from "./table.js";

/**
 * Budget the test command enforces per provider package, min+gzip bytes, with everything it ships: the 4,500 B the
 * call path is held to (Douyin 4,493 B, Avito 4,263, Pinterest 4,450, Criteo 4,307 B). Douyin, the largest, bundles
 * besides the call layer every package ships openapi-fetch's primitive query serializer, errors inside a success body
 * and the largest table (`tsx bench/size.ts --inputs`). The history of the figures is in the changesets.
 */
export const SIZE_BUDGET_BYTES = 4500;
/** The budget before the query-only placement: a package between the two passed then and fails now. */
export const PREVIOUS_SIZE_BUDGET_BYTES = 4640;
/** Where we want to get beyond the budget. */
export const SIZE_GOAL_BYTES = 4000;

/**
 * Marks the token manager's code (the `TokenManager` class and `createTokenManager`). An entry that does not call
 * `createTokenManager` must bundle none of it. The name survives in the unminified bundle, where esbuild keeps
 * declared names. `markerInRuntime` reports that @x/oauth-core's full surface does contain it, so the check cannot
 * hold merely because the name is gone.
 */
export const TOKEN_MANAGER_MARKER = "TokenManager";

export interface BundleSize {
  readonly name: string;
  readonly kind: BundleEntry["kind"];
  readonly minified: number;
  readonly gzip: number;
  readonly brotli: number;
  /** The unminified bundle contains TOKEN_MANAGER_MARKER. */
  readonly hasTokenManager: boolean;
}

export interface SizeReport {
  readonly budget: number;
  readonly goal: number;
  readonly sizes: readonly BundleSize[];
  /** @x/oauth-core's full export surface contains the marker: the tree-shaking check has something to shake. */
  readonly markerInRuntime: boolean;
}

/** Bundles one entry module (resolved from the repository root) and returns the output code. */
export async function bundle(source: string, minify: boolean): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: repoRoot, sourcefile: "entry.js", loader: "js" },
    bundle: true,
    minify,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    // Node built-ins (a file token store's `fs`) are no code of ours to count; an unused one is shaken away.
    external: ["node:*", ...builtinModules],
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error("esbuild wrote no output");
  return output.text;
}

export async function measure(name: string, kind: BundleEntry["kind"], source: string): Promise<BundleSize> {
  const [minified, plain] = await Promise.all([bundle(source, true), bundle(source, false)]);
  const code = Buffer.from(minified);
  return {
    name,
    kind,
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: code.length },
    }).length,
    hasTokenManager: plain.includes(TOKEN_MANAGER_MARKER),
  };
}

/** What the size check needs of an entry (an entry file has no token endpoint to call). */
export type SizedEntry = Pick<BundleEntry, "name" | "kind" | "source">;

export async function measureEntries(entries: readonly SizedEntry[] = allEntries): Promise<SizeReport> {
  const sizes: BundleSize[] = [];
  // One at a time: esbuild's service is shared, and the machine has few cores.
  for (const entry of entries) {
    try {
      sizes.push(await measure(entry.name, entry.kind, entry.source()));
    } catch (error) {
      throw new Error(`could not bundle ${entry.name}: ${(error as Error).message}`);
    }
  }
  const runtime = await bundle('export * from "@x/oauth-core";', false);
  return {
    budget: SIZE_BUDGET_BYTES,
    goal: SIZE_GOAL_BYTES,
    sizes,
    markerInRuntime: runtime.includes(TOKEN_MANAGER_MARKER),
  };
}

/**
 * What an entry's bundle holds: minified bytes per input file, largest first, from esbuild's metafile. The
 * workspace packages are bundled from their sources (each `@x/…` aliased to its src/index.ts), so the bytes are
 * attributed to the files that hold them rather than to one dist file per package.
 */
export async function bundleInputs(source: string): Promise<{ total: number; inputs: [string, number][] }> {
  const alias = Object.fromEntries(
    readdirSync(join(repoRoot, "packages")).flatMap((dir) => {
      const manifest = join(repoRoot, "packages", dir, "package.json");
      const entry = join(repoRoot, "packages", dir, "src", "index.ts");
      if (!existsSync(manifest) || !existsSync(entry)) return [];
      return [[(JSON.parse(readFileSync(manifest, "utf8")) as { name: string }).name, entry]];
    }),
  );
  const result = await build({
    stdin: { contents: source, resolveDir: repoRoot, sourcefile: "entry.js", loader: "js" },
    alias,
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    outfile: "entry.min.js",
    format: "esm",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    external: ["node:*", ...builtinModules],
    logLevel: "silent",
  });
  const [output] = Object.values(result.metafile.outputs);
  if (!output) throw new Error("esbuild wrote no output");
  const inputs = Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]): [string, number] => [
      file.replace(/^.*node_modules\//, "").replace(/^packages\//, ""),
      bytesInOutput,
    ])
    .filter(([, size]) => size > 0)
    .sort((a, b) => b[1] - a[1]);
  return { total: output.bytes, inputs };
}

/** Every way the report breaks the budget, each naming the package and its figure. */
export function budgetViolations(report: SizeReport): string[] {
  const violations: string[] = [];
  for (const size of report.sizes) {
    if (size.kind !== "provider") continue;
    if (size.gzip > report.budget) {
      violations.push(
        `${size.name} is ${bytes(size.gzip)} B min+gzip, over the ${bytes(report.budget)} B budget by ${bytes(size.gzip - report.budget)} B`,
      );
    }
    if (size.hasTokenManager) {
      violations.push(
        `${size.name} bundles token manager code ("${TOKEN_MANAGER_MARKER}") that its entry does not use`,
      );
    }
  }
  return violations;
}

/** Provider packages (one per spec) that have no entry here, so the budget would not see them. */
export function unmeasuredPackages(): string[] {
  const measured = new Set(providerEntries.map((entry) => entry.name));
  return providerPackages().filter((name) => !measured.has(name));
}

export function sizeTable(report: SizeReport): string {
  return markdownTable(
    ["bundle (esbuild, minified)", "min", "min+gzip", "min+brotli", "budget"],
    report.sizes.map((size) => [
      size.name,
      bytes(size.minified),
      bytes(size.gzip),
      bytes(size.brotli),
      size.kind === "provider" ? (size.gzip <= report.budget ? "ok" : "OVER") : "",
    ]),
  );
}

function entriesFromFiles(files: readonly string[]): SizedEntry[] {
  return files.map((file) => {
    const contents = readFileSync(resolve(file), "utf8");
    return { name: relative(repoRoot, resolve(file)), kind: "provider", source: () => contents };
  });
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--inputs")) {
    for (const entry of providerEntries) {
      const { total, inputs } = await bundleInputs(entry.source());
      console.log(`${entry.name}: ${bytes(total)} B minified`);
      console.log(
        markdownTable(
          ["input", "bytes"],
          inputs.map(([file, size]) => [file, bytes(size)]),
        ),
      );
    }
    return 0;
  }
  const check = argv.includes("--check");
  const files = argv.filter((arg) => !arg.startsWith("--"));
  const report = await measureEntries(files.length > 0 ? entriesFromFiles(files) : allEntries);
  console.log(sizeTable(report));
  console.log(
    `budget ${bytes(report.budget)} B min+gzip per provider package (goal ${bytes(report.goal)} B); token manager in @x/oauth-core: ${report.markerInRuntime ? "yes, checked to be tree-shaken" : "not yet"}`,
  );
  if (!check) return 0;
  const problems = [
    ...budgetViolations(report),
    ...(files.length > 0
      ? []
      : unmeasuredPackages().map((name) => `${name} has no entry in bench/entries.ts`)),
  ];
  for (const problem of problems) console.error(`size budget: ${problem}`);
  return problems.length > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  process.exitCode = await main(process.argv.slice(2)).catch((error: Error) => {
    console.error(`size budget: ${error.message}`);
    return 1;
  });
}
