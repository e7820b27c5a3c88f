// `openapi-generator-cli validate` on each spec, two at a time (each run starts a JVM).
import { relative } from "node:path";
import { loadSpecModel, type Schema, type SpecDocument, schemaRefName } from "@x/spec-model";
import { type GeneratorConfig, repoRoot } from "./config.js";
import { runWrapper } from "./wrapper.js";

export interface ValidationResult {
  spec: string;
  ok: boolean;
  output: string;
}

export async function validateSpecs(
  config: GeneratorConfig,
  specFiles: string[],
): Promise<ValidationResult[]> {
  const results: ValidationResult[] = [];
  const queue = [...specFiles];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const spec = relative(repoRoot, file);
      const { code, output } = await runWrapper(config, ["validate", "-i", spec]);
      results.push({
        spec,
        ok: code === 0 && (/No validation issues detected/.test(output) || onlyUnseenUses(output, file)),
        output: output.trim(),
      });
    }
  };
  await Promise.all([worker(), worker()]);
  return results.sort((a, b) => a.spec.localeCompare(b.spec));
}

export function validationFailure(result: ValidationResult): string {
  return `${result.spec}: openapi-generator-cli validate failed:\n${result.output.replace(/^/gm, "    ")}`;
}

/**
 * True when the validator's only findings are "Unused model" for models the spec uses through x-sdk-success-schema,
 * an extension the generator cannot see (the spec model reads it; Redocly is told by its plugin).
 */
function onlyUnseenUses(output: string, file: string): boolean {
  const findings = output
    .split("\n")
    .map((line) => /^\s*- (.+)$/.exec(line)?.[1]?.trim())
    .filter((finding): finding is string => finding !== undefined);
  if (findings.length === 0 || /\berror/i.test(output)) return false;
  const used = new Set<string>();
  try {
    const model = loadSpecModel(file);
    for (const operation of model.operations)
      if (operation.successSchema) addReachable(model.spec, operation.successSchema, used);
  } catch {
    return false; // Not a spec the model can read: its findings stand.
  }
  return findings.every((finding) => used.has(/^Unused model: (\S+)$/.exec(finding)?.[1] ?? ""));
}

/** The named schema and every components.schemas model its $refs reach. */
function addReachable(spec: SpecDocument, name: string, into: Set<string>): void {
  if (into.has(name)) return;
  into.add(name);
  const visit = (value: unknown): void => {
    if (!value || typeof value !== "object") return;
    const ref = schemaRefName(value as Schema);
    if (ref !== undefined) addReachable(spec, ref, into);
    for (const child of Object.values(value)) visit(child);
  };
  visit(spec.document.components?.schemas?.[name]);
}
