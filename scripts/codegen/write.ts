// Writing generated packages: only after every package generated, each file replaced whole (temp file + rename),
// so a failed run leaves every previously generated file as it was.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRelative } from "../repo.js";
import { differingFiles, type GeneratedPackage, staleGeneratedFiles } from "./pipeline.js";

/** Writes the packages' generated files and removes generated files their specs no longer produce. */
export function writeGeneratedPackages(
  packages: readonly GeneratedPackage[],
): Map<GeneratedPackage, string[]> {
  for (const generated of packages) {
    if (!existsSync(path.join(generated.packageDir, "package.json"))) {
      throw new Error(
        `${repoRelative(generated.packageDir)} does not exist: scaffold it first (tsx scripts/scaffold.ts ${generated.model.provider.id}); nothing written`,
      );
    }
  }
  const changed = new Map<GeneratedPackage, string[]>();
  for (const generated of packages) {
    changed.set(generated, differingFiles(generated));
    for (const stale of staleGeneratedFiles(generated)) rmSync(path.join(generated.packageDir, stale));
    for (const [file, content] of generated.files) {
      const absolute = path.join(generated.packageDir, file);
      if (existsSync(absolute) && readFileSync(absolute, "utf8") === content) continue;
      mkdirSync(path.dirname(absolute), { recursive: true });
      const temporary = `${absolute}.${process.pid}.tmp`;
      writeFileSync(temporary, content);
      renameSync(temporary, absolute);
    }
  }
  return changed;
}

/** Writes one package; returns what changed (package-relative). */
export function writeGenerated(generated: GeneratedPackage): string[] {
  return writeGeneratedPackages([generated]).get(generated) ?? [];
}
