// The package READMEs document every field of every result and error model: checked against the spec's own
// examples of those models (data the README emitter does not read), field by field, nested ones by path.
import { readFileSync } from "node:fs";
import path from "node:path";
import { listSpecs } from "@x/spec-model";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../scripts/repo.js";
import { workspacePackages } from "../scripts/workspace.js";

interface SpecFile {
  info: { "x-sdk"?: { package?: string } };
  components: { schemas: Record<string, { example?: unknown }> };
}

/** Every spec in specs/ with the package generated from it (`info.x-sdk.package`). */
const providers = listSpecs(path.join(repoRoot, "specs")).map(({ id, file }) => {
  const spec = parse(readFileSync(file, "utf8")) as SpecFile;
  const name = spec.info["x-sdk"]?.package;
  const pkg = workspacePackages().find((candidate) => candidate.manifest.name === name);
  if (!pkg) throw new Error(`specs/${id}.yaml: no workspace package named ${name} (info.x-sdk.package)`);
  return [id, pkg.dir, spec] as const;
});

/** Model name → the field paths of its table in the README's Models section. */
function documentedFields(readme: string): Map<string, string[]> {
  const models = new Map<string, string[]>();
  const section = readme.slice(readme.indexOf("\n## Models\n"), readme.indexOf("<!-- codegen:end -->"));
  for (const part of section.split(/\n### /).slice(1)) {
    const name = /^`([^`]+)`/.exec(part)?.[1] ?? "";
    const rows = [...part.matchAll(/^\| `([^`]+)` +\|/gm)].map((row) => row[1] ?? "");
    models.set(name, rows);
  }
  return models;
}

/** Every key of an example object, nested objects as dotted paths. */
function examplePaths(value: unknown, prefix = ""): string[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => [
    `${prefix}${key}`,
    ...examplePaths(item, `${prefix}${key}.`),
  ]);
}

describe.each(providers)("%s README", (provider, dir, spec) => {
  const readme = readFileSync(path.join(dir, "README.md"), "utf8");
  const documented = documentedFields(readme);

  test("documents result and error models", () => {
    expect(documented.size).toBeGreaterThanOrEqual(2);
    for (const [name, rows] of documented) expect(rows.length, name).toBeGreaterThan(0);
  });

  test("every field of each documented model's example has a row", () => {
    for (const [name, rows] of documented) {
      const example = spec.components.schemas[name]?.example;
      expect(example, `${name} has no example in specs/${provider}.yaml`).toBeDefined();
      expect(rows, name).toEqual(expect.arrayContaining(examplePaths(example)));
    }
  });
});

test("Douyin's token is documented where it sits: result.data.access_token", () => {
  const readme = readFileSync(path.join(repoRoot, "packages/douyin-oauth/README.md"), "utf8");
  for (const model of ["AccessTokenSuccess", "InlineResponse200"]) {
    expect(documentedFields(readme).get(model), model).toEqual(
      expect.arrayContaining(["data", "data.access_token", "data.refresh_token", "data.expires_in"]),
    );
  }
  // data is required in the result, so the README writes the path without optional chaining.
  expect(readme).toContain("(`data.access_token` is `result.data.access_token`)");
  expect(readme).toContain("`Promise<AccessTokenSuccess>`");
});
