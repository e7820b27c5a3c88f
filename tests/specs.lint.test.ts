import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SpecDocument } from "@x/spec-model";
import { describe, expect, it } from "vitest";
import { formatProblem, gateSpecs, lintSpec, lintSpecs, SpecLintError } from "../scripts/lint-specs.js";
import { repoRoot as root } from "../scripts/repo.js";

const specs = ["douyin", "avito", "pinterest", "criteo"].map((id) => path.join(root, "specs", `${id}.yaml`));
const brokenFixture = path.join(root, "tests/fixtures/specs/broken.yaml");
const danglingFixture = path.join(root, "tests/fixtures/specs/dangling-ref.yaml");

describe("spec lint gate", () => {
  it("lints all four specs clean with Redocly and swagger-parser", async () => {
    const results = await lintSpecs(specs);
    expect(results.map((r) => r.file)).toHaveLength(4);
    for (const result of results) {
      expect(result.problems.map(formatProblem), result.file).toEqual([]);
      expect(result.ok).toBe(true);
    }
  });

  it("reports each of the project's own rules with the fixture's file, line and place", async () => {
    const result = await lintSpec(brokenFixture);
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

  it("reports swagger-parser's findings with the file and the line of the bad reference", async () => {
    const result = await lintSpec(danglingFixture);
    const fromParser = result.problems.filter((p) => p.tool === "swagger-parser");
    expect(fromParser).toHaveLength(1);
    expect(fromParser[0]?.message).toContain("#/components/schemas/MissingError");
    expect(fromParser[0]?.line).toBe(36);
    expect(formatProblem(fromParser[0] as NonNullable<(typeof fromParser)[0]>)).toMatch(
      /^tests\/fixtures\/specs\/dangling-ref\.yaml:36:\d+ error swagger-parser\//,
    );
  });

  it("stops generation: gateSpecs throws a SpecLintError naming the file", async () => {
    const gate = (file: string) =>
      gateSpecs([{ path: file, spec: SpecDocument.read(file, path.relative(root, file)) }]);
    await expect(gate(specs[0] as string)).resolves.toBeUndefined();
    const error = await gate(brokenFixture).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecLintError);
    expect((error as SpecLintError).message).toContain("broken.yaml:17:");
    expect((error as SpecLintError).problems.length).toBeGreaterThanOrEqual(4);
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

  it("the lint thread finds the same problems as this thread, and keeps no process alive once done", async () => {
    // A process of its own that only asks the lint thread: it must print the problems and exit by itself.
    mkdirSync(path.join(root, ".tmp"), { recursive: true });
    const dir = mkdtempSync(path.join(root, ".tmp", "lint-thread-"));
    const script = path.join(dir, "ask.ts");
    writeFileSync(
      script,
      [
        `import { findProblemsInThread } from ${JSON.stringify(path.join(root, "scripts/lint-thread.ts"))};`,
        'import { SpecDocument } from "@x/spec-model";',
        `const file = ${JSON.stringify(brokenFixture)};`,
        "const spec = SpecDocument.read(file);",
        "const [found] = await findProblemsInThread([{ file, text: spec.text, document: spec.document }]);",
        "console.log(JSON.stringify((found ?? []).map((problem) => problem.rule).sort()));",
      ].join("\n"),
    );
    const child = spawnSync(process.execPath, ["--import", "tsx", script], {
      cwd: root,
      encoding: "utf8",
      timeout: 30_000, // under the test's own timeout: a process the thread keeps alive fails here
    });
    rmSync(dir, { recursive: true, force: true });
    expect(child.error, "the process did not exit by itself").toBeUndefined();
    expect(child.status, child.stderr).toBe(0);
    const inThisThread = (await lintSpec(brokenFixture)).problems.map((problem) => problem.rule).sort();
    expect(inThisThread.length).toBeGreaterThanOrEqual(4);
    expect(JSON.parse(child.stdout.trim()) as string[]).toEqual(inThisThread);
  });
});
