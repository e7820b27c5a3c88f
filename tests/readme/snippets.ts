// The ```ts blocks of the repository's READMEs, as a reader copies them: where each one is, and what it needs.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface Snippet {
  /** Repository-relative README path. */
  readme: string;
  /** 1-based line of the block's opening fence. */
  line: number;
  code: string;
  /** Package names the block imports. */
  imports: string[];
}

/** Every README a reader meets: the root, specs/ and each package (not test fixtures). */
export function readmePaths(repoRoot: string): string[] {
  const packages = readdirSync(path.join(repoRoot, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `packages/${entry.name}/README.md`)
    .sort();
  return ["README.md", "specs/README.md", ...packages].filter((file) =>
    existsSync(path.join(repoRoot, file)),
  );
}

export function extractSnippets(readme: string, text: string): Snippet[] {
  const snippets: Snippet[] = [];
  for (const match of text.matchAll(/^```(?:ts|typescript)[ \t]*\n([\s\S]*?)^```/gm)) {
    const code = match[1] ?? "";
    const line = text.slice(0, match.index).split("\n").length;
    const imports = [...code.matchAll(/\bfrom\s+"([^"]+)"/g)].map((found) => found[1] ?? "");
    snippets.push({ readme, line, code, imports });
  }
  return snippets;
}

export function readmeSnippets(repoRoot: string): Snippet[] {
  return readmePaths(repoRoot).flatMap((readme) =>
    extractSnippets(readme, readFileSync(path.join(repoRoot, readme), "utf8")),
  );
}

/** A block that starts its own sandbox: it can run as it stands, with no network and no account. */
export const runsAgainstSandbox = (snippet: Snippet) => snippet.imports.includes("@x/oauth-sandbox");

/** Node's types are needed for `process`, `node:` modules, and the sandbox (a Node server). */
export const needsNodeTypes = (snippet: Snippet) =>
  /\bprocess\.|\bBuffer\b/.test(snippet.code) ||
  snippet.imports.some((name) => name.startsWith("node:") || name === "@x/oauth-sandbox");

/** A file name for the block, unique and readable: packages-douyin-oauth-README-L17. */
export const snippetFileStem = (snippet: Snippet) =>
  `${snippet.readme.replace(/\.md$/, "").replace(/[^A-Za-z0-9]+/g, "-")}-L${snippet.line}`;

/** Links that do not work once the README is on the registry: relative ones (an in-page #anchor is fine). */
export function relativeLinks(text: string): string[] {
  const targets = [
    ...[...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((found) => found[1] ?? ""),
    ...[...text.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((found) => found[1] ?? ""),
  ];
  return targets.filter((target) => !/^(https?:|mailto:|#)/.test(target));
}
