// One run of codegen over a folder of specs: generate every chosen provider, then check or write them all.
import path from "node:path";
import { listSpecs } from "@x/spec-model";
import { repoRelative } from "../repo.js";
import { differingFiles, generateProviders } from "./pipeline.js";
import { writeGeneratedPackages } from "./write.js";

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
    const where = repoRelative(options.specsDir) || ".";
    return {
      code: 2,
      lines: [],
      errors: [`no spec for ${missing.join(", ")} in ${where}/ (known: ${known.join(", ")})`],
    };
  }
  const chosen = options.ids.length > 0 ? specs.filter((spec) => options.ids.includes(spec.id)) : specs;
  const generated = await generateProviders(
    chosen.map((spec) => ({ specPath: spec.file, providerId: spec.id, packagesDir: options.packagesDir })),
  );
  if (options.check) {
    const drift = generated.flatMap((pkg) =>
      differingFiles(pkg).map((file) => `${repoRelative(pkg.packageDir)}/${file}`),
    );
    if (drift.length > 0) {
      return {
        code: 1,
        lines: [],
        errors: [
          `generated files differ from the specs (run \`pnpm generate\` and commit):\n${drift.map((file) => `  ${file}`).join("\n")}`,
        ],
      };
    }
    return {
      code: 0,
      lines: [`generated files match the specs (${chosen.map((spec) => spec.id).join(", ")})`],
      errors: [],
    };
  }
  const lines = [...writeGeneratedPackages(generated)].map(([pkg, changed]) => {
    const where = repoRelative(pkg.packageDir);
    return `${pkg.model.providerId}: ${changed.length === 0 ? "up to date" : `wrote ${changed.map((file) => `${where}/${file}`).join(", ")}`}`;
  });
  return { code: 0, lines, errors: [] };
}

/** The default folders of the repository. */
export function repositoryFolders(root: string): { specsDir: string; packagesDir: string } {
  return { specsDir: path.join(root, "specs"), packagesDir: path.join(root, "packages") };
}
