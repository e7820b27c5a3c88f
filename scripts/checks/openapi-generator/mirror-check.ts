// Mirror check: OpenAPI Generator (python, the originals' language) generates a client from each spec, and what it
// generated must match specs/originals.json, the table of the original clients' surface.
//
// The spec OpenAPI Generator reads is derived from the SDK model (@x/spec-model): one generated operation per
// method that codegen emits, so the check compares what codegen will emit with the originals. The python
// generator flattens a oneOf form body into one argument list with every field marked required, so:
// - a method of one `x-sdk-methods` entry (Avito): that entry's form body and success model, at the path the
//   original requested (`originalPath`). Compared with the table row of that method.
// - an overloaded method (entries sharing one name, Pinterest's grant types): one operation per overload with its
//   form body and the operation's own success model (the original's one method returned it), merged back like
//   the variants below and compared with the row of that name.
// - a method whose form body has several variants and no entries: one operation per variant. The variants are
//   merged back: a parameter is required when every variant requires it, which is what the union means.
// Differences the table explains (`difference`, `addedParameters`) are reported; any other one fails.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { loadSpecModel } from "@x/spec-model";
import { loadOriginals, type OriginalProvider } from "../originals.js";
import { type GeneratorConfig, repoRoot } from "./config.js";
import { type SplitOrigin, splitOperations, variantMark } from "./mirror-spec.js";
import { type GeneratedMethod, type GeneratedParameter, readPythonClient } from "./python-client.js";
import { runWrapper } from "./wrapper.js";

type Json = Record<string, unknown>;

// --- comparison ---
export interface MirrorReport {
  provider: string;
  failures: string[];
  /** Differences the table documents, and additions that cannot break a caller of the original. */
  notes: string[];
}

interface MergedMethod extends Omit<GeneratedMethod, "path"> {
  path: string;
  origin: SplitOrigin;
  /** An overloaded method whose overloads return different models: each of them. */
  alternatives?: (string | null)[];
}

/** Merges split-off variants of one operation back into one method (see the header). */
function mergeVariants(provider: string, parts: MergedMethod[], failures: string[]): MergedMethod {
  const [first, ...rest] = parts;
  if (!first) throw new Error("no parts");
  const same = (method: MergedMethod) =>
    JSON.stringify([
      method.className,
      method.http,
      method.path,
      method.requestMediaType,
      method.responseMediaTypes,
      method.security,
      // Overloads may each return their own model (per-grant results); variants of one body may not.
      ...(method.origin.sdkMethod === undefined ? [method.returns] : []),
    ]);
  for (const part of rest) {
    if (same(part) !== same(first)) {
      failures.push(
        `${provider} ${first.origin.operationId}: the variants of its form body generate different methods`,
      );
    }
  }
  const parameters = new Map<string, GeneratedParameter>();
  for (const part of parts) {
    for (const parameter of part.parameters) {
      const seen = parameters.get(parameter.name);
      if (seen && seen.in !== parameter.in) {
        failures.push(
          `${provider} ${first.origin.operationId}: parameter "${parameter.name}" is sent as ${seen.in} and as ${parameter.in}`,
        );
      }
      parameters.set(parameter.name, { ...parameter, required: seen?.required ?? true });
    }
  }
  for (const parameter of parameters.values()) {
    parameter.required = parts.every((part) =>
      part.parameters.some((p) => p.name === parameter.name && p.required),
    );
  }
  const alternatives = [...new Set(parts.map((part) => part.returns))];
  return {
    ...first,
    name: first.name.replace(/_variant\d+$/, ""),
    parameters: [...parameters.values()],
    ...(alternatives.length > 1 ? { alternatives } : {}),
  };
}

function describe(parameter: { name: string; in: string; required: boolean }): string {
  return `"${parameter.name}" (${parameter.in}, ${parameter.required ? "required" : "optional"})`;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
}

