// Makes the generator JAR of openapitools.json available (cache, verified npm copy, or the wrapper's download).
//   tsx scripts/checks/openapi-generator/ensure-jar.ts
import { readGeneratorConfig } from "./config.js";
import { ensureJar } from "./jar.js";
import { runWrapper } from "./wrapper.js";

const config = readGeneratorConfig();
ensureJar(config, {
  log: (line) => console.log(line),
  wrapperDownload: async () => {
    const { code, output } = await runWrapper(config, ["version"]);
    if (code !== 0) throw new Error(output);
  },
}).then(
  (jar) =>
    console.log(`${jar.path} (${jar.verified ? "sha256 verified" : "not verified"}, from ${jar.source})`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
