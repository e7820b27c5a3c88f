// Spec lint gate: Redocly (recommended + the rules in redocly.yaml) and swagger-parser's OpenAPI validation
// (lint-engine.ts), on the documents the spec model parsed: no file is read again. `gateSpecs` is the one gate codegen
// calls before generating, in the lint thread (lint-thread.ts) while it generates; run directly, this lints
// specs/*.yaml (or the files given) and exits non-zero on any problem.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { listSpecs, pointer, SpecDocument, SpecModelError } from "@x/spec-model";
import { lintedClean, rememberClean } from "./lint-cache.js";
import { type FoundProblem, findProblems, type LintInput } from "./lint-engine.js";
import { findProblemsInThread } from "./lint-thread.js";
import { repoRoot, runScript } from "./repo.js";

export interface SpecProblem {
  /** The spec file, relative to the working directory when inside it. */
  file: string;
  line: number;
  col: number;
  /** JSON pointer of the place in the spec ("#/paths/~1token/post"), "" when unknown. */
  pointer: string;
  tool: "yaml" | "redocly" | "swagger-parser";
  rule: string;
  severity: "error" | "warning";
  message: string;
}

export interface SpecLintResult {
  file: string;
  ok: boolean;
  problems: SpecProblem[];
}

export class SpecLintError extends Error {
  readonly problems: SpecProblem[];
  constructor(problems: SpecProblem[]) {
    super(`spec lint failed, nothing generated:\n${problems.map(formatProblem).join("\n")}`);
    this.name = "SpecLintError";
    this.problems = problems;
  }
}

/** `specs/douyin.yaml:37:3 error redocly/no-path-trailing-slash: ... (#/paths/...)` */
export function formatProblem(p: SpecProblem): string {
  const where = p.pointer ? ` (${p.pointer})` : "";
  return `${p.file}:${p.line}:${p.col} ${p.severity} ${p.tool}/${p.rule}: ${p.message}${where}`;
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/** For errors that only quote a `$ref` ("Missing $ref pointer "#/..."), the first line that uses it. */
function locateQuotedRef(spec: SpecDocument, message: string): { line: number; col: number } {
  const ref = /"(#\/[^"]+)"/.exec(message)?.[1];
  const index = ref ? spec.text.indexOf(ref) : -1;
  if (index < 0) return { line: 1, col: 1 };
  const before = spec.text.slice(0, index).split("\n");
  return { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
}

/** A spec that does not parse: its one YAML problem. */
function readProblem(file: string, error: unknown): SpecProblem {
  const located = error instanceof SpecModelError ? error : undefined;
  return {
    file: displayPath(file),
    line: located?.line ?? 1,
    col: located?.column ?? 1,
    pointer: "",
    tool: "yaml",
    rule: located?.place === "YAML" ? "parse" : "read",
    severity: "error",
    message: located?.problem ?? (error as Error).message,
  };
}

/** A found problem, placed in the spec: Redocly's position, else the pointer's (or the quoted `$ref`'s) line. */
function locateProblem(file: string, spec: SpecDocument, found: FoundProblem): SpecProblem {
  const { position, segments, ...problem } = found;
  const place = segments ? pointer(...segments) : found.pointer;
  const { line, col } = position ?? (place ? spec.locate(place) : locateQuotedRef(spec, found.message));
  return { file: displayPath(file), line, col, ...problem, pointer: place };
}

function lintInput(file: string, spec: SpecDocument): LintInput {
  return { file, text: spec.text, document: spec.document };
}

function lintResults(
  specs: ReadonlyArray<{ file: string; spec: SpecDocument }>,
  found: FoundProblem[][],
): SpecLintResult[] {
  return specs.map(({ file, spec }, index) => {
    const problems = (found[index] ?? []).map((problem) => locateProblem(file, spec, problem));
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    return { file: displayPath(file), ok: problems.length === 0, problems };
  });
}

/** Lints specs already read, in this thread. Every problem (error or warning) makes a spec fail. */
export async function lintSpecDocuments(
  specs: ReadonlyArray<{ path: string; spec: SpecDocument }>,
): Promise<SpecLintResult[]> {
  const byPath = [...new Map(specs.map(({ path: file, spec }) => [path.resolve(file), spec]))].map(
    ([file, spec]) => ({ file, spec }),
  );
  const found: FoundProblem[][] = [];
  for (const { file, spec } of byPath) found.push(await findProblems(lintInput(file, spec)));
  return lintResults(byPath, found);
}

/** Reads and lints spec files; a file that does not parse fails with its YAML problem and hides no other file's. */
export async function lintSpecs(files: readonly string[]): Promise<SpecLintResult[]> {
  const read: { path: string; spec: SpecDocument }[] = [];
  const unreadable = new Map<string, SpecLintResult>();
  for (const file of files.map((f) => path.resolve(f))) {
    try {
      read.push({ path: file, spec: SpecDocument.read(file, displayPath(file)) });
    } catch (error) {
      unreadable.set(file, { file: displayPath(file), ok: false, problems: [readProblem(file, error)] });
    }
  }
  const linted = new Map((await lintSpecDocuments(read)).map((result, index) => [read[index]?.path, result]));
  return files.map((f) => {
    const file = path.resolve(f);
    return (unreadable.get(file) ?? linted.get(file)) as SpecLintResult;
  });
}

/** Lints one spec: Redocly with redocly.yaml, then swagger-parser. */
export async function lintSpec(file: string): Promise<SpecLintResult> {
  const [result] = await lintSpecs([file]);
  return result as SpecLintResult;
}

/**
 * The gate: throws a SpecLintError naming file, line and place when any of the specs does not lint clean. A spec
 * whose exact text linted clean before with the same tools and rules is not linted again (lint-cache.ts).
 */
export async function gateSpecs(specs: ReadonlyArray<{ path: string; spec: SpecDocument }>): Promise<void> {
  const unchecked = specs
    .filter(({ spec }) => !lintedClean(spec.text))
    .map(({ path: file, spec }) => ({ file: path.resolve(file), spec }));
  if (unchecked.length === 0) return;
  const found = await findProblemsInThread(unchecked.map(({ file, spec }) => lintInput(file, spec)));
  const problems = lintResults(unchecked, found).flatMap((result) => result.problems);
  if (problems.length > 0) throw new SpecLintError(problems);
  for (const { spec } of unchecked) rememberClean(spec.text);
}

export function defaultSpecFiles(): string[] {
  return listSpecs(path.join(repoRoot, "specs")).map((spec) => spec.file);
}

async function main(argv: string[]): Promise<number> {
  const files = argv.length > 0 ? argv : defaultSpecFiles();
  const results = await lintSpecs(files);
  let failed = 0;
  for (const result of results) {
    if (result.ok) {
      console.log(`ok   ${result.file}`);
      continue;
    }
    failed++;
    console.error(`FAIL ${result.file}`);
    for (const problem of result.problems) console.error(`  ${formatProblem(problem)}`);
  }
  if (failed > 0) console.error(`${failed} of ${results.length} spec(s) failed lint`);
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runScript(main, 2);
}