export function compareWithOriginal(
  provider: string,
  original: OriginalProvider,
  generated: { methods: GeneratedMethod[]; models: string[] },
  origins: Map<string, SplitOrigin>,
  specSchemas: Json,
): MirrorReport {
  const failures: string[] = [];
  const notes: string[] = [];

  // Generated methods grouped by the spec operation (and x-sdk-methods entry) they come from.
  const groups = new Map<string, MergedMethod[]>();
  for (const method of generated.methods) {
    const path = method.path.split(variantMark)[0] ?? method.path;
    const origin = origins.get(`${method.http} ${method.path}`);
    if (!origin) {
      failures.push(
        `${provider}: generated ${method.className}.${method.name} (${method.http} ${method.path}) has no spec operation`,
      );
      continue;
    }
    const key = origin.sdkMethod ? `${origin.operationId}/${origin.sdkMethod}` : origin.operationId;
    groups.set(key, [...(groups.get(key) ?? []), { ...method, path, origin }]);
  }

  const claimed = new Set<string>();
  for (const row of original.operations) {
    const op = `${provider} ${row.method}`;
    const key = groups.has(`${row.operationId}/${row.method}`)
      ? `${row.operationId}/${row.method}`
      : row.operationId;
    const parts = groups.get(key);
    if (!parts) {
      failures.push(
        `${op}: the original's ${row.class}.${row.original} (${row.http} ${row.originalPath}) is not generated from the spec (no operation ${row.operationId})`,
      );
      continue;
    }
    claimed.add(key);
    const method = parts.length > 1 ? mergeVariants(provider, parts, failures) : (parts[0] as MergedMethod);
    const split = method.origin.sdkMethod !== undefined;
    const check = (what: string, actual: unknown, expected: unknown) => {
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        failures.push(
          `${op}: ${what} is ${JSON.stringify(actual)} in the generated client, ${JSON.stringify(expected)} in the original`,
        );
      }
    };

    check("the class", method.className, row.class);
    check("the method name", method.name, row.original);
    check("the HTTP method", method.http, row.http);
    // A method split off by x-sdk-methods is generated at the path the original requested.
    check("the path", method.path, split ? row.originalPath : row.path);
    check("the spec path", method.origin.specPath, row.path);
    if (row.path !== row.originalPath && !row.difference) {
      failures.push(
        `${op}: the path ${JSON.stringify(row.path)} differs from the original's ${JSON.stringify(row.originalPath)} and the table has no difference note`,
      );
    }
    check("the request media type", method.requestMediaType, row.requestMediaType);
    if (!sameSet(method.responseMediaTypes, row.responseMediaTypes)) {
      check("the response media types", method.responseMediaTypes, row.responseMediaTypes);
    }
    check("the security", [...method.security].sort(), row.security.flatMap((r) => Object.keys(r)).sort());
    // Per-overload results: the original's one model must be one of them.
    const returns = method.alternatives?.includes(row.returns) ? row.returns : method.returns;
    check(
      "the success model",
      method.alternatives && returns !== row.returns ? method.alternatives : returns,
      row.returns,
    );
    if (row.request !== undefined) {
      check("the request model", method.origin.request ?? method.bodyModel, row.request);
    }

    const added = row.addedParameters ?? [];
    const expected = [...row.parameters, ...added];
    for (const parameter of expected) {
      const actual = method.parameters.find((p) => p.name === parameter.name);
      const label = added.includes(parameter) ? "added parameter" : "parameter";
      if (!actual) {
        failures.push(`${op}: ${label} ${describe(parameter)} is missing from the generated client`);
      } else if (actual.in !== parameter.in || actual.required !== parameter.required) {
        failures.push(
          `${op}: ${label} "${parameter.name}" is ${describe(actual)} in the generated client, ${describe(parameter)} in the table`,
        );
      }
    }
    for (const parameter of method.parameters) {
      if (!expected.some((p) => p.name === parameter.name)) {
        failures.push(
          `${op}: parameter ${describe(parameter)} is not in the original (renamed? else list it in addedParameters)`,
        );
      }
    }
    if (added.length > 0)
      notes.push(`${op}: added parameters ${added.map((p) => p.name).join(", ")}: ${row.difference ?? ""}`);
    else if (row.difference) notes.push(`${op}: ${row.difference}`);
  }
  for (const [key, parts] of groups) {
    if (claimed.has(key)) continue;
    for (const method of parts) {
      failures.push(
        `${provider}: generated ${method.className}.${method.name} (${method.http} ${method.path}) is not in the original's table`,
      );
    }
  }

  for (const model of original.models) {
    if (generated.models.includes(model)) continue;
    const schema = specSchemas[model] as Json | undefined;
    const primitive =
      schema &&
      !schema.properties &&
      !schema.oneOf &&
      !schema.anyOf &&
      !schema.allOf &&
      schema.type !== "object";
    if (primitive) {
      // OpenAPI Generator types primitive aliases inline; the original's generator made an empty class.
      notes.push(
        `${provider}: model ${model} is a ${String(schema.type)} alias, typed inline by OpenAPI Generator`,
      );
    } else {
      failures.push(`${provider}: model ${model} of the original is not generated from the spec`);
    }
  }
  const extra = generated.models.filter((model) => !original.models.includes(model));
  if (extra.length > 0)
    notes.push(`${provider}: models not in the original (additions): ${extra.join(", ")}`);

  return { provider, failures, notes };
}

