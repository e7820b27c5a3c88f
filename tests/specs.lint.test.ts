import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatProblem, gateError, lintSpec, readSpecs } from "../scripts/lint/specs.js";
import { repoRoot as root } from "../scripts/repo.js";

const specs = ["douyin", "avito", "pinterest", "criteo"].map((id) => path.join(root, "specs", `${id}.yaml`));
const fixture = (name: string) => path.join(root, "tests/fixtures/specs", name);
const scratch = mkdtempSync(path.join(tmpdir(), "spec-lint-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of a fixture, edited, in the scratch folder as `copy`. */
function editedCopy(name: string, copy: string, edit: (text: string) => string): string {
  const file = path.join(scratch, copy);
  writeFileSync(file, edit(readFileSync(fixture(name), "utf8")));
  return file;
}

describe("spec lint", () => {
  it("lints all four specs clean", async () => {
    const results = await readSpecs(specs);
    expect(results.map((r) => r.file)).toHaveLength(4);
    for (const result of results) {
      expect(result.problems.map(formatProblem), result.file).toEqual([]);
      expect(result.ok).toBe(true);
    }
  });

  it("reports each of the project's own rules with the fixture's file, line and place", async () => {
    const result = await lintSpec(fixture("broken.yaml"));
    expect(result.ok).toBe(false);
    const byRule = new Map(result.problems.map((p) => [p.rule, p]));
    const expected: Record<string, { line: number; pointer: string }> = {
      "rule/servers-present": { line: 2, pointer: "#/servers" },
      "rule/operation-id-required": { line: 13, pointer: "#/paths/~1oauth~1token/post/operationId" },
      "rule/no-authorization-header-parameter": {
        line: 17,
        pointer: "#/paths/~1oauth~1token/post/parameters/0/name",
      },
      "rule/errors-declared": { line: 23, pointer: "#/paths/~1oauth~1token/post/responses" },
    };
    for (const [rule, where] of Object.entries(expected)) {
      const problem = byRule.get(rule);
      expect(problem, `${rule} not reported`).toBeDefined();
      expect(problem?.severity).toBe("error");
      expect(problem?.line).toBe(where.line);
      expect(problem?.pointer).toBe(where.pointer);
      expect(formatProblem(problem as NonNullable<typeof problem>)).toMatch(
        new RegExp(`tests/fixtures/specs/broken\\.yaml:${where.line}:\\d+ error redocly/${rule}: `),
      );
    }
  });

  it("reports an unresolved $ref at the line of the reference", async () => {
    const result = await lintSpec(fixture("dangling-ref.yaml"));
    const unresolved = result.problems.filter((p) => p.rule === "no-unresolved-refs");
    expect(unresolved).toHaveLength(1);
    expect(formatProblem(unresolved[0] as NonNullable<(typeof unresolved)[0]>)).toMatch(
      /^tests\/fixtures\/specs\/dangling-ref\.yaml:36:\d+ error redocly\/no-unresolved-refs: .*\(#\/paths\/~1oauth~1token\/post\/responses\/400\/content\/application~1json\/schema\)$/,
    );
  });

  it("every problem of every spec read goes into one error, file by file", async () => {
    const read = await readSpecs([fixture("broken.yaml"), specs[0] as string, fixture("dangling-ref.yaml")]);
    expect(read.map((result) => result.ok)).toEqual([false, true, false]);
    const error = gateError(read);
    expect(error?.message).toContain("spec lint failed, nothing generated");
    expect(error?.problems.map((p) => p.file)).toEqual([
      ...Array(6).fill("tests/fixtures/specs/broken.yaml"),
      ...Array(2).fill("tests/fixtures/specs/dangling-ref.yaml"),
    ]);
    expect(gateError(await readSpecs([specs[1] as string]))).toBeUndefined();
  });

  it("the CLI exits non-zero and prints file:line for a broken spec, zero for a clean one", () => {
    const run = (file: string) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/lint-specs.ts", file], {
        cwd: root,
        encoding: "utf8",
      });
    const bad = run("tests/fixtures/specs/broken.yaml");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("tests/fixtures/specs/broken.yaml:23:7 error redocly/rule/errors-declared");
    const good = run("specs/criteo.yaml");
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain("ok   specs/criteo.yaml");
  });
});

describe("house style and wrong specs", () => {
  it("house rules only warn for a vendor spec (info.x-sdk.vendorSpec: true)", async () => {
    const result = await lintSpec(fixture("vendor-style.yaml"));
    expect(result.ok).toBe(true);
    expect(result.problems.map((p) => `${p.severity} ${p.rule}`).sort()).toEqual([
      "warning no-invalid-media-type-examples",
      "warning no-server-trailing-slash",
      "warning operation-summary",
      "warning rule/errors-declared",
      "warning tag-description",
    ]);
  });

  it("the same rules fail our own specs", async () => {
    const own = editedCopy("vendor-style.yaml", "own.yaml", (text) =>
      text.replace("    vendorSpec: true\n", ""),
    );
    const result = await lintSpec(own);
    expect(result.ok).toBe(false);
    const severities = new Map(result.problems.map((p) => [p.rule, p.severity]));
    expect(severities.get("no-server-trailing-slash")).toBe("error");
    expect(severities.get("operation-summary")).toBe("error");
    expect(severities.get("rule/errors-declared")).toBe("error");
  });

  it("an unresolved $ref or invalid OpenAPI fails a vendor spec too", async () => {
    const dangling = editedCopy("vendor-style.yaml", "dangling.yaml", (text) =>
      text.replace('"#/components/schemas/Token"', '"#/components/schemas/Gone"'),
    );
    const invalid = editedCopy("vendor-style.yaml", "invalid.yaml", (text) =>
      text.replace("      security: []\n", "      security: 42\n"),
    );
    for (const [file, rule] of [
      [dangling, "no-unresolved-refs"],
      [invalid, "struct"],
    ] as const) {
      const result = await lintSpec(file);
      expect(result.ok, rule).toBe(false);
      expect(
        result.problems.filter((p) => p.severity === "error").map((p) => p.rule),
        rule,
      ).toContain(rule);
    }
  });

  it("a request body without a schema fails a vendor spec: the client cannot send it", async () => {
    const unsendable = editedCopy("vendor-style.yaml", "unsendable.yaml", (text) =>
      text.replace(
        '            schema:\n              $ref: "#/components/schemas/TokenRequest"\n',
        "            example: { grant_type: client_credentials }\n",
      ),
    );
    const result = await lintSpec(unsendable);
    expect(result.ok).toBe(false);
    expect(result.problems.find((p) => p.rule === "rule/request-body-has-schema")?.severity).toBe("error");
  });
});

describe("external $refs", () => {
  it("are linted in their own file and bundled into the document the model reads", async () => {
    const dir = path.join(scratch, "external");
    cpSync(fixture("external"), dir, { recursive: true });
    const [clean] = await readSpecs([path.join(dir, "spec.yaml")]);
    expect(clean?.problems.map(formatProblem)).toEqual([]);
    const document = clean?.spec?.document;
    expect(Object.keys(document?.components?.schemas ?? {}).sort()).toEqual([
      "OAuthError",
      "Token",
      "TokenRequest",
    ]);
    expect(JSON.stringify(document)).not.toMatch(/"\$ref":"\.\/schemas\.yaml/);
    // A problem inside the referenced file is reported there.
    const schemas = path.join(dir, "schemas.yaml");
    writeFileSync(schemas, readFileSync(schemas, "utf8").replace("expires_in: 3600", "expires_in: soon"));
    const [broken] = await readSpecs([path.join(dir, "spec.yaml")]);
    expect(broken?.ok).toBe(false);
    expect(broken?.problems.map((p) => `${path.basename(p.file)}:${p.line} ${p.rule}`)).toEqual([
      "schemas.yaml:23 no-invalid-schema-examples",
    ]);
  });
});
