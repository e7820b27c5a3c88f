// Regenerates provider packages from specs/: `tsx scripts/generate.ts [provider...] [--check]`.
// --check writes nothing and fails, naming the files, when a generated file differs from what is on disk.
import { readdirSync } from "node:fs";
import path from "node:path";
import { repoRelative, repoRoot } from "./codegen/paths.js";
import { differingFiles, generateProvider, writeGenerated } from "./codegen/pipeline.js";

const specsDir = path.join(repoRoot, "specs");
const packagesDir = path.join(repoRoot, "packages");

function providerIds(): string[] {
  return readdirSync(specsDir)
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => name.slice(0, -".yaml".length))
    .sort();
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes("--check");
  const unknownFlags = argv.filter((arg) => arg.startsWith("-") && arg !== "--check");
  if (unknownFlags.length > 0) {
    console.error(
      `unknown option ${unknownFlags.join(", ")}; usage: tsx scripts/generate.ts [provider...] [--check]`,
    );
    return 2;
  }
  const known = providerIds();
  const requested = argv.filter((arg) => !arg.startsWith("-"));
  const missing = requested.filter((id) => !known.includes(id));
  if (missing.length > 0) {
    console.error(`no spec for ${missing.join(", ")} in specs/ (known: ${known.join(", ")})`);
    return 2;
  }
  const ids = requested.length > 0 ? requested : known;

  const drift: string[] = [];
  for (const id of ids) {
    const generated = await generateProvider({
      specPath: path.join(specsDir, `${id}.yaml`),
      providerId: id,
      packagesDir,
    });
    const where = repoRelative(generated.packageDir);
    if (check) {
      for (const file of differingFiles(generated)) drift.push(`${where}/${file}`);
      continue;
    }
    const changed = writeGenerated(generated);
    console.log(
      `${id}: ${changed.length === 0 ? "up to date" : `wrote ${changed.map((file) => `${where}/${file}`).join(", ")}`}`,
    );
  }
  if (check) {
    if (drift.length > 0) {
      console.error(
        `generated files differ from the specs (run \`pnpm generate\` and commit):\n${drift.map((file) => `  ${file}`).join("\n")}`,
      );
      return 1;
    }
    console.log(`generated files match the specs (${ids.join(", ")})`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
