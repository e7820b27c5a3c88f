// After a run changes a package's generated files, its typecheck names the hand-written files the spec change made
// stale: a hand-written module using a parameter the spec then renames.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCodegen } from "../scripts/codegen/run.js";
import { scaffoldProvider } from "../scripts/codegen/scaffold.js";
import { fixturesDir, linkDependencies, temporaryPackagesDir } from "./codegen-helpers.js";

const workspace = temporaryPackagesDir();
const specsDir = path.join(workspace.dir, "specs");
const packagesDir = path.join(workspace.dir, "packages");
const packageDir = path.join(packagesDir, "basic-auth");
const specPath = path.join(specsDir, "basic-auth.yaml");
const original = readFileSync(path.join(fixturesDir, "basic-auth", "spec.yaml"), "utf8");

beforeAll(async () => {
  mkdirSync(specsDir, { recursive: true });
  writeFileSync(specPath, original);
  await scaffoldProvider({ specPath, providerId: "basic-auth", packagesDir });
  linkDependencies(workspace.dir, packageDir);
  // Hand-written code that names the spec's refresh_token parameter.
  writeFileSync(
    path.join(packageDir, "src", "refresh.ts"),
    [
      'import type { OauthTokenParams } from "./generated/index.gen.js";',
      "",
      'export const refresh = (token: string): OauthTokenParams => ({ grant_type: "refresh_token", refresh_token: token });',
      "",
    ].join("\n"),
  );
});
afterAll(() => workspace.cleanup());

describe("generate after a spec change", () => {
  it("says the typecheck passes when nothing hand-written is stale", async () => {
    const result = await runCodegen({ specsDir, packagesDir, ids: [], check: false });
    expect(result.errors).toEqual([]);
    expect(result.lines).toContain("basic-auth: typecheck passes");
    expect(result.code).toBe(0);
  }, 120_000);

  it("names the hand-written file a renamed parameter made stale, and fails", async () => {
    writeFileSync(
      specPath,
      original
        .replace("required: [grant_type, refresh_token]", "required: [grant_type, renewal_token]")
        .replace("                refresh_token:\n", "                renewal_token:\n"),
    );
    const result = await runCodegen({ specsDir, packagesDir, ids: [], check: false });
    expect(result.code).toBe(1);
    expect(result.lines.at(-1)).toMatch(
      /^basic-auth: typecheck fails: the spec change made \S*packages\/basic-auth\/src\/refresh\.ts stale$/,
    );
    expect(result.errors.join("\n")).toMatch(
      /packages\/basic-auth\/src\/refresh\.ts\(\d+,\d+\): error TS\d+/,
    );
    // Written all the same: the generated files follow the spec.
    expect(readFileSync(path.join(packageDir, "src/generated/schema.gen.ts"), "utf8")).toContain(
      "renewal_token",
    );
  }, 120_000);
});
