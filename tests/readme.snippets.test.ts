// Every ```ts block of every README compiles as it stands under strict TypeScript, and the blocks that start
// their own sandbox run green: a README example that stops working fails the test command.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { beforeAll, describe, expect, test } from "vitest";
import { repoRoot } from "../scripts/repo.js";
import {
  extractSnippets,
  needsNodeTypes,
  readmeSnippets,
  relativeLinks,
  runsAgainstSandbox,
  type Snippet,
  snippetFileStem,
} from "./readme/snippets.js";
import { compile, consumerOptions } from "./release/consumer.js";

const run = promisify(execFile);

interface WorkspacePackage {
  name: string;
  dir: string;
  private: boolean;
}

function workspacePackages(): WorkspacePackage[] {
  return readdirSync(path.join(repoRoot, "packages"))
    .map((folder) => path.join(repoRoot, "packages", folder))
    .filter((dir) => existsSync(path.join(dir, "package.json")))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
        name: string;
        private?: boolean;
      };
      return { name: manifest.name, dir, private: manifest.private === true };
    });
}

// Next to each README, so its imports resolve the way they would in a user's project: the package's own
// dependencies first, then the workspace packages the root depends on.
const WORK = path.join(".tmp", "readme-snippets");
const workOf = (snippet: Snippet) =>
  path.join(repoRoot, snippet.readme.startsWith("packages/") ? path.dirname(snippet.readme) : "", WORK);
const sourceOf = (snippet: Snippet) => path.join(workOf(snippet), `${snippetFileStem(snippet)}.mts`);
const label = (snippet: Snippet) => `${snippet.readme}:${snippet.line}`;

const snippets = readmeSnippets(repoRoot);
const packages = workspacePackages();
const readmeOf = (workspacePackage: WorkspacePackage) =>
  path.relative(repoRoot, path.join(workspacePackage.dir, "README.md")).split(path.sep).join("/");
const providerPackages = packages.filter((workspacePackage) => {
  const readme = path.join(repoRoot, readmeOf(workspacePackage));
  return existsSync(readme) && readFileSync(readme, "utf8").includes("<!-- codegen:start -->");
});

let diagnostics: string[] = [];

beforeAll(() => {
  const imported = new Set(snippets.flatMap((snippet) => snippet.imports));
  for (const workspacePackage of packages) {
    if (imported.has(workspacePackage.name) && !existsSync(path.join(workspacePackage.dir, "dist"))) {
      throw new Error(
        `${workspacePackage.name} is not built: run \`npx -y pnpm@10.34.9 build\` first (README blocks import it)`,
      );
    }
  }
  for (const dir of new Set(snippets.map(workOf))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  for (const snippet of snippets) writeFileSync(sourceOf(snippet), snippet.code);
  const strict = { ...consumerOptions("NodeNext", true), moduleDetection: ts.ModuleDetectionKind.Force };
  const withNode = snippets.filter(needsNodeTypes).map(sourceOf);
  // The rest must compile with nothing but the packages installed: no @types/node.
  const withoutNode = snippets.filter((snippet) => !needsNodeTypes(snippet)).map(sourceOf);
  diagnostics = [...compile(withNode, strict), ...compile(withoutNode, { ...strict, types: [] })];
}, 180_000);

test("the READMEs hold ts blocks, every provider package README among them", () => {
  expect(snippets.length).toBeGreaterThan(10);
  expect(providerPackages.length).toBeGreaterThanOrEqual(4);
  for (const workspacePackage of providerPackages) {
    expect(snippets.some((snippet) => snippet.readme === readmeOf(workspacePackage))).toBe(true);
  }
});

describe("every ts block compiles as it stands (strict)", () => {
  test.each(snippets.map((snippet) => [label(snippet), snippet] as const))("%s", (_name, snippet) => {
    const file = sourceOf(snippet);
    expect(diagnostics.filter((line) => line.startsWith(file) || !line.includes(WORK))).toEqual([]);
  });
});

describe("every block that starts a sandbox runs green", () => {
  test.each(snippets.filter(runsAgainstSandbox).map((snippet) => [label(snippet), snippet] as const))(
    "%s",
    async (_name, snippet) => {
      const script = sourceOf(snippet).replace(/\.mts$/, ".mjs");
      expect(existsSync(script), `${script} was not emitted`).toBe(true);
      const { stdout, stderr } = await run(process.execPath, [script], {
        cwd: workOf(snippet),
        timeout: 60_000,
        env: { ...process.env, NODE_NO_WARNINGS: "1" },
      });
      expect(stderr).toBe("");
      expect(stdout).not.toMatch(/\bundefined\b/);
      // A first call prints the token it got.
      if (snippet.code.includes('console.log("access token:"')) {
        expect(stdout).toMatch(/^access token: \S{16,}$/m);
      }
    },
    90_000,
  );
});

describe("each provider package README starts with a first call that succeeds", () => {
  test.each(
    providerPackages.map((workspacePackage) => [readmeOf(workspacePackage), workspacePackage] as const),
  )("%s", (readme, { name: packageName }) => {
    const text = readFileSync(path.join(repoRoot, readme), "utf8");
    const handWritten = extractSnippets(readme, text.slice(0, text.indexOf("<!-- codegen:start -->")));
    const [first, ...rest] = handWritten;
    // First: the package against a sandbox the block starts itself, printing the token.
    expect(first?.imports).toEqual(expect.arrayContaining([packageName, "@x/oauth-sandbox"]));
    expect(first?.code).toMatch(/startSandbox\(/);
    expect(first?.code).toMatch(/console\.log\("access token:"/);
    // Then the same call against the real provider: the package alone, its default base URL.
    const real = rest.find(
      (snippet) => snippet.imports.includes(packageName) && !snippet.imports.includes("@x/oauth-sandbox"),
    );
    expect(real, `${readme} shows no call against the real provider`).toBeDefined();
    expect(real?.code).not.toMatch(/baseUrl/);
  });
});

test.each(
  packages
    .filter((workspacePackage) => !workspacePackage.private)
    .map(readmeOf)
    .filter((readme) => existsSync(path.join(repoRoot, readme))),
)("%s links only absolute URLs (it is read on the registry)", (readme) => {
  expect(relativeLinks(readFileSync(path.join(repoRoot, readme), "utf8"))).toEqual([]);
});

test("the core README names every key redaction covers", async () => {
  const { SECRET_KEYS } = await import("@x/oauth-core");
  const row = readFileSync(path.join(repoRoot, "packages/oauth-core/README.md"), "utf8")
    .split("\n")
    .find((line) => line.startsWith("| `redact`"));
  const documented = [...(row ?? "").matchAll(/`([a-z_]+)`/g)].map((found) => found[1]);
  expect(documented).toEqual(expect.arrayContaining([...SECRET_KEYS]));
});
