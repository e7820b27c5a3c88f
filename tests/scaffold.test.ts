// A new provider is one spec plus one command: scaffold a throwaway provider from a fixture spec into a temporary
// copy of the workspace layout, generate it, build it, type-check it, run its template test and import the build.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateProvider } from "../scripts/codegen/pipeline.js";
import { addProvider, scaffoldProvider } from "../scripts/codegen/scaffold.js";
import { writeGenerated } from "../scripts/codegen/write.js";
import { SpecLintError } from "../scripts/lint/specs.js";
import { coreDir, fixturesDir, fromCore, linkDependencies, temporaryPackagesDir } from "./codegen-helpers.js";
import { relativeLinks } from "./readme/snippets.js";

const specPath = path.join(fixturesDir, "basic-auth", "spec.yaml");

const workspace = temporaryPackagesDir();
afterAll(() => workspace.cleanup());
const packagesDir = path.join(workspace.dir, "packages");
const packageDir = path.join(packagesDir, "basic-auth");

function run(bin: string, args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: packageDir,
    encoding: "utf8",
    env: { ...process.env, CI: "1", NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe("scaffolding a new provider", () => {
  it("creates the package from the template with the spec as the generate input", async () => {
    const result = await scaffoldProvider({ specPath, providerId: "basic-auth", packagesDir });
    expect(result.packageDir).toBe(packageDir);
    expect(result.created.sort()).toEqual([
      "LICENSE",
      "README.md",
      "package.json",
      "src/index.ts",
      "test/consumer.test.ts",
      "test/consumer/consumer.ts",
      "test/operations.test-d.ts",
      "test/operations.test.ts",
      "tsconfig.json",
      "tsup.config.ts",
      "turbo.json",
      "vitest.config.ts",
    ]);
    // The README follows the provider packages' pattern, with links that work on the registry.
    const readme = readFileSync(path.join(packageDir, "README.md"), "utf8");
    expect(readme).toMatch(/## First call[\s\S]*## What this package covers[\s\S]*<!-- codegen:start -->/);
    expect(relativeLinks(readme)).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8"));
    expect(manifest).toMatchObject({
      name: "@fixture/basic-auth",
      type: "module",
      sideEffects: false,
      files: ["dist"],
      license: "MIT",
      publishConfig: { access: "public" },
      repository: { directory: "packages/basic-auth" },
      dependencies: { "@x/oauth-core": "workspace:*", "openapi-fetch": "catalog:" },
      scripts: { generate: "tsx ../../scripts/generate.ts basic-auth" },
    });
    expect(Object.keys(manifest.exports["."].import)).toEqual(["types", "default"]);
    const turbo = JSON.parse(readFileSync(path.join(packageDir, "turbo.json"), "utf8"));
    expect(turbo.tasks.generate.inputs).toContain("$TURBO_ROOT$/specs/basic-auth.yaml");
  });

  it("never overwrites a file on a second run", async () => {
    writeFileSync(path.join(packageDir, "src/index.ts"), "export const mine = 1;\n");
    const again = await scaffoldProvider({ specPath, providerId: "basic-auth", packagesDir });
    expect(again.created).toEqual([]);
    expect(again.kept).toHaveLength(12);
    expect(readFileSync(path.join(packageDir, "src/index.ts"), "utf8")).toBe("export const mine = 1;\n");
    writeFileSync(path.join(packageDir, "src/index.ts"), 'export * from "./generated/index.gen.js";\n');
  });

  it("generates, builds, type-checks, passes its own test and imports from the build", async () => {
    expect(
      existsSync(path.join(coreDir, "dist", "index.d.ts")),
      "build @x/oauth-core first (turbo run build)",
    ).toBe(true);
    writeGenerated(await generateProvider({ specPath, providerId: "basic-auth", packagesDir }));
    linkDependencies(workspace.dir, packageDir);

    const build = run(fromCore.resolve("tsup/dist/cli-default.js"), []);
    expect(build.output).toContain("Build success");
    expect(build.status).toBe(0);
    for (const file of ["index.js", "index.cjs", "index.d.ts", "index.d.cts"]) {
      expect(existsSync(path.join(packageDir, "dist", file)), file).toBe(true);
    }

    const typecheck = run(fromCore.resolve("typescript/bin/tsc"), ["--noEmit", "-p", "."]);
    expect(typecheck.output.trim()).toBe("");
    expect(typecheck.status).toBe(0);

    const test = run(path.join(path.dirname(fromCore.resolve("vitest/package.json")), "vitest.mjs"), ["run"]);
    // The template's runtime test, its type tests (tsc inside vitest) and the consumer compile check of the build.
    expect(test.output).toMatch(/Tests\s+5 passed/);
    expect(test.output).toMatch(/Type Errors\s+no errors/);
    expect(test.status).toBe(0);

    const imported = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        'const m = await import("./dist/index.js"); console.log(Object.keys(m).sort().join(","));',
      ],
      { cwd: packageDir, encoding: "utf8" },
    );
    expect(imported.stdout.trim()).toBe(
      "BasicAuthError,DEFAULT_BASE_URL,OAuthApiError,OauthApi,createBasicAuthClient,operationTable",
    );
    // A hang guard, not a speed limit: a build, a type check and a vitest run in a row on a busy 2-core machine.
  }, 300_000);
});

describe("a spec that cannot be scaffolded leaves nothing behind", () => {
  const scratch = temporaryPackagesDir();
  afterAll(() => scratch.cleanup());
  const into = path.join(scratch.dir, "packages");
  /** The error of `pnpm scaffold <name>` on the fixture spec, edited. */
  const failure = (name: string, edit: (text: string) => string): Promise<Error> => {
    const file = path.join(scratch.dir, `${name}.yaml`);
    writeFileSync(file, edit(readFileSync(specPath, "utf8")));
    return addProvider({ specPath: file, providerId: name, packagesDir: into }).then(
      () => new Error("scaffolded"),
      (error: unknown) => error as Error,
    );
  };

  it("lists every lint problem at once and creates nothing", async () => {
    const error = await failure("unlinted", (text) =>
      text
        .replace("      summary: Token with Basic client authentication\n", "")
        .replace("    description: OAuth.\n", ""),
    );
    expect(error).toBeInstanceOf(SpecLintError);
    expect((error as SpecLintError).problems.map((p) => p.rule).sort()).toEqual([
      "operation-summary",
      "tag-description",
    ]);
    expect(existsSync(into)).toBe(false);
  });

  it("removes what it created when generating fails", async () => {
    // A model named like the error class: the generated package would export the name twice.
    const error = await failure("clash", (text) =>
      text
        .replaceAll("schemas/Error", "schemas/BasicAuthError")
        .replace("    Error:\n", "    BasicAuthError:\n"),
    );
    expect(error.message).toMatch(
      /clash\.yaml:\d+:\d+: #\/components\/schemas: the name BasicAuthError is used by/,
    );
    expect(readdirSync(into)).toEqual([]);
  });
});
