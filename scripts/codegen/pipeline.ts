// Providers: each spec read once → spec model → codegen's view → files, formatted in one Biome run; the lint gate
// checks the same parsed documents in its own thread meanwhile.
// Codegen owns src/generated/ and the README section, nothing else; nothing is written until every file of
// every provider has been generated.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildSpecModel, type SpecDocument } from "@x/spec-model";
import { readSpecFast } from "@x/spec-model/read-fast";
import { gateSpecs } from "../lint-specs.js";
import { repoRelative } from "../repo.js";
import { emitApi, emitClient, emitErrors, emitIndex, emitModels, emitOperations } from "./emit-code.js";
import { emitLifecycle } from "./emit-lifecycle.js";
import { emitReadmeSection, spliceReadme } from "./emit-readme.js";
import { emitSchema } from "./emit-schema.js";
import { formatSources, type Unformatted } from "./format.js";
import { buildModel, type SdkModel } from "./model.js";
import { resultShapes } from "./result-shapes.js";

export const GENERATED_DIR = "src/generated";

export interface GenerateOptions {
  /** The spec file. */
  specPath: string;
  /** Provider id (the spec's file name without extension). */
  providerId: string;
  /** Where packages live (packages/ of the repository, or a temporary folder in tests). */
  packagesDir: string;
  /** Skip the spec lint gate (tests of the model's own checks). */
  skipGate?: boolean;
}

/** Files one provider's generation produces: package-relative path → content. */
export interface GeneratedPackage {
  model: SdkModel;
  packageDir: string;
  files: Map<string, string>;
}

/** The emitters of src/generated/, by file name; an emitter with nothing to say for a spec returns undefined. */
const EMITTERS: [string, (model: SdkModel) => string | undefined | Promise<string | undefined>][] = [
  ["schema.gen.ts", emitSchema],
  ["operations.gen.ts", (model) => emitOperations(model, resultShapes(model))],
  ["models.gen.ts", emitModels],
  ["errors.gen.ts", emitErrors],
  ["client.gen.ts", emitClient],
  ["api.gen.ts", emitApi],
  ["index.gen.ts", emitIndex],
];

/** Generates several providers in one pass; throws, with the file and place, before anything is written. */
export async function generateProviders(providers: readonly GenerateOptions[]): Promise<GeneratedPackage[]> {
  const read = providers.map((options) => ({
    options,
    path: options.specPath,
    spec: readSpecFast(options.specPath, repoRelative(options.specPath)),
  }));
  // The lint gate runs in its own thread beside generation and formatting. Its verdict comes first: a spec that
  // does not lint fails with the lint's problems even where generation would fail too.
  const gated = read.filter((entry) => !entry.options.skipGate);
  const gate = gated.length > 0 ? gateSpecs(gated) : Promise.resolve();
  gate.catch(() => undefined);
  let emitted: Emitted;
  try {
    emitted = await emitSources(
      providers,
      read.map((entry) => entry.spec),
    );
  } catch (error) {
    await gate;
    throw error;
  }
  const formatting = formatSources(emitted.sources);
  try {
    await gate;
  } catch (error) {
    await formatting.catch(() => undefined); // no Biome process outlives the run
    throw error;
  }
  return assemble(providers, emitted, await formatting);
}

interface Emitted {
  models: SdkModel[];
  /** Each provider's files, package-relative. */
  sources: (Unformatted & { file: string })[][];
}

/** Every provider's files as the emitters write them, before formatting. */
async function emitSources(providers: readonly GenerateOptions[], specs: SpecDocument[]): Promise<Emitted> {
  const models = specs.map((spec, index) =>
    buildModel(buildSpecModel(spec, (providers[index] as GenerateOptions).providerId)),
  );

  // Every emitter of every provider is started before any is awaited (the schema types come from their own thread);
  // a failure surfaces in the same order as before, the first provider's first failing file.
  const emitting = models.map((model) =>
    EMITTERS.map(([name, emit]) => {
      const source = Promise.resolve().then(() => emit(model));
      source.catch(() => undefined); // awaited below, unless an earlier file failed
      return { name, source };
    }),
  );
  const sources: Emitted["sources"] = [];
  for (const [provider, model] of models.entries()) {
    const files: Emitted["sources"][number] = [];
    sources.push(files);
    const generatedDir = `packages/${model.folderName}/${GENERATED_DIR}`;
    for (const { name, source: emitted } of emitting[provider] ?? []) {
      const source = await emitted;
      if (source === undefined) continue;
      files.push({
        file: `${GENERATED_DIR}/${name}`,
        virtualPath: `${generatedDir}/${name}`,
        source,
      });
    }
    const lifecycle = emitLifecycle(model); // only for specs with x-sdk-token
    if (lifecycle !== undefined) {
      const name = "lifecycle.gen.ts";
      files.push({
        file: `${GENERATED_DIR}/${name}`,
        virtualPath: `${generatedDir}/${name}`,
        source: lifecycle,
      });
    }
    const readmePath = path.join(packageDirOf(providers[provider] as GenerateOptions, model), "README.md");
    if (existsSync(readmePath)) {
      // Formatted on its own, so the hand-written rest of the README stays as its owner left it.
      files.push({
        file: "README.md",
        virtualPath: `packages/${model.folderName}/README.md`,
        source: emitReadmeSection(model),
      });
    }
  }
  return { models, sources };
}

/** The formatted files, by provider; the README section spliced into the hand-written README. */
function assemble(
  providers: readonly GenerateOptions[],
  { models, sources }: Emitted,
  formatted: string[][],
): GeneratedPackage[] {
  return models.map((model, provider) => {
    const packageDir = packageDirOf(providers[provider] as GenerateOptions, model);
    const files = new Map<string, string>();
    for (const [index, { file }] of (sources[provider] ?? []).entries()) {
      const content = formatted[provider]?.[index] as string;
      if (file !== "README.md") files.set(file, content);
      else {
        const readmePath = path.join(packageDir, "README.md");
        files.set(
          "README.md",
          spliceReadme(readFileSync(readmePath, "utf8"), content.trimEnd(), repoRelative(readmePath)),
        );
      }
    }
    return { model, packageDir, files };
  });
}

export async function generateProvider(options: GenerateOptions): Promise<GeneratedPackage> {
  const [generated] = await generateProviders([options]);
  return generated as GeneratedPackage;
}

function packageDirOf(options: GenerateOptions, model: SdkModel): string {
  return path.join(options.packagesDir, model.folderName);
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

export function staleGeneratedFiles(generated: GeneratedPackage): string[] {
  const dir = path.join(generated.packageDir, GENERATED_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => `${GENERATED_DIR}/${name}`)
    .filter((file) => !generated.files.has(file));
}
