// Writing generated packages: only after every package generated, each file replaced whole (temp file + rename),
// so a failed run leaves every previously generated file as it was.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRelative } from "../repo.js";
import { differingFiles, type GeneratedPackage } from "./pipeline.js";

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
    const differing = differingFiles(generated);
    changed.set(generated, differing);
    for (const file of differing) {
      const absolute = path.join(generated.packageDir, file);
      const content = generated.files.get(file);
      // A generated file its spec no longer makes is removed; any other, replaced whole.
      if (content === undefined) rmSync(absolute);
      else {
        mkdirSync(path.dirname(absolute), { recursive: true });
        const temporary = `${absolute}.${process.pid}.tmp`;
        writeFileSync(temporary, content);
        renameSync(temporary, absolute);
      }
    }
  }
  return changed;
}

/** Writes one package; returns what changed (package-relative). */
export function writeGenerated(generated: GeneratedPackage): string[] {
  return writeGeneratedPackages([generated]).get(generated) ?? [];
}
