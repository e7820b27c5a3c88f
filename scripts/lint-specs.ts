// Spec lint gate: Redocly (recommended + the rules in redocly.yaml) and swagger-parser's OpenAPI validation.
// `lintSpec` / `assertSpecLints` are what codegen calls before generating; run directly, this lints specs/*.yaml
// (or the files given) and exits non-zero on any problem.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import SwaggerParser from "@apidevtools/swagger-parser";
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
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
    super(`spec lint failed:\n${problems.map(formatProblem).join("\n")}`);
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

function pointerToSegments(pointer: string): string[] {
  const body = pointer.replace(/^#/, "");
  if (body === "" || body === "/") return [];
  return body
    .slice(1)
    .split("/")
    .map((s) => decodeURIComponent(s).replace(/~1/g, "/").replace(/~0/g, "~"));
}

function segmentsToPointer(segments: readonly (string | number)[]): string {
  return `#/${segments.map((s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}

interface ParsedSpec {
  text: string;
  lineCounter: LineCounter;
  doc: ReturnType<typeof parseDocument>;
}

function parseSpec(file: string): ParsedSpec {
  const text = readFileSync(file, "utf8");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return { text, lineCounter, doc };
}

/** Line/column of the deepest existing node on the pointer's path (so a missing key points at its parent). */
function locate(spec: ParsedSpec, pointer: string): { line: number; col: number } {
  let node: Node | null | undefined = spec.doc.contents;
  let found = node?.range?.[0] ?? 0;
  for (const segment of pointerToSegments(pointer)) {
    let next: unknown;
    if (isMap(node))
      next = node.items.find((pair) => String((pair.key as { value?: unknown })?.value) === segment);
    else if (isSeq(node)) next = node.items[Number(segment)];
    if (!next) break;
    if (isMap(node)) {
      const pair = next as { key: Node; value: Node | null };
      found = pair.key.range?.[0] ?? found;
      node = pair.value;
    } else {
      node = next as Node;
      found = node.range?.[0] ?? found;
    }
  }
  return spec.lineCounter.linePos(found);
}

/** For errors that only quote a `$ref` ("Missing $ref pointer "#/..."), the first line that uses it. */
function locateQuotedRef(spec: ParsedSpec, message: string): { line: number; col: number } {
  const ref = /"(#\/[^"]+)"/.exec(message)?.[1];
  const index = ref ? spec.text.indexOf(ref) : -1;
  return index >= 0 ? spec.lineCounter.linePos(index) : { line: 1, col: 1 };
}

function yamlProblems(file: string, spec: ParsedSpec): SpecProblem[] {
  return [...spec.doc.errors, ...spec.doc.warnings].map((e) => {
    const { line, col } = spec.lineCounter.linePos(e.pos[0]);
    return {
      file: displayPath(file),
      line,
      col,
      pointer: "",
      tool: "yaml",
      rule: e.code,
      severity: "error",
      message: e.message.split("\n")[0] ?? e.message,
    };
  });
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

function runRedocly(files: string[], specs: Map<string, ParsedSpec>): Map<string, SpecProblem[]> {
  const byFile = new Map<string, SpecProblem[]>(files.map((f) => [f, []]));
  if (files.length === 0) return byFile;
  const run = spawnSync(
    process.execPath,
    [redoclyCli, "lint", ...files, "--format=json", "--config", redoclyConfig],
    {
      cwd: repoRoot,
      encoding: "utf8",
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: "off",
        REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
        NO_COLOR: "1",
      },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
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
    const pos = loc?.start ?? (spec ? locate(spec, pointer) : { line: 1, col: 1 });
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

async function runSwaggerParser(file: string, spec: ParsedSpec): Promise<SpecProblem[]> {
  try {
    // validate() dereferences in place, so give it its own copy of the document.
    await SwaggerParser.validate(spec.doc.toJS() as never);
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
          ...locate(spec, pointer),
          pointer,
          rule: d.keyword ?? "schema",
          message: `${d.message ?? e.message}${extra}`,
        };
      });
    }
    const pointer = Array.isArray(e.path) && e.path.length > 0 ? segmentsToPointer(e.path) : "";
    const pos = pointer ? locate(spec, pointer) : locateQuotedRef(spec, e.message);
    return [
      {
        ...base,
        ...pos,
        pointer,
        rule: e.name || "validate",
        message: e.message.split("\n")[0] ?? e.message,
      },
    ];
  }
}

/** Lints several specs with one Redocly run. Every problem (error or warning) makes a spec fail. */
export async function lintSpecs(files: readonly string[]): Promise<SpecLintResult[]> {
  const absFiles = files.map((f) => path.resolve(f));
  const specs = new Map<string, ParsedSpec>();
  const results = new Map<string, SpecProblem[]>();
  for (const file of absFiles) {
    let spec: ParsedSpec;
    try {
      spec = parseSpec(file);
    } catch (error) {
      const message = (error as Error).message;
      results.set(file, [
        {
          file: displayPath(file),
          line: 1,
          col: 1,
          pointer: "",
          tool: "yaml",
          rule: "read",
          severity: "error",
          message,
        },
      ]);
      continue;
    }
    const problems = yamlProblems(file, spec);
    results.set(file, problems);
    if (problems.length === 0) specs.set(file, spec);
  }
  // Only well-formed YAML goes on to the validators: one broken file must not hide the others' problems.
  const parsed = [...specs.keys()];
  const redocly = runRedocly(parsed, specs);
  for (const file of parsed) {
    const spec = specs.get(file) as ParsedSpec;
    const problems = [...(redocly.get(file) ?? []), ...(await runSwaggerParser(file, spec))];
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    results.set(file, problems);
  }
  return absFiles.map((file) => {
    const problems = results.get(file) ?? [];
    return { file: displayPath(file), ok: problems.length === 0, problems };
  });
}

/** Lints one spec: Redocly with redocly.yaml, then swagger-parser. */
export async function lintSpec(file: string): Promise<SpecLintResult> {
  const [result] = await lintSpecs([file]);
  return result as SpecLintResult;
}

/** The codegen gate: throws a SpecLintError naming file, line and place when a spec does not lint clean. */
export async function assertSpecLints(file: string): Promise<void> {
  const result = await lintSpec(file);
  if (!result.ok) throw new SpecLintError(result.problems);
}

export function defaultSpecFiles(): string[] {
  const dir = path.join(repoRoot, "specs");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => path.join(dir, name));
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
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 2;
    },
  );
}
