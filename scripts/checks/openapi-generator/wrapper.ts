// Runs the official `openapi-generator-cli` wrapper (it starts `java -jar <storageDir>/<version>.jar`).
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { type GeneratorConfig, repoRoot, wrapperEntry } from "./config.js";

export class JavaMissingError extends Error {
  override name = "JavaMissingError";
}

/** `java -version`'s first line; throws JavaMissingError when there is no usable `java` on PATH. */
export async function javaVersion(): Promise<string> {
  try {
    const { stderr, stdout } = await promisify(execFile)("java", ["-version"], { timeout: 30_000 });
    return (stderr || stdout).split("\n")[0]?.trim() ?? "java";
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no `java` on PATH" : String(error);
    throw new JavaMissingError(
      `OpenAPI Generator needs a Java runtime (11 or newer) and none was found (${reason}). ` +
        "Install one (Debian/Ubuntu: apt-get install default-jre-headless), or set SKIP_OPENAPI_GENERATOR=1 " +
        "to skip this check on this machine (not honoured when CI=true).",
    );
  }
}

export interface WrapperResult {
  code: number;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
}

/**
 * Runs the wrapper from the repo root (relative paths keep its shell command free of spaces) with the given
 * openapitools.json. Never hangs: killed after `timeoutMs`.
 */
export function runWrapper(
  config: GeneratorConfig,
  args: string[],
  timeoutMs = 300_000,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<WrapperResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [wrapperEntry(), "--openapitools", config.configFile, ...args], {
      cwd: repoRoot,
      // The wrapper resolves openapitools.json paths against $PWD, not against its working directory.
      env: { ...process.env, PWD: repoRoot, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
      // Own process group, so a timeout also stops the java process the wrapper starts.
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
      reject(new Error(`openapi-generator-cli ${args.join(" ")} timed out after ${timeoutMs / 1000}s`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? 1, output });
    });
  });
}
