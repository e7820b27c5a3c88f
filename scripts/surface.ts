// Compares a spec's surface with the table of the original clients' surface (specs/originals.json):
// operations, HTTP method and path, parameter names / locations / required-ness, media types, security, models.
// Used by tests/specs.surface.test.ts and by the OpenAPI-Generator mirror check.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export type ParameterLocation = "query" | "form" | "header" | "path";

export interface OriginalParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
}

export interface OriginalOperation {
  /** The original client's method name (snake_case). */
  original: string;
  /** Our method name; the operationId, or an `x-sdk-methods` entry when one operation serves several methods. */
  method: string;
  class: string;
  operationId: string;
  http: string;
  path: string;
  originalPath: string;
  parameters: OriginalParameter[];
  /** Fields the spec has beyond the original (e.g. Pinterest's body the original generator dropped). */
  addedParameters?: OriginalParameter[];
  requestMediaType: string | null;
  responseMediaTypes: string[];
  security: Record<string, string[]>[];
  /** components.schemas name of this method's form body, when it is one member of a discriminated body. */
  request?: string;
  returns: string;
  difference: string | null;
}

export interface OriginalProvider {
  spec: string;
  generator: string;
  originalClient?: string;
  operations: OriginalOperation[];
  models: string[];
}

export type OriginalsTable = Record<string, OriginalProvider>;

export interface SurfaceDifference {
  spec: string;
  operation?: string;
  parameter?: string;
  /** Full sentence naming spec, operation and parameter. */
  message: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const originalsPath = path.join(repoRoot, "specs", "originals.json");
export const specsDir = path.join(repoRoot, "specs");

/** The providers of specs/originals.json (keys starting with "$" are comments). */
export function loadOriginals(file = originalsPath): OriginalsTable {
  const raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith("$"))) as OriginalsTable;
}

type Json = Record<string, unknown>;
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolveRef(doc: Json, value: unknown): unknown {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string"; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith("#/") || hops > 32) throw new Error(`cannot resolve $ref ${ref}`);
    current = ref
      .slice(2)
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), doc);
  }
  return current;
}

function schemaName(value: unknown): string | undefined {
  if (!isObject(value) || typeof value.$ref !== "string") return undefined;
  const match = /^#\/components\/schemas\/(.+)$/.exec(value.$ref);
  return match?.[1];
}

interface Field {
  required: boolean;
}

/** Form fields of a body schema. Across oneOf/anyOf members a field is required only if every member requires it. */
function formFields(doc: Json, schemaRef: unknown): Map<string, Field> {
  const schema = resolveRef(doc, schemaRef);
  const fields = new Map<string, Field>();
  if (!isObject(schema)) return fields;
  const union = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (Array.isArray(union)) {
    const members = union.map((m) => formFields(doc, m));
    for (const member of members) {
      for (const [name] of member) {
        const required = members.every((m) => m.get(name)?.required === true);
        fields.set(name, { required });
      }
    }
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) {
      for (const [name, field] of formFields(doc, part)) {
        fields.set(name, { required: field.required || fields.get(name)?.required === true });
      }
    }
  }
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  if (isObject(schema.properties)) {
    for (const name of Object.keys(schema.properties)) {
      fields.set(name, { required: required.has(name) || fields.get(name)?.required === true });
    }
  }
  return fields;
}

