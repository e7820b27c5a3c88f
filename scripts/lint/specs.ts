// The front of the pipeline, for codegen and `pnpm lint:specs`: each spec read once (the spec model's YAML reader),
// linted by Redocly in this process (recommended + redocly.yaml), and its external `$ref`s bundled by Redocly's
// bundler into the document the spec model reads.
import path from "node:path";
import {
  BaseResolver,
  bundle,
  type Config,
  getLineColLocation,
  lintDocument,
  loadConfig,
  type NormalizedProblem,
  Source,
} from "@redocly/openapi-core";
import { isVendorSpec, SpecDocument, SpecModelError } from "@x/spec-model";
import { repoRelative, repoRoot } from "../repo.js";

export interface SpecProblem {
  /** The file of the place (the spec, or a file it references), relative to the working directory when inside it. */
  file: string;
  line: number;
  col: number;
  /** JSON pointer of the place in that file ("#/paths/~1token/post"), "" when unknown. */
  pointer: string;
  tool: "yaml" | "redocly";
  rule: string;
  severity: "error" | "warning";
  message: string;
}

/** A spec read, linted and bundled; `spec` is missing when its YAML does not parse. */
export interface ReadSpec {
  file: string;
  /** No problem that fails the spec (see `fails`). */
  ok: boolean;
  problems: SpecProblem[];
  spec?: SpecDocument;
}

export class SpecLintError extends Error {
  readonly problems: SpecProblem[];
  constructor(problems: SpecProblem[]) {
    super(`spec lint failed, nothing generated:\n${problems.map(formatProblem).join("\n")}`);
    this.name = "SpecLintError";
    this.problems = problems;
  }
}

/**
 * Rules whose problems make a spec wrong or impossible to generate from: invalid OpenAPI, a `$ref` that resolves
 * nowhere, a request the client cannot send. They fail every spec (the spec model refuses more: a security
 * requirement naming no declared scheme, a form body that is not an object, ...). Every other rule is house style (summaries,
 * tag descriptions, declared errors, servers, credentials as security schemes, examples): it fails our own specs
 * and only warns for a vendor's document kept as the vendor wrote it (`info.x-sdk.vendorSpec: true`).
 */
const WRONG_SPEC_RULES = new Set(
  (
    "struct no-unresolved-refs operation-operationId-unique operation-parameters-unique path-parameters-defined " +
    "path-declaration-must-exist no-identical-paths rule/request-body-has-schema"
  ).split(" "),
);

/** `specs/douyin.yaml:37:3 error redocly/no-path-trailing-slash: ... (#/paths/...)` */
export function formatProblem(p: SpecProblem): string {
  const where = p.pointer ? ` (${p.pointer})` : "";
  return `${p.file}:${p.line}:${p.col} ${p.severity} ${p.tool}/${p.rule}: ${p.message}${where}`;
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
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

/** A Redocly problem at its place, a house rule's as a warning for a vendor spec. */
function redoclyProblem(problem: NormalizedProblem, spec: SpecDocument, file: string): SpecProblem {
  const location = problem.location[0];
  const vendorSpec = isVendorSpec(spec);
  const severity = vendorSpec && !WRONG_SPEC_RULES.has(problem.ruleId) ? "warn" : problem.severity;
  // Redocly does not say which $ref it could not resolve; in the spec's own file, the place holds it.
  const inSpec = location?.pointer !== undefined && location.source.absoluteRef === file;
  const ref = (inSpec ? spec.at(location.pointer) : undefined) as { $ref?: unknown } | undefined;
  const unresolved = problem.ruleId === "no-unresolved-refs" && typeof ref?.$ref === "string";
  return {
    file: displayPath(location?.source.absoluteRef ?? file),
    // The value's place, or the key's for rules that report on keys.
    ...(location ? getLineColLocation(location).start : { line: 1, col: 1 }),
    pointer: location?.pointer ?? "",
    tool: "redocly",
    rule: problem.ruleId,
    severity: severity === "error" ? "error" : "warning",
    message: unresolved ? `${problem.message} ${JSON.stringify(ref.$ref)}` : problem.message,
  };
}

/** redocly.yaml: a spec's `apis` entry when it has one (Douyin's), else the root rules. */
async function loadLintConfig(): Promise<(file: string) => Config> {
  const configPath = path.join(repoRoot, "redocly.yaml");
  const config = await loadConfig({ configPath });
  const byFile = new Map(
    Object.entries(config.resolvedConfig.apis ?? {}).map(([alias, api]) => [
      path.resolve(repoRoot, api.root),
      config.forAlias(alias),
    ]),
  );
  return (file) => byFile.get(file) ?? config;
}

/**
 * Reads, lints (unless `lint` is false) and bundles spec files. A file that does not parse fails with its YAML
 * problem and hides no other file's. Files a spec references are read once, by the resolver lint and bundle share.
 */
export async function readSpecs(files: readonly string[], { lint = true } = {}): Promise<ReadSpec[]> {
  const configFor = await loadLintConfig();
  const read: ReadSpec[] = [];
  for (const file of files.map((f) => path.resolve(f))) {
    let parsed: SpecDocument;
    try {
      // Named in the model's errors and the generated files' banners as in the repository, wherever it runs.
      parsed = SpecDocument.read(file, repoRelative(file));
    } catch (error) {
      read.push({ file: displayPath(file), ok: false, problems: [readProblem(file, error)] });
      continue;
    }
    const config = configFor(file);
    const resolver = new BaseResolver(config.resolve);
    const source = new Source(file, parsed.text);
    const problems = lint
      ? (
          await lintDocument({
            document: { source, parsed: parsed.document },
            config,
            externalRefResolver: resolver,
          })
        )
          .filter((problem) => !problem.ignored)
          .map((problem) => redoclyProblem(problem, parsed, file))
          .sort((a, b) => a.line - b.line || a.col - b.col)
      : [];
    // The bundler works in place: it gets its own copy.
    const bundled = await bundle({
      doc: { source, parsed: structuredClone(parsed.document) },
      config,
      externalRefResolver: resolver,
    });
    read.push({
      file: displayPath(file),
      // Every problem fails our own specs; only errors fail a vendor's.
      ok: !problems.some((problem) => !isVendorSpec(parsed) || problem.severity === "error"),
      problems,
      spec: parsed.withDocument(bundled.bundle.parsed),
    });
  }
  return read;
}

/** The problems that fail the specs read, as one error; nothing when none fails. */
export function gateError(read: readonly ReadSpec[]): SpecLintError | undefined {
  const failing = read.filter((result) => !result.ok).flatMap((result) => result.problems);
  return failing.length > 0 ? new SpecLintError(failing) : undefined;
}

/** One spec read, linted and bundled. */
export async function lintSpec(file: string): Promise<ReadSpec> {
  return (await readSpecs([file]))[0] as ReadSpec;
}
