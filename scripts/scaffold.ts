// Creates a provider package for a new spec, then generates it: `tsx scripts/scaffold.ts <provider>`
// (the spec is specs/<provider>.yaml). Existing files are kept, never overwritten; when the spec does not lint, every
// problem is listed and nothing is created, and when generating fails, what was created is removed.
import path from "node:path";
import { addProvider } from "./codegen/scaffold.js";
import { formatProblem } from "./lint/specs.js";
import { repoRelative, repoRoot, runScript } from "./repo.js";

async function main(argv: string[]): Promise<number> {
  const [providerId, ...rest] = argv;
  if (!providerId || rest.length > 0 || providerId.startsWith("-")) {
    console.error("usage: tsx scripts/scaffold.ts <provider>   (reads specs/<provider>.yaml)");
    return 2;
  }
  const { scaffolded, generated } = await addProvider({
    specPath: path.join(repoRoot, "specs", `${providerId}.yaml`),
    providerId,
    packagesDir: path.join(repoRoot, "packages"),
  });
  const where = repoRelative(scaffolded.packageDir);
  for (const file of scaffolded.created) console.log(`created ${where}/${file}`);
  for (const file of scaffolded.kept) console.log(`kept    ${where}/${file} (exists)`);
  for (const file of generated) console.log(`generated ${where}/${file}`);
  for (const problem of scaffolded.warnings) console.error(formatProblem(problem));
  console.log(`next: pnpm install && pnpm --filter ${scaffolded.packageName} build`);
  return 0;
}

runScript(main);