function pascalCase(tag: string): string {
  return tag
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

interface SdkMethod {
  name: string;
  tag?: string;
  request?: string;
  response?: string;
  originalPath?: string;
}

interface SpecOperation {
  path: string;
  http: string;
  op: Json;
}

function specOperations(doc: Json): SpecOperation[] {
  const out: SpecOperation[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [p, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const http of HTTP_METHODS) {
      const op = item[http];
      if (isObject(op)) out.push({ path: p, http: http.toUpperCase(), op });
    }
  }
  return out;
}

function describeParam(p: OriginalParameter): string {
  return `(${p.in}, ${p.required ? "required" : "optional"})`;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Differences between the spec at specPath and the provider's row of the originals table; [] when they agree. */
export function checkSpecSurface(specPath: string, table: OriginalProvider): SurfaceDifference[] {
  const spec = path.basename(specPath);
  const doc = parse(readFileSync(specPath, "utf8")) as Json;
  const diffs: SurfaceDifference[] = [];
  const add = (message: string, operation?: string, parameter?: string) => {
    const where = [spec, operation, parameter === undefined ? undefined : `parameter "${parameter}"`]
      .filter(Boolean)
      .join(": ");
    diffs.push({
      spec,
      ...(operation === undefined ? {} : { operation }),
      ...(parameter === undefined ? {} : { parameter }),
      message: `${where}: ${message}`,
    });
  };

  const operations = specOperations(doc);
  const schemas = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};

  for (const expected of table.operations) {
    const label = expected.method;
    const found = operations.find((o) => o.op.operationId === expected.operationId);
    if (!found) {
      add(`operationId "${expected.operationId}" not found in the spec`, label);
      continue;
    }
    const { op } = found;
    if (found.http !== expected.http.toUpperCase() || found.path !== expected.path) {
      add(`is ${found.http} ${found.path}, the original is ${expected.http} ${expected.path}`, label);
    }

    // Which method of which class this row is, and which body schema and success model belong to it.
    const sdkMethods = Array.isArray(op["x-sdk-methods"]) ? (op["x-sdk-methods"] as SdkMethod[]) : undefined;
    const tags = Array.isArray(op.tags) ? (op.tags as string[]) : [];
    const media = isObject(op.requestBody) ? resolveRef(doc, op.requestBody) : undefined;
    const content = isObject(media) && isObject(media.content) ? media.content : {};
    const requestTypes = Object.keys(content);
    const requestMediaType = requestTypes.length === 0 ? null : requestTypes.join(", ");
    const bodyEntry = requestTypes[0] === undefined ? undefined : content[requestTypes[0]];
    let bodySchema: unknown = isObject(bodyEntry) ? bodyEntry.schema : undefined;
    let returns: string | undefined;
    let className: string;

    const successCode = Object.keys(isObject(op.responses) ? op.responses : {})
      .filter((code) => /^2\d\d$/.test(code))
      .sort()[0];
    const success =
      successCode && isObject(op.responses) ? resolveRef(doc, op.responses[successCode]) : undefined;
    const successContent = isObject(success) && isObject(success.content) ? success.content : {};
    const successTypes = Object.keys(successContent);
    const firstSuccess = successTypes[0] === undefined ? undefined : successContent[successTypes[0]];
    const successSchema = isObject(firstSuccess) ? firstSuccess.schema : undefined;

    if (sdkMethods) {
      // Entries sharing a name are overloads of one method: the row is that method, taking the union of their
      // bodies and returning the operation's model (each overload narrows it to its entry's response).
      const entries = sdkMethods.filter((m) => m.name === expected.method);
      const [entry] = entries;
      if (!entry) {
        add(`method not listed in x-sdk-methods of operation "${expected.operationId}"`, label);
        continue;
      }
      const entryTags = [...new Set(entries.map((m) => m.tag ?? tags[0] ?? "default"))];
      if (entryTags.length > 1) add(`x-sdk-methods entries of one name have different tags`, label);
      className = `${pascalCase(entryTags[0] ?? "default")}Api`;
      const members = isObject(resolveRef(doc, bodySchema))
        ? (((resolveRef(doc, bodySchema) as Json).oneOf ?? []) as unknown[]).map(schemaName)
        : [];
      const requests = entries.flatMap((m) => (m.request === undefined ? [] : [m.request]));
      for (const request of requests) {
        if (!members.includes(request)) {
          add(`x-sdk-methods request "${request}" is not a oneOf member of the request body`, label);
        }
      }
      if (requests.length === entries.length) {
        const refs = requests.map((request) => ({ $ref: `#/components/schemas/${request}` }));
        bodySchema = refs.length === 1 ? refs[0] : { oneOf: refs };
      }
      // A response is one of the success schema's alternatives, or a model its discriminator maps to.
      const resolvedSuccess = resolveRef(doc, successSchema);
      const mapping =
        isObject(resolvedSuccess) && isObject(resolvedSuccess.discriminator)
          ? resolvedSuccess.discriminator.mapping
          : undefined;
      const variants = [
        ...(isObject(successSchema)
          ? [...((successSchema.oneOf ?? []) as unknown[]), ...((successSchema.anyOf ?? []) as unknown[])]
          : []
        ).map(schemaName),
        ...Object.values(isObject(mapping) ? mapping : {}).map((ref) => schemaName({ $ref: ref })),
        schemaName(successSchema),
      ];
      for (const response of entries.map((m) => m.response)) {
        if (response && !variants.includes(response)) {
          add(`x-sdk-methods response "${response}" is not a variant of the ${successCode} response`, label);
        }
      }
      returns = entries.length > 1 ? schemaName(successSchema) : entry.response;
      // Inline alternatives (Criteo's per-grant results): the original's model must still be one of them.
      if (returns === undefined && variants.includes(expected.returns)) returns = expected.returns;
      for (const m of entries) {
        // No originalPath: the original requested the spec's path.
        if ((m.originalPath ?? expected.path) !== expected.originalPath) {
          add(
            `x-sdk-methods originalPath is ${JSON.stringify(m.originalPath)}, the original is ${JSON.stringify(expected.originalPath)}`,
            label,
          );
        }
      }
      if (expected.request !== undefined && (entries.length > 1 || entry.request !== expected.request)) {
        add(`x-sdk-methods request is "${requests.join(", ")}", expected "${expected.request}"`, label);
      }
    } else {
      if (expected.method !== expected.operationId) {
        add(
          `method "${expected.method}" needs an x-sdk-methods entry (the operationId is "${expected.operationId}")`,
          label,
        );
      }
      className = `${pascalCase(tags[0] ?? "default")}Api`;
      returns = schemaName(successSchema);
    }

    if (className !== expected.class) add(`class is ${className}, the original is ${expected.class}`, label);
    if (returns !== expected.returns) {
      add(`returns ${returns ?? "no named model"}, the original returns ${expected.returns}`, label);
    }
    if (requestMediaType !== expected.requestMediaType) {
      add(
        `request media type is ${requestMediaType ?? "none"}, the original's is ${expected.requestMediaType ?? "none"}`,
        label,
      );
    }
    if (!sameJson(successTypes, expected.responseMediaTypes)) {
      add(
        `success response media types are [${successTypes.join(", ")}], the original's are [${expected.responseMediaTypes.join(", ")}]`,
        label,
      );
    }
    const security = op.security ?? doc.security ?? [];
    if (!sameJson(security, expected.security)) {
      add(`security is ${JSON.stringify(security)}, expected ${JSON.stringify(expected.security)}`, label);
    }

    // Parameters: query/header/path parameters plus the fields of a form body.
    const actual = new Map<string, OriginalParameter>();
    for (const raw of Array.isArray(op.parameters) ? op.parameters : []) {
      const p = resolveRef(doc, raw);
      if (!isObject(p) || typeof p.name !== "string") continue;
      actual.set(p.name, { name: p.name, in: p.in as ParameterLocation, required: p.required === true });
    }
    if (
      requestMediaType === "application/x-www-form-urlencoded" ||
      requestMediaType === "multipart/form-data"
    ) {
      for (const [name, field] of formFields(doc, bodySchema)) {
        actual.set(name, { name, in: "form", required: field.required });
      }
    }
    const wanted = [...expected.parameters, ...(expected.addedParameters ?? [])];
    for (const want of wanted) {
      const got = actual.get(want.name);
      if (!got) {
        add(`missing from the spec; the original has it ${describeParam(want)}`, label, want.name);
        continue;
      }
      if (got.in !== want.in) add(`is in ${got.in}, the original has it in ${want.in}`, label, want.name);
      if (got.required !== want.required) {
        add(
          `is ${got.required ? "required" : "optional"}, the original has it ${want.required ? "required" : "optional"}`,
          label,
          want.name,
        );
      }
    }
    for (const got of actual.values()) {
      if (!wanted.some((w) => w.name === got.name)) {
        add(`${describeParam(got)} is not in the originals table`, label, got.name);
      }
    }
  }

  // Every operation of the spec and every x-sdk-methods entry is a row of the table.
  for (const { op, http, path: p } of operations) {
    const rows = table.operations.filter((row) => row.operationId === op.operationId);
    if (rows.length === 0)
      add(`${http} ${p} (operationId "${String(op.operationId)}") is not in the originals table`);
    for (const m of Array.isArray(op["x-sdk-methods"]) ? (op["x-sdk-methods"] as SdkMethod[]) : []) {
      if (!rows.some((row) => row.method === m.name)) {
        add(`x-sdk-methods entry "${m.name}" is not in the originals table`, String(op.operationId));
      }
    }
  }

  for (const model of table.models) {
    if (!(model in schemas)) add(`model "${model}" is missing from components.schemas`);
  }
  return diffs;
}

/** Checks every provider of the table against its spec in specsDir. */
export function checkAllSpecs(table: OriginalsTable = loadOriginals(), dir = specsDir): SurfaceDifference[] {
  return Object.values(table).flatMap((provider) =>
    checkSpecSurface(path.join(dir, provider.spec), provider),
  );
}
