import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type GeneratedPackage, generateProvider } from "../scripts/codegen/pipeline.js";
import { scaffoldProvider } from "../scripts/codegen/scaffold.js";

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "codegen");

/** A throwaway packages/ folder; removed by the returned cleanup. */
export function temporaryPackagesDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "codegen-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Scaffolds the fixture's package into `packagesDir` (so its README has the markers) and generates it. */
export async function generateFixture(name: string, packagesDir: string): Promise<GeneratedPackage> {
  const specPath = path.join(fixturesDir, name, "spec.yaml");
  await scaffoldProvider({ specPath, providerId: name, packagesDir });
  return generateProvider({ specPath, providerId: name, packagesDir });
}
