// Regenerates provider packages from specs/: `pnpm generate [provider...] [--check]` (built by esbuild, run by node).
// --check writes nothing and fails, naming the files, when a generated file differs from what is on disk.
// Every provider is generated in one pass before anything is written: a broken spec leaves every file as it was.
import { repositoryFolders, runCodegen } from "./codegen/run.js";
import { repoRoot, runScript } from "./repo.js";

async function main(argv: string[]): Promise<number> {
  const unknownFlags = argv.filter((arg) => arg.startsWith("-") && arg !== "--check");
  if (unknownFlags.length > 0) {
    console.error(`unknown option ${unknownFlags.join(", ")}; usage: pnpm generate [provider...] [--check]`);
    return 2;
  }
  const result = await runCodegen({
    ...repositoryFolders(repoRoot),
    ids: argv.filter((arg) => !arg.startsWith("-")),
    check: argv.includes("--check"),
  });
  for (const line of result.lines) console.log(line);
  for (const line of result.errors) console.error(line);
  return result.code;
}

runScript(main);
