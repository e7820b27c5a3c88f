// Remembers specs that linted clean, keyed by their text and everything the lint depends on (the linters'
// versions, redocly.yaml and its plugins, the lint code), so the gate lints only what changed since the last clean lint.
// Problems are never cached: a spec with problems is linted again on every run.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ContentCache } from "./content-cache.js";
import { repoRoot } from "./repo.js";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const cleanSpecs = new ContentCache("spec-lint", () => [
  path.join(repoRoot, "redocly.yaml"),
  path.join(repoRoot, "scripts", "redocly-sdk-types.mjs"),
  path.join(repoRoot, "scripts", "redocly-examples.mjs"),
  path.join(repoRoot, "scripts", "example-validators.mjs"),
  path.join(here, "lint-specs.ts"),
  path.join(here, "lint-engine.ts"),
  // Its exports hide package.json; lib/index.js sits next to it.
  path.join(path.dirname(require.resolve("@redocly/openapi-core")), "..", "package.json"),
  require.resolve("@apidevtools/swagger-parser/package.json"),
]);

/** True when this exact spec text linted clean with the same tools before. */
export function lintedClean(text: string): boolean {
  return cleanSpecs.get(text) !== undefined;
}

export function rememberClean(text: string): void {
  cleanSpecs.set(text, "");
}
