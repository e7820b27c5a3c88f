// Lints specs/*.yaml (or the files given): `tsx scripts/lint-specs.ts [files...]`; exits non-zero when a spec fails.
import path from "node:path";
import { listSpecs } from "@x/spec-model";
import { formatProblem, readSpecs } from "./lint/specs.js";
import { repoRoot, runScript } from "./repo.js";

async function main(argv: string[]): Promise<number> {
  const files = argv.length > 0 ? argv : listSpecs(path.join(repoRoot, "specs")).map((spec) => spec.file);
  const results = await readSpecs(files);
  let failed = 0;
  for (const result of results) {
    if (result.ok) console.log(`ok   ${result.file}`);
    else {
      failed++;
      console.error(`FAIL ${result.file}`);
    }
    for (const problem of result.problems) console.error(`  ${formatProblem(problem)}`);
  }
  if (failed > 0) console.error(`${failed} of ${results.length} spec(s) failed lint`);
  return failed > 0 ? 1 : 0;
}

runScript(main, 2);
