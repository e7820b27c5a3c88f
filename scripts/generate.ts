// Regenerates provider packages from specs/: `tsx scripts/generate.ts [provider...] [--check]`.
// --check writes nothing and fails, naming the files, when a generated file differs from what is on disk.
// Every provider is generated in one pass before anything is written: a broken spec leaves every file as it was.
import { readFileSync } from "node:fs";
import path from "node:path";
import { listSpecs } from "@x/spec-model/list";
import { cachedSchemaTypes, startSchemaThread } from "./codegen/schema-thread.js";
import { lintedClean } from "./lint-cache.js";
import { startLintThread } from "./lint-thread.js";
import { repoRoot, runScript } from "./repo.js";

// The tools' threads start before the codegen's modules load, so their own modules load meanwhile; a run whose
// specs all linted clean (or all have their types cached) before does not start that thread at all.
const chosenIds = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const specTexts = listSpecs(path.join(repoRoot, "specs"))
  .filter((spec) => chosenIds.length === 0 || chosenIds.includes(spec.id))
  .map((spec) => readFileSync(spec.file, "utf8"));
if (!specTexts.every(lintedClean)) startLintThread();
if (!specTexts.every((text) => cachedSchemaTypes(text) !== undefined)) startSchemaThread();
const { repositoryFolders, runCodegen } = await import("./codegen/run.js");

async function main(argv: string[]): Promise<number> {
  const unknownFlags = argv.filter((arg) => arg.startsWith("-") && arg !== "--check");
  if (unknownFlags.length > 0) {
    console.error(
      `unknown option ${unknownFlags.join(", ")}; usage: tsx scripts/generate.ts [provider...] [--check]`,
    );
    return 2;
  }
  const result = await runCodegen({
    ...repositoryFolders(repoRoot),
    ids: chosenIds,
    check: argv.includes("--check"),
  });
  for (const line of result.lines) console.log(line);
  for (const line of result.errors) console.error(line);
  return result.code;
}

runScript(main);
