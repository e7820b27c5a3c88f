// `openapi-generator-cli validate` on each spec, two at a time (each run starts a JVM).
import { relative } from "node:path";
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
        ok: code === 0 && /No validation issues detected/.test(output),
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