// --- running it ---
export interface MirrorOptions {
  /** Spec files to check, keyed by provider id (default: every provider of the table, from specs/). */
  specs?: Record<string, string>;
  /** Folder for derived specs and generated clients (removed afterwards). */
  workDir?: string;
}

export class MirrorError extends Error {
  override name = "MirrorError";
  constructor(readonly reports: MirrorReport[]) {
    super(
      `OpenAPI Generator mirror check failed:\n${reports
        .flatMap((report) => report.failures)
        .map((line) => `  - ${line}`)
        .join("\n")}`,
    );
  }
}

const packageName = "mirror_client";

export async function mirrorCheck(
  config: GeneratorConfig,
  originalsFile: string,
  options: MirrorOptions = {},
): Promise<MirrorReport[]> {
  const table = loadOriginals(originalsFile);
  const specs =
    options.specs ??
    Object.fromEntries(
      Object.entries(table).map(([provider, entry]) => [provider, join(repoRoot, "specs", entry.spec)]),
    );
  const workDir = options.workDir ?? join(repoRoot, ".tmp", `openapi-generator-mirror-${process.pid}`);
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  try {
    const prepared = [];
    for (const [provider, specFile] of Object.entries(specs)) {
      const original = table[provider];
      if (!original) throw new Error(`${relative(repoRoot, originalsFile)}: no entry for ${provider}`);
      const model = loadSpecModel(specFile, { displayName: basename(specFile) });
      const { spec: split, origins } = splitOperations(model);
      const input = join(workDir, `${provider}.json`);
      const outputDir = join(workDir, provider);
      await writeFile(input, JSON.stringify(split, null, 2));
      const batchConfig = join(workDir, `${provider}.config.json`);
      await writeFile(
        batchConfig,
        JSON.stringify({
          generatorName: "python",
          inputSpec: relative(repoRoot, input),
          outputDir: relative(repoRoot, outputDir),
          additionalProperties: { packageName },
          // Also generate models used only as form bodies, so they can be compared too.
          globalProperties: { skipFormModel: "false" },
        }),
      );
      prepared.push({
        provider,
        original,
        origins,
        outputDir,
        batchConfig,
        schemas: model.schemas as Json,
      });
    }
    // One JVM generates every client.
    const result = await runWrapper(config, [
      "batch",
      "--fail-fast",
      ...prepared.map((p) => relative(repoRoot, p.batchConfig)),
    ]);
    if (result.code !== 0 || !/Batch generation finished/.test(result.output)) {
      throw new Error(`openapi-generator-cli batch (python) failed:\n${result.output.trim()}`);
    }
    const reports = prepared.map((p) =>
      compareWithOriginal(
        p.provider,
        p.original,
        readPythonClient(p.outputDir, packageName),
        p.origins,
        p.schemas,
      ),
    );
    if (reports.some((report) => report.failures.length > 0)) throw new MirrorError(reports);
    return reports;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
