// One run of codegen over a folder of specs: generate every chosen provider, then check or write them all; after a
// write, the changed packages' typecheck names the hand-written files the spec change made stale.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { listSpecs } from "@x/spec-model";
import { formatProblem } from "../lint/specs.js";
import { repoRelative } from "../repo.js";
import { differingFiles, GENERATED_DIR, type GeneratedPackage, generateProviders } from "./pipeline.js";
import { writeGeneratedPackages } from "./write.js";

const require = createRequire(import.meta.url);

export interface RunOptions {
  specsDir: string;
  packagesDir: string;
  /** Provider ids; all of the folder's when empty. */
  ids: string[];
  /** Compare with what is on disk instead of writing. */
  check: boolean;
}

export interface RunResult {
  code: number;
  lines: string[];
  errors: string[];
}

export async function runCodegen(options: RunOptions): Promise<RunResult> {
  const specs = listSpecs(options.specsDir);
  const known = specs.map((spec) => spec.id);
  const missing = options.ids.filter((id) => !known.includes(id));
  if (missing.length > 0) {
    const where = `${repoRelative(options.specsDir) || "."}/ (known: ${known.join(", ")})`;
    return { code: 2, lines: [], errors: [`no spec for ${missing.join(", ")} in ${where}`] };
  }
  const chosen = options.ids.length > 0 ? specs.filter((spec) => options.ids.includes(spec.id)) : specs;
  const generated = await generateProviders(
    chosen.map((spec) => ({ specPath: spec.file, providerId: spec.id, packagesDir: options.packagesDir })),
  );
  const warnings = generated.flatMap((pkg) => pkg.warnings.map(formatProblem));
  if (options.check) {
    const drift = generated.flatMap((pkg) =>
      differingFiles(pkg).map((file) => `${repoRelative(pkg.packageDir)}/${file}`),
    );
    if (drift.length === 0) {
      const checked = chosen.map((spec) => spec.id).join(", ");
      return { code: 0, lines: [`generated files match the specs (${checked})`], errors: warnings };
    }
    const differ = `generated files differ from the specs (run \`pnpm generate\` and commit):`;
    return { code: 1, lines: [], errors: [...warnings, [differ, ...drift].join("\n  ")] };
  }
  const lines: string[] = [];
  const stale: string[] = [];
  for (const [pkg, changed] of writeGeneratedPackages(generated)) {
    const where = repoRelative(pkg.packageDir);
    if (changed.length === 0) {
      lines.push(`${pkg.model.provider.id}: up to date`);
      continue;
    }
    lines.push(`${pkg.model.provider.id}: wrote ${changed.map((file) => `${where}/${file}`).join(", ")}`);
    const checked = typecheck(pkg);
    lines.push(`${pkg.model.provider.id}: ${checked.summary}`);
    stale.push(...checked.problems);
  }
  return { code: stale.length > 0 ? 1 : 0, lines, errors: [...warnings, ...stale] };
}

/**
 * The package's typecheck (`tsc --noEmit` on its tsconfig.json) after its generated files changed: a problem in a
 * hand-written file is one the spec change made stale (a renamed parameter, a removed model). Skipped for a package
 * that is not installed or whose dependencies are not built.
 */
function typecheck(pkg: GeneratedPackage): { summary: string; problems: string[] } {
  const tsconfig = path.join(pkg.packageDir, "tsconfig.json");
  if (!existsSync(tsconfig) || !existsSync(path.join(pkg.packageDir, "node_modules"))) {
    return { summary: "typecheck skipped (package not installed)", problems: [] };
  }
  const tsc = spawnSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "--noEmit", "-p", tsconfig],
    {
      cwd: pkg.packageDir,
      encoding: "utf8",
    },
  );
  if (tsc.status === 0) return { summary: "typecheck passes", problems: [] };
  const where = repoRelative(pkg.packageDir);
  const diagnostics = tsc.stdout.split("\n").filter((line) => /^\S.*\(\d+,\d+\): error TS\d+/.test(line));
  // A workspace package not built yet (its types are in dist/) says nothing about the spec change.
  if (diagnostics.some((line) => line.includes("error TS2307:"))) {
    return {
      summary: "typecheck skipped (a dependency is not built: run pnpm build, then generate)",
      problems: [],
    };
  }
  const handWritten = diagnostics.filter((line) => !line.startsWith(`${GENERATED_DIR}/`));
  const files = [...new Set(handWritten.map((line) => line.slice(0, line.indexOf("("))))];
  return {
    summary:
      files.length > 0
        ? `typecheck fails: the spec change made ${files.map((file) => `${where}/${file}`).join(", ")} stale`
        : "typecheck fails in generated files",
    problems: (diagnostics.length > 0 ? diagnostics : [tsc.stdout || tsc.stderr]).map(
      (line) => `${where}/${line}`,
    ),
  };
}

/** The default folders of the repository. */
export function repositoryFolders(root: string): { specsDir: string; packagesDir: string } {
  return { specsDir: path.join(root, "specs"), packagesDir: path.join(root, "packages") };
}
