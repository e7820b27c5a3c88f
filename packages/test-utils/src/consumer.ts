// Compiles a package's consumer fixture the way a user's project would: in a temporary project whose node_modules
// links the package, so the import goes through its package.json exports to the built dist/*.d.ts, never to src/.
import { execFile } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

export interface ConsumerCompileOptions {
  /** The package's folder, e.g. packages/douyin-oauth. */
  packageDir: string;
  /** Its npm name, e.g. "@x/douyin-oauth". */
  packageName: string;
  /** A folder of TypeScript files (e.g. test/consumer), copied into the consumer project. */
  fixtureDir: string;
}

/** The two consumers every package must satisfy: a strict NodeNext project, and one without strictNullChecks. */
const CONFIGS: Record<string, Record<string, unknown>> = {
  "strict (NodeNext)": { strict: true },
  "strict: false (no strictNullChecks)": { strict: false },
};

const BASE_OPTIONS = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2022", "DOM"],
  types: [],
  noEmit: true,
  // The published declarations are checked too (not only the consumer's use of them); TypeScript's own lib is not.
  skipLibCheck: false,
  skipDefaultLibCheck: true,
};

function newestFile(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestFile(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function describeConsumerCompile(options: ConsumerCompileOptions): void {
  const declarations = path.join(options.packageDir, "dist", "index.d.ts");
  const tsc = createRequire(path.join(options.packageDir, "package.json")).resolve("typescript/bin/tsc");
  const sources = readdirSync(options.fixtureDir).filter((name) => name.endsWith(".ts"));
  let project = "";

  // Concurrent: the two compilations are independent processes.
  describe.concurrent(`a consumer project compiles against the built ${options.packageName}`, () => {
    beforeAll(() => {
      const built = statSync(declarations, { throwIfNoEntry: false });
      const fresh = built !== undefined && built.mtimeMs >= newestFile(path.join(options.packageDir, "src"));
      expect(fresh, `dist/ of ${options.packageName} is missing or older than src/: build it first`).toBe(
        true,
      );

      project = mkdtempSync(path.join(tmpdir(), "consumer-"));
      const link = path.join(project, "node_modules", ...options.packageName.split("/"));
      mkdirSync(path.dirname(link), { recursive: true });
      symlinkSync(options.packageDir, link, "dir");
      writeFileSync(path.join(project, "package.json"), '{ "private": true, "type": "module" }\n');
      for (const name of sources) copyFileSync(path.join(options.fixtureDir, name), path.join(project, name));
    });
    afterAll(() => {
      if (project) rmSync(project, { recursive: true, force: true });
    });

    for (const [name, strictness] of Object.entries(CONFIGS)) {
      // tsc on a busy 2-core machine can take tens of seconds; the limit only guards against a hang.
      it(`with ${name}`, { timeout: 120_000 }, async ({ expect }) => {
        const config = `tsconfig.${name.replace(/\W+/g, "-")}.json`;
        writeFileSync(
          path.join(project, config),
          JSON.stringify({
            compilerOptions: { ...BASE_OPTIONS, ...strictness },
            files: sources,
          }),
        );
        const result = await promisify(execFile)(
          process.execPath,
          [tsc, "-p", config, "--listFiles", "--pretty", "false"],
          { cwd: project, encoding: "utf8" },
        ).then(
          ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
          (failure: { code?: number; stdout?: string; stderr?: string }) => ({
            status: failure.code ?? 1,
            stdout: failure.stdout ?? "",
            stderr: failure.stderr ?? "",
          }),
        );
        const files = result.stdout.split("\n").filter((line) => line.endsWith(".ts"));
        const problems = result.stdout.split("\n").filter((line) => / error TS\d+/.test(line));
        expect(problems, result.stderr).toEqual([]);
        expect(result.status).toBe(0);
        // Through the package's exports to its build: the declarations of dist/, nothing of src/.
        const real = (file: string) => path.resolve(project, file);
        expect(files.map(real)).toContain(declarations);
        expect(
          files.map(real).filter((file) => file.startsWith(path.join(options.packageDir, "src"))),
        ).toEqual([]);
      });
    }
  });
}
