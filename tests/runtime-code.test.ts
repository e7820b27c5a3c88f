// The runtime packages run on Node, Bun, Deno and workerd, so their code may use only what all of them offer.
// biome.json says so for packages/*/src (generated code included; not the Node-only sandbox, nor the private
// tooling packages, nor tests): no Node built-in module (noNodejsModules), no Node-only global (noRestrictedGlobals),
// none reached through globalThis (noJsRestrictedProperties). These tests lint probe files with that very config.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { repoRoot } from "../scripts/repo.js";
import { publicPackages } from "../scripts/workspace.js";

const work = mkdtempSync(path.join(os.tmpdir(), "oauth-sdks-runtime-code-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Diagnostic {
  category: string;
  location: { path: string; start: { line: number; column: number } };
}

/** Lints `files` (repository-relative paths → code) with the repository's biome.json: `path:line:col rule`. */
async function lint(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(path.join(work, "lint-"));
  // The config as it is, without the VCS integration (the folder is no git work tree).
  const {
    vcs: _vcs,
    $schema: _schema,
    ...config
  } = JSON.parse(readFileSync(path.join(repoRoot, "biome.json"), "utf8"));
  writeFileSync(path.join(dir, "biome.json"), JSON.stringify(config));
  for (const [file, code] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), code);
  }
  const biome = path.join(repoRoot, "node_modules", ".bin", "biome");
  // Exit 1 on a finding: the report is what matters here, so it is read either way.
  const output = spawnSync(biome, ["lint", "--reporter=json", "--max-diagnostics=none", "."], {
    cwd: dir,
    encoding: "utf8",
  });
  const { diagnostics } = JSON.parse(output.stdout) as { diagnostics: Diagnostic[] };
  return diagnostics
    .map(
      ({ category, location: { path: file, start } }) => `${file}:${start.line}:${start.column} ${category}`,
    )
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

const nodeOnly = [
  'import { readFileSync } from "node:fs";',
  'import path from "path";',
  'export { inspect } from "node:util";',
  "export const home = process.env.HOME;",
  'export const bytes = Buffer.from("x");',
  "export const here = __dirname;",
  'export const loaded = () => require("crypto");',
  "export const viaGlobal = globalThis.process.env;",
  'export const later = () => import("node:os");',
  "export const tick = () => setImmediate(() => readFileSync(path.sep));",
].join("\n");

describe("runtime code in biome.json", () => {
  test("a Node built-in import or a Node-only global in a runtime package fails the lint, where it is", async () => {
    const file = "packages/oauth-core/src/probe.ts";
    expect(await lint({ [file]: nodeOnly })).toEqual(
      [
        "1:30 lint/correctness/noNodejsModules",
        "2:18 lint/correctness/noNodejsModules",
        "2:18 lint/style/useNodejsImportProtocol",
        "3:25 lint/correctness/noNodejsModules",
        "4:21 lint/style/noRestrictedGlobals",
        "5:22 lint/style/noRestrictedGlobals",
        "6:21 lint/style/noRestrictedGlobals",
        "7:29 lint/style/noRestrictedGlobals",
        "7:37 lint/correctness/noNodejsModules",
        "7:37 lint/style/useNodejsImportProtocol",
        "8:37 lint/nursery/noJsRestrictedProperties",
        "9:35 lint/correctness/noNodejsModules",
        "10:27 lint/style/noRestrictedGlobals",
      ].map((finding) => `${file}:${finding}`),
    );
  });

  test("covers every public package's src but the sandbox's, generated code and a new provider included", async () => {
    const probe =
      'import { randomUUID } from "node:crypto";\nexport const id = () => randomUUID() + process.pid;\n';
    const folders = [
      ...publicPackages().map((pkg) => pkg.relativeDir),
      "packages/newco-oauth",
      "packages/criteo-oauth/src/generated",
    ];
    const files = Object.fromEntries(
      folders.map((folder) => [`${folder}/${folder.includes("/src/") ? "" : "src/"}probe.ts`, probe]),
    );
    const findings = await lint(files);
    const failing = [...new Set(findings.map((finding) => finding.replace(/\/probe\.ts:.*$/, "")))].sort();
    expect(failing).toEqual(
      folders
        .filter((folder) => folder !== "packages/oauth-sandbox")
        .map((folder) => (folder.includes("/src/") ? folder : `${folder}/src`))
        .sort(),
    );
  });

  test("leaves alone the Node-only sandbox, tooling packages, tests, local names, properties and types", async () => {
    const fine = [
      "const process = { env: {} as Record<string, string> };",
      "export const env = process.env;",
      "export const keys = { Buffer: 1, require: true };",
      "export interface Options { process?: string; global?: boolean }",
      "export const read = (options: Options) => options.process;",
      'export const bytes = new TextEncoder().encode(btoa("x"));',
      "export const later = (f: () => void) => setTimeout(f, 0);",
      'import type { Stats } from "node:fs";',
      'export type Size = Stats["size"];',
      'export type Promises = typeof import("node:fs/promises");',
    ].join("\n");
    expect(
      await lint({
        "packages/oauth-core/src/fine.ts": fine,
        "packages/oauth-sandbox/src/probe.ts": nodeOnly
          .replace('from "path"', 'from "node:path"')
          .replace('require("crypto")', 'require("node:crypto")'),
        "packages/spec-model/src/probe.ts": 'export { readFileSync } from "node:fs";\n',
        "packages/oauth-core/test/probe.test.ts": 'export { readFileSync } from "node:fs";\n',
      }),
    ).toEqual([]);
  });

  test("FileTokenStore, Node-only by design, is the one exemption: its run-time lookups of Node's modules", async () => {
    const store = "packages/oauth-core/src/lifecycle/file-token-store.ts";
    const { overrides } = JSON.parse(readFileSync(path.join(repoRoot, "biome.json"), "utf8")) as {
      overrides: Array<{ includes: string[]; linter?: { rules?: Record<string, Record<string, unknown>> } }>;
    };
    const exemptions = overrides.filter(
      (override) => override.linter?.rules?.nursery?.noJsRestrictedProperties === "off",
    );
    expect(exemptions.map((override) => override.includes)).toEqual([[store]]);
    // Needed: the same code anywhere else in runtime code fails, and only on the globalThis lookups.
    const source = readFileSync(path.join(repoRoot, store), "utf8");
    const findings = await lint({ "packages/oauth-core/src/lifecycle/other-store.ts": source });
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((finding) => finding.replace(/^.*:\d+:\d+ /, "")))).toEqual(
      new Set(["lint/nursery/noJsRestrictedProperties"]),
    );
    // And no suppression comment anywhere in runtime code.
    const rules =
      "biome-ignore lint/(correctness/noNodejsModules|style/noRestrictedGlobals|nursery/noJsRestrictedProperties)";
    const grep = spawnSync("git", ["grep", "-l", "-E", rules, "--", ":(glob)packages/*/src/**"], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(grep.stdout).toBe("");
  });
});
