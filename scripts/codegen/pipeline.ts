// One provider: spec gate → model → files. Codegen owns src/generated/ and the README section, nothing else.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { emitApi, emitClient, emitErrors, emitIndex, emitModels, emitOperations } from "./emit-code.js";
import { emitReadmeSection, spliceReadme } from "./emit-readme.js";
import { emitSchema } from "./emit-schema.js";
import { formatSource } from "./format.js";
import { gateSpec } from "./gate.js";
import { buildModel, type SdkModel } from "./model.js";
import { repoRelative } from "./paths.js";
import { Spec } from "./spec.js";

export const GENERATED_DIR = "src/generated";

export interface GenerateOptions {
  /** The spec file. */
  specPath: string;
  /** Provider id (the spec's file name without extension). */
  providerId: string;
  /** Where packages live (packages/ of the repository, or a temporary folder in tests). */
  packagesDir: string;
  /** Skip the spec lint gate (tests of the gate itself call it directly). */
  skipGate?: boolean;
}

/** Files one provider's generation produces: package-relative path → content. */
export interface GeneratedPackage {
  model: SdkModel;
  packageDir: string;
  files: Map<string, string>;
}

export async function generateProvider(options: GenerateOptions): Promise<GeneratedPackage> {
  const specFile = repoRelative(options.specPath);
  if (!options.skipGate) await gateSpec(options.specPath);
  const spec = new Spec(specFile, options.specPath);
  const model = buildModel(spec, options.providerId);
  const packageDir = path.join(options.packagesDir, model.folderName);

  const sources: [string, string][] = [
    ["schema.gen.ts", await emitSchema(model, options.specPath)],
    ["operations.gen.ts", emitOperations(model)],
    ["models.gen.ts", emitModels(model)],
    ["errors.gen.ts", emitErrors(model)],
    ["client.gen.ts", emitClient(model)],
    ["api.gen.ts", emitApi(model)],
    ["index.gen.ts", emitIndex(model)],
  ];
  const files = new Map<string, string>();
  for (const [name, source] of sources) {
    files.set(
      `${GENERATED_DIR}/${name}`,
      formatSource(source, `packages/${model.folderName}/${GENERATED_DIR}/${name}`),
    );
  }
  const readmePath = path.join(packageDir, "README.md");
  if (existsSync(readmePath)) {
    // Formatted on its own, so the hand-written rest of the README stays as its owner left it.
    const section = formatSource(
      emitReadmeSection(model, spec),
      `packages/${model.folderName}/README.md`,
    ).trimEnd();
    files.set("README.md", spliceReadme(readFileSync(readmePath, "utf8"), section, repoRelative(readmePath)));
  }
  return { model, packageDir, files };
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

/** Writes the generated files; removes generated files the spec no longer produces. Returns what changed. */
export function writeGenerated(generated: GeneratedPackage): string[] {
  if (!existsSync(path.join(generated.packageDir, "package.json"))) {
    throw new Error(
      `${repoRelative(generated.packageDir)} does not exist: scaffold it first (tsx scripts/scaffold.ts ${generated.model.providerId})`,
    );
  }
  const changed = differingFiles(generated);
  for (const stale of staleGeneratedFiles(generated)) rmSync(path.join(generated.packageDir, stale));
  for (const [file, content] of generated.files) {
    const absolute = path.join(generated.packageDir, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    if (!existsSync(absolute) || readFileSync(absolute, "utf8") !== content) writeFileSync(absolute, content);
  }
  return changed;
}

function staleGeneratedFiles(generated: GeneratedPackage): string[] {
  const dir = path.join(generated.packageDir, GENERATED_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => `${GENERATED_DIR}/${name}`)
    .filter((file) => !generated.files.has(file));
}
