// Spec lint gate: Redocly (recommended + the rules in redocly.yaml) and swagger-parser's OpenAPI validation.
// `gateSpecs` is the one gate codegen calls before generating (on the specs it has read once); run directly, this
// lints specs/*.yaml (or the files given) and exits non-zero on any problem.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { listSpecs, pointer, SpecDocument, SpecModelError } from "@x/spec-model";
import { lintedClean, rememberClean } from "./lint-cache.js";
import { repoRoot, runScript } from "./repo.js";

const redoclyConfig = path.join(repoRoot, "redocly.yaml");
const redoclyCli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");

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

/** Redocly prints one JSON report per API when several are linted at once: split the concatenation. */
function parseJsonSequence(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{") {
      if (depth++ === 0) start = i;
    } else if (ch === "}" && --depth === 0) values.push(JSON.parse(text.slice(start, i + 1)));
  }
  return values;
}

interface RedoclyJsonProblem {
  ruleId: string;
  severity: "error" | "warn" | "warning";
  message: string;
  location?: { source?: { ref?: string }; pointer?: string; start?: { line: number; col: number } }[];
}

/** Runs Redocly on the files in a child process, without blocking this one (codegen goes on meanwhile). */
function redoclyOutput(files: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [redoclyCli, "lint", ...files, "--format=json", "--config", redoclyConfig],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: "off",
          REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
          NO_COLOR: "1",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (status) =>
      resolve({
        status,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      }),
    );
  });
}

async function runRedocly(
  files: string[],
  specs: Map<string, SpecDocument>,
): Promise<Map<string, SpecProblem[]>> {
  const byFile = new Map<string, SpecProblem[]>(files.map((f) => [f, []]));
  if (files.length === 0) return byFile;
  const run = await redoclyOutput(files);
  let reports: { problems?: RedoclyJsonProblem[] }[];
  try {
    reports = parseJsonSequence(run.stdout) as { problems?: RedoclyJsonProblem[] }[];
    if (reports.length === 0) throw new Error("empty output");
  } catch {
    const detail = `${run.stdout}\n${run.stderr}`.replace(/[║╔╗╚╝═]+/g, "").trim();
    throw new Error(`redocly lint produced no report (exit ${run.status}): ${detail.slice(-2000)}`);
  }
  for (const p of reports.flatMap((r) => r.problems ?? [])) {
    const loc = p.location?.[0];
    const abs = loc?.source?.ref ? path.resolve(repoRoot, loc.source.ref) : (files[0] ?? "");
    const spec = specs.get(abs);
    const pointer = loc?.pointer ?? "";
    const pos = loc?.start ?? (spec ? spec.locate(pointer) : { line: 1, col: 1 });
    const list = byFile.get(abs) ?? byFile.get(files[0] ?? "") ?? [];
    list.push({
      file: displayPath(abs),
      line: pos.line,
      col: pos.col,
      pointer,
      tool: "redocly",
      rule: p.ruleId,
      severity: p.severity === "error" ? "error" : "warning",
      message: p.message,
    });
  }
  return byFile;
}

interface AjvDetail {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

async function runSwaggerParser(file: string, spec: SpecDocument): Promise<SpecProblem[]> {
  try {
    // Loaded when a spec is linted, not with the gate (a gate whose specs all linted clean before never needs it).
    const { default: SwaggerParser } = await import("@apidevtools/swagger-parser");
    // validate() dereferences in place, so give it its own copy of the document.
    await SwaggerParser.validate(structuredClone(spec.document) as never);
    return [];
  } catch (error) {
    const e = error as Error & { details?: AjvDetail[]; path?: (string | number)[] };
    const base = { file: displayPath(file), tool: "swagger-parser" as const, severity: "error" as const };
    if (Array.isArray(e.details) && e.details.length > 0) {
      return e.details.map((d) => {
        const pointer = `#${d.instancePath ?? ""}`;
        const extra = d.params?.additionalProperty ? ` "${String(d.params.additionalProperty)}"` : "";
        return {
          ...base,
          ...spec.locate(pointer),
          pointer,
          rule: d.keyword ?? "schema",
          message: `${d.message ?? e.message}${extra}`,
        };
      });
    }
    const place = Array.isArray(e.path) && e.path.length > 0 ? pointer(...e.path) : "";
    const pos = place ? spec.locate(place) : locateQuotedRef(spec, e.message);
    return [
      {
        ...base,
        ...pos,
        pointer: place,
        rule: e.name || "validate",
        message: e.message.split("\n")[0] ?? e.message,
      },
    ];
  }
}

/** Lints specs already read, with one Redocly run. Every problem (error or warning) makes a spec fail. */
export async function lintSpecDocuments(
  specs: ReadonlyArray<{ path: string; spec: SpecDocument }>,
): Promise<SpecLintResult[]> {
  const byPath = new Map(specs.map(({ path: file, spec }) => [path.resolve(file), spec]));
  const redocly = await runRedocly([...byPath.keys()], byPath);
  const results: SpecLintResult[] = [];
  for (const [file, spec] of byPath) {
    const problems = [...(redocly.get(file) ?? []), ...(await runSwaggerParser(file, spec))];
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    results.push({ file: displayPath(file), ok: problems.length === 0, problems });
  }
  return results;
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
  const unchecked = specs.filter(({ spec }) => !lintedClean(spec.text));
  const results = await lintSpecDocuments(unchecked);
  const problems = results.flatMap((result) => result.problems);
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
