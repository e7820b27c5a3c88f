// Checks one incoming request against its spec operation: parameters, media type and body, and no field the spec
// does not declare. Client authentication follows, by the spec's security (./client-auth.ts).
import type { IncomingHttpHeaders } from "node:http";
import { isJsonObject as isObject } from "@x/spec-model";
import type { ErrorObject, ValidateFunction } from "ajv";
import { baseMediaType, type RequestProblem, type SpecOperation } from "./spec.js";

export interface IncomingParts {
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface CheckedRequest {
  /** query parameters and body fields, in the types the spec declares */
  params: Record<string, unknown>;
  /** the request's headers, for client authentication */
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
}

export type CheckResult = { ok: true; request: CheckedRequest } | { ok: false; problem: RequestProblem };

export function checkRequest(op: SpecOperation, parts: IncomingParts): CheckResult {
  const params: Record<string, unknown> = {};
  const done = (): CheckResult => ({
    ok: true,
    request: { params, headers: parts.headers, query: parts.query },
  });
  const query = op.parameters.get("query");
  for (const name of parts.query.keys()) {
    if (op.routeQuery.includes(name) || isQueryKey(op, name)) continue;
    if (!query?.parameters.some((parameter) => parameter.name === name))
      return { ok: false, problem: { kind: "undeclared-parameter", name } };
  }
  if (query) {
    const values: Record<string, unknown> = {};
    for (const { name } of query.parameters) {
      const all = parts.query.getAll(name);
      if (all.length > 1) return { ok: false, problem: { kind: "repeated-parameter", name } };
      if (all.length === 1) values[name] = all[0];
    }
    const problem = validateGroup(query.validate, values);
    if (problem) return { ok: false, problem };
    Object.assign(params, values);
  }
  const headers = op.parameters.get("header");
  if (headers) {
    const values: Record<string, unknown> = {};
    for (const { name } of headers.parameters) {
      const value = parts.headers[name];
      if (value !== undefined) values[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const problem = validateGroup(headers.validate, values);
    if (problem) return { ok: false, problem };
  }

  if (op.requestBody) {
    const hasBody = parts.body.length > 0;
    const mediaType = baseMediaType(parts.headers["content-type"]);
    if (!hasBody && !op.requestBody.required) return done();
    const body = op.requestBody.mediaTypes.get(mediaType);
    if (!body) {
      return {
        ok: false,
        problem: { kind: "unsupported-media-type", expected: [...op.requestBody.mediaTypes.keys()] },
      };
    }
    const parsed = parseBody(mediaType, parts.body);
    if ("problem" in parsed) return { ok: false, problem: parsed.problem };
    const fields = parsed.value;
    let validate: ValidateFunction = body.validate;
    let declared = body.fields;
    if (body.discriminator) {
      const { propertyName, branches } = body.discriminator;
      const value = fields[propertyName];
      if (value === undefined || value === "") {
        return { ok: false, problem: { kind: "missing-parameter", name: propertyName } };
      }
      const branch = branches.find((b) => b.value === value);
      if (!branch) {
        const allowed = branches.map((b) => b.value);
        return { ok: false, problem: { kind: "unsupported-value", name: propertyName, allowed } };
      }
      validate = branch.validate;
      declared = branch.fields;
    }
    const undeclared = declared && Object.keys(fields).find((name) => !declared.has(name));
    if (undeclared !== undefined)
      return { ok: false, problem: { kind: "undeclared-parameter", name: undeclared } };
    const problem = validateGroup(validate, fields);
    if (problem) return { ok: false, problem };
    Object.assign(params, fields);
  }
  // An operation without a declared body ignores any body sent, as the providers' servers do.
  return done();
}

/** An API key the operation's security takes in the query (a credential, not a parameter). */
function isQueryKey(op: SpecOperation, name: string): boolean {
  return op.security.some((alternative) =>
    alternative.some(
      (scheme) => scheme.type === "apiKey" && scheme.in === "query" && scheme.parameter === name,
    ),
  );
}

function parseBody(
  mediaType: string,
  raw: Buffer,
): { value: Record<string, unknown> } | { problem: RequestProblem } {
  const text = raw.toString("utf8");
  if (mediaType === "application/x-www-form-urlencoded") {
    // One walk over the fields; a repeat is reported by the name that came first, as in the form's own order.
    const fields = new Map<string, string>();
    let repeated: Set<string> | undefined;
    for (const [name, field] of new URLSearchParams(text)) {
      if (!fields.has(name)) fields.set(name, field);
      else if (repeated) repeated.add(name);
      else repeated = new Set([name]);
    }
    const value: Record<string, unknown> = {};
    for (const [name, field] of fields) {
      if (repeated?.has(name)) return { problem: { kind: "repeated-parameter", name } };
      value[name] = field;
    }
    return { value };
  }
  if (mediaType === "application/json" || mediaType.endsWith("+json")) {
    try {
      const value: unknown = JSON.parse(text);
      if (isObject(value)) return { value };
    } catch {
      // reported below
    }
    return { problem: { kind: "malformed-body" } };
  }
  return { problem: { kind: "unsupported-media-type", expected: [mediaType] } };
}

/** Runs a schema over a flat object of parameters and turns the first relevant error into a problem. */
function validateGroup(
  validate: ValidateFunction,
  values: Record<string, unknown>,
): RequestProblem | undefined {
  if (validate(values)) return undefined;
  return problemFrom(validate.errors ?? []);
}

export function problemFrom(errors: ErrorObject[]): RequestProblem {
  const missing = errors.find((e) => e.keyword === "required");
  if (missing) return { kind: "missing-parameter", name: String(missing.params.missingProperty) };
  const enumError = errors.find((e) => e.keyword === "enum" && e.instancePath.split("/").length === 2);
  if (enumError) {
    const allowed = (enumError.params.allowedValues as unknown[]).map(String);
    return { kind: "unsupported-value", name: fieldOf(enumError), allowed };
  }
  const first = errors.find((e) => e.instancePath !== "") ?? errors[0];
  return {
    kind: "invalid-parameter",
    name: first ? fieldOf(first) : "(request)",
    reason: first?.message ?? "is invalid",
  };
}

function fieldOf(error: ErrorObject): string {
  return error.instancePath.split("/")[1]?.replace(/~1/g, "/").replace(/~0/g, "~") ?? "(request)";
}

/** RFC 6749 §2.3.1: base64 of `form-urlencoded(id):form-urlencoded(secret)`. */
export function decodeBasic(value: string): { clientId: string; clientSecret: string } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const text = Buffer.from(value, "base64").toString("utf8");
  const colon = text.indexOf(":");
  if (colon <= 0) return undefined;
  try {
    const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
    return {
      clientId: formDecode(text.slice(0, colon)),
      clientSecret: formDecode(text.slice(colon + 1)),
    };
  } catch {
    return undefined;
  }
}
