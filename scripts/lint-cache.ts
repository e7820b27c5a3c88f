// Remembers specs that linted clean, keyed by their text and everything the lint depends on (the linters'
// versions, redocly.yaml, the lint code), so the gate lints only what changed since the last clean lint.
// Problems are never cached: a spec with problems is linted again on every run.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot } from "./repo.js";

const cacheDir = path.join(repoRoot, "node_modules", ".cache", "spec-lint");
const require = createRequire(import.meta.url);

let fingerprint: string | undefined;

/** Everything besides the spec that decides the lint's verdict. */
function toolFingerprint(): string {
  fingerprint ??= createHash("sha256")
    .update(readFileSync(path.join(repoRoot, "redocly.yaml")))
    .update(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "lint-specs.ts")))
    .update(readFileSync(require.resolve("@redocly/cli/package.json")))
    .update(readFileSync(require.resolve("@apidevtools/swagger-parser/package.json")))
    .digest("hex");
  return fingerprint;
}

function entry(text: string): string {
  return path.join(cacheDir, createHash("sha256").update(toolFingerprint()).update(text).digest("hex"));
}

/** True when this exact spec text linted clean with the same tools before. */
export function lintedClean(text: string): boolean {
  return existsSync(entry(text));
}

export function rememberClean(text: string): void {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(entry(text), "");
}
