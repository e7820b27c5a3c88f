// Creates a provider package for a new spec, then generates it: `tsx scripts/scaffold.ts <provider>`
// (the spec is specs/<provider>.yaml). Existing files are kept, never overwritten.
import path from "node:path";
import { generateProvider } from "./codegen/pipeline.js";
import { scaffoldProvider } from "./codegen/scaffold.js";
import { writeGenerated } from "./codegen/write.js";
import { repoRelative, repoRoot, runScript } from "./repo.js";

async function main(argv: string[]): Promise<number> {
  const [providerId, ...rest] = argv;
  if (!providerId || rest.length > 0 || providerId.startsWith("-")) {
    console.error("usage: tsx scripts/scaffold.ts <provider>   (reads specs/<provider>.yaml)");
    return 2;
  }
  const specPath = path.join(repoRoot, "specs", `${providerId}.yaml`);
  const packagesDir = path.join(repoRoot, "packages");
  const scaffolded = scaffoldProvider({ specPath, providerId, packagesDir });
  const where = repoRelative(scaffolded.packageDir);
  for (const file of scaffolded.created) console.log(`created ${where}/${file}`);
  for (const file of scaffolded.kept) console.log(`kept    ${where}/${file} (exists)`);
  const generated = await generateProvider({ specPath, providerId, packagesDir });
  for (const file of writeGenerated(generated)) console.log(`generated ${where}/${file}`);
  console.log(`next: pnpm install && pnpm --filter ${generated.model.packageName} build`);
  return 0;
}

runScript(main);
