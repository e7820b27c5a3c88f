// The OpenAPI Generator check of the test command: every spec passes `openapi-generator-cli validate`, and the
// python client generated from it still has the surface of the original client (specs/originals.json).
//   tsx scripts/checks/openapi-generator/check.ts
// SKIP_OPENAPI_GENERATOR=1 skips it on a machine without Java (refused when CI=true).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadOriginals } from "../originals.js";
import { env, readGeneratorConfig, repoRoot } from "./config.js";
import { ensureJar } from "./jar.js";
import { MirrorError, mirrorCheck } from "./mirror-check.js";
import { validateSpecs, validationFailure } from "./validate.js";
import { JavaMissingError, javaVersion, runWrapper } from "./wrapper.js";

const isCI = ["true", "1"].includes((process.env.CI ?? "").toLowerCase());
const log = (line: string) => console.log(line);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)}s`;

async function main(): Promise<number> {
  if (process.env[env.skip] === "1") {
    if (isCI) {
      console.error(`openapi-generator: ${env.skip}=1 is not honoured when CI=true; CI machines have Java.`);
      return 1;
    }
    log(`openapi-generator: skipped (${env.skip}=1): specs were NOT validated with OpenAPI Generator.`);
    return 0;
  }
  const started = performance.now();
  try {
    log(`openapi-generator: ${await javaVersion()}`);
  } catch (error) {
    if (!(error instanceof JavaMissingError)) throw error;
    console.error(`openapi-generator: ${error.message}`);
    return 1;
  }

  const config = readGeneratorConfig();
  const jar = await ensureJar(config, {
    log,
    wrapperDownload: async () => {
      const { code, output } = await runWrapper(config, ["version"]);
      if (code !== 0) throw new Error(output);
    },
  });
  log(
    `openapi-generator: ${config.version} JAR ${jar.verified ? "verified (sha256)" : "NOT verified"}, from ${jar.source}`,
  );

  const specsDir = join(repoRoot, "specs");
  const originalsFile = join(specsDir, "originals.json");
  const specFiles = readdirSync(specsDir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(specsDir, name));
  const mirrored = new Set(Object.values(loadOriginals(originalsFile)).map((entry) => entry.spec));
  const unmirrored = specFiles.filter((file) => !mirrored.has(file.slice(specsDir.length + 1)));
  if (unmirrored.length > 0) {
    console.error(`openapi-generator: no entry in specs/originals.json for ${unmirrored.join(", ")}`);
    return 1;
  }

  let phase = performance.now();
  const validation = await validateSpecs(config, specFiles);
  const invalid = validation.filter((result) => !result.ok);
  for (const result of invalid) console.error(validationFailure(result));
  if (invalid.length > 0) return 1;
  log(
    `openapi-generator: validate passed for ${validation.map((r) => r.spec).join(", ")} (${seconds(phase)})`,
  );

  phase = performance.now();
  try {
    const reports = await mirrorCheck(config, originalsFile);
    for (const line of reports.flatMap((report) => report.notes)) log(`  expected: ${line}`);
    log(
      `openapi-generator: mirror check passed for ${reports.map((r) => r.provider).join(", ")} (${seconds(phase)})`,
    );
  } catch (error) {
    if (!(error instanceof MirrorError)) throw error;
    console.error(error.message);
    return 1;
  }
  log(`openapi-generator: done in ${seconds(started)}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`openapi-generator: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
