// Providers: each spec read, linted and bundled once (../lint/specs.ts) → spec model → files, all
// formatted by one Biome run. Codegen owns src/generated/ and the README section, nothing else; nothing is written
// until every file of every provider has been generated.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildSpecModel, type SpecDocument, type SpecModel } from "@x/spec-model";
import { gateError, readSpecs, type SpecProblem } from "../lint/specs.js";
import { repoRelative } from "../repo.js";
import { emitApi, emitClient, emitErrors, emitIndex, emitModels, emitOperations } from "./emit-code.js";
import { emitLifecycle } from "./emit-lifecycle.js";
import { emitReadmeSection, spliceReadme } from "./emit-readme.js";
import { emitSchema } from "./emit-schema.js";
import { formatSources, type Unformatted } from "./format.js";
import { claimExportedNames } from "./names.js";
import { resultShapes } from "./result-shapes.js";

export const GENERATED_DIR = "src/generated";

export interface GenerateOptions {
  /** The spec file. */
  specPath: string;
  /** Provider id (the spec's file name without extension). */
  providerId: string;
  /** Where packages live (packages/ of the repository, or a temporary folder in tests). */
  packagesDir: string;
  /** Skip the spec lint gate (tests of the model's own checks); one provider that skips it skips it for the run. */
  skipGate?: boolean;
}

/** Files one provider's generation produces: package-relative path → content. */
export interface GeneratedPackage {
  model: SpecModel;
  packageDir: string;
  files: Map<string, string>;
  /** The lint's problems that did not stop it (house rules of a vendor spec). */
  warnings: SpecProblem[];
}

/** The emitters of src/generated/, by file name; an emitter with nothing to say for a spec returns undefined. */
const EMITTERS: [string, (model: SpecModel) => string | undefined | Promise<string | undefined>][] = [
  ["schema.gen.ts", emitSchema],
  ["operations.gen.ts", (model) => emitOperations(model, resultShapes(model))],
  ["models.gen.ts", emitModels],
  ["errors.gen.ts", emitErrors],
  ["client.gen.ts", emitClient],
  ["api.gen.ts", emitApi],
  ["index.gen.ts", emitIndex],
  ["lifecycle.gen.ts", emitLifecycle], // only for specs with x-sdk-token
];

/** Generates several providers in one pass; throws, with the file and place, before anything is written. */
export async function generateProviders(providers: readonly GenerateOptions[]): Promise<GeneratedPackage[]> {
  const read = await readSpecs(
    providers.map((options) => options.specPath),
    { lint: !providers.some((options) => options.skipGate) },
  );
  const failed = gateError(read);
  if (failed) throw failed;
  const packages = providers.map((options, index) => {
    const model = buildSpecModel(read[index]?.spec as SpecDocument, options.providerId);
    claimExportedNames(model.spec, model);
    return { model, packageDir: path.join(options.packagesDir, model.provider.folderName) };
  });
  const sources: (Unformatted & { file: string })[][] = [];
  for (const { model, packageDir } of packages) {
    const files: (Unformatted & { file: string })[] = [];
    const add = (file: string, source: string) =>
      files.push({ file, virtualPath: `packages/${model.provider.folderName}/${file}`, source });
    for (const [name, emit] of EMITTERS) {
      const source = await emit(model);
      if (source !== undefined) add(`${GENERATED_DIR}/${name}`, source);
    }
    // Formatted on its own, then spliced, so the hand-written rest of the README stays as its owner left it.
    if (existsSync(path.join(packageDir, "README.md"))) add("README.md", emitReadmeSection(model));
    sources.push(files);
  }
  const formatted = formatSources(sources);
  return packages.map(({ model, packageDir }, provider) => {
    const files = new Map<string, string>();
    for (const [index, { file }] of (sources[provider] ?? []).entries()) {
      const content = formatted[provider]?.[index] as string;
      if (file !== "README.md") files.set(file, content);
      else {
        const readmePath = path.join(packageDir, "README.md");
        const readme = readFileSync(readmePath, "utf8");
        files.set(file, spliceReadme(readme, content.trimEnd(), repoRelative(readmePath)));
      }
    }
    return { model, packageDir, files, warnings: read[provider]?.problems ?? [] };
  });
}

export async function generateProvider(options: GenerateOptions): Promise<GeneratedPackage> {
  const [generated] = await generateProviders([options]);
  return generated as GeneratedPackage;
}

/** Files whose content on disk differs from the generated one, plus stale generated files (package-relative). */
export function differingFiles(generated: GeneratedPackage): string[] {
  const differing: string[] = [];
  for (const [file, content] of generated.files) {
    const absolute = path.join(generated.packageDir, file);
    if (!existsSync(absolute) || readFileSync(absolute, "utf8") !== content) differing.push(file);
  }
  for (const stale of staleGeneratedFiles(generated)) differing.push(stale);
  return differing;
}

function staleGeneratedFiles(generated: GeneratedPackage): string[] {
  const dir = path.join(generated.packageDir, GENERATED_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => `${GENERATED_DIR}/${name}`)
    .filter((file) => !generated.files.has(file));
}
