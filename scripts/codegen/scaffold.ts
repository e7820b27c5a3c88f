// Creates packages/<name>/ for a new spec from scripts/codegen/templates/provider. Never overwrites a file that exists:
// everything it writes is hand-owned from then on (only src/generated/ and the README section belong to codegen).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildSpecModel, type SpecDocument } from "@x/spec-model";
import { gateError, readSpecs, type SpecProblem } from "../lint/specs.js";
import { repoRoot } from "../repo.js";
import { generateProvider } from "./pipeline.js";
import { writeGenerated } from "./write.js";

export const TEMPLATE_DIR = path.join(repoRoot, "scripts", "codegen", "templates", "provider");

export interface ScaffoldOptions {
  specPath: string;
  providerId: string;
  packagesDir: string;
}

export interface ScaffoldResult {
  packageDir: string;
  packageName: string;
  /** The package folder did not exist before. */
  createdDir: boolean;
  /** The lint's problems that did not stop it (house rules of a vendor spec). */
  warnings: SpecProblem[];
  created: string[];
  kept: string[];
}

/**
 * Creates the package's files. The spec is read first and must lint clean (every problem is listed at once) and
 * give a model; nothing is created otherwise.
 */
export async function scaffoldProvider(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const read = await readSpecs([options.specPath]);
  const failed = gateError(read);
  if (failed) throw failed;
  const { provider: model } = buildSpecModel(read[0]?.spec as SpecDocument, options.providerId);
  const packageDir = path.join(options.packagesDir, model.folderName);
  const values: Record<string, string> = {
    providerId: model.id,
    packageName: model.packageName,
    folderName: model.folderName,
    clientFactory: model.clientFactory,
    title: model.title,
    repositoryUrl: repositoryUrl(),
    // Where a reader on the registry follows links to: git+https://github.com/x/oauth-sdks.git → https://github.com/x/oauth-sdks
    repositoryWebUrl: repositoryUrl()
      .replace(/^git\+/, "")
      .replace(/\.git$/, ""),
  };
  const result: ScaffoldResult = {
    packageDir,
    packageName: model.packageName,
    createdDir: !existsSync(packageDir),
    warnings: read[0]?.problems ?? [],
    created: [],
    kept: [],
  };
  try {
    createFiles(result, values);
  } catch (error) {
    removeScaffolded(result);
    throw error;
  }
  return result;
}

/**
 * Scaffolds a provider and generates it: what `pnpm scaffold` runs. When generating fails, what the scaffold created
 * is removed again.
 */
export async function addProvider(
  options: ScaffoldOptions,
): Promise<{ scaffolded: ScaffoldResult; generated: string[] }> {
  const scaffolded = await scaffoldProvider(options);
  try {
    // Linted by scaffoldProvider just now.
    const generated = writeGenerated(await generateProvider({ ...options, skipGate: true }));
    return { scaffolded, generated };
  } catch (error) {
    removeScaffolded(scaffolded);
    throw error;
  }
}

function createFiles(result: ScaffoldResult, values: Record<string, string>): void {
  for (const template of templateFiles(TEMPLATE_DIR)) {
    const relative = template.replace(/\.tmpl$/, "");
    const target = path.join(result.packageDir, relative);
    if (existsSync(target)) {
      result.kept.push(relative);
      continue;
    }
    const text = readFileSync(path.join(TEMPLATE_DIR, template), "utf8").replace(
      /\{\{(\w+)\}\}/g,
      (match, key: string) => {
        const value = values[key];
        if (value === undefined) throw new Error(`template ${template} uses unknown placeholder ${match}`);
        return key === "title" && relative.endsWith(".json") ? JSON.stringify(value).slice(1, -1) : value;
      },
    );
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    result.created.push(relative);
  }
}

/** Removes what a scaffold created: the package folder when it made it, else the files it added. */
export function removeScaffolded(result: ScaffoldResult): void {
  if (result.createdDir) rmSync(result.packageDir, { recursive: true, force: true });
  else for (const file of result.created) rmSync(path.join(result.packageDir, file), { force: true });
}

function templateFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const relative = prefix ? `${prefix}/${name}` : name;
      return statSync(path.join(dir, name)).isDirectory()
        ? templateFiles(path.join(dir, name), relative)
        : [relative];
    });
}

// The repository URL the root package.json declares, so every package points at the same place.
function repositoryUrl(): string {
  const root = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
    repository?: string | { url?: string };
  };
  const url = typeof root.repository === "string" ? root.repository : root.repository?.url;
  return url ?? "git+https://github.com/x/oauth-sdks.git";
}
