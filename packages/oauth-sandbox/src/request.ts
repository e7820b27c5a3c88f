// Checks one incoming request against its spec operation: security, media type, parameters and body.
import type { IncomingHttpHeaders } from "node:http";
import type { ErrorObject, ValidateFunction } from "ajv";
import { isObject } from "./schema.js";
import { baseMediaType, type RequestProblem, type SpecOperation } from "./spec.js";

export interface IncomingParts {
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Credentials =
  | { scheme: "basic"; clientId: string; clientSecret: string }
  | { scheme: "bearer"; token: string };

export interface CheckedRequest {
  /** query parameters and body fields, in the types the spec declares */
  params: Record<string, unknown>;
  credentials: Credentials | undefined;
}

export type CheckResult = { ok: true; request: CheckedRequest } | { ok: false; problem: RequestProblem };

export function checkRequest(op: SpecOperation, parts: IncomingParts): CheckResult {
  const security = checkSecurity(op, parts.headers);
  if ("problem" in security) return { ok: false, problem: security.problem };

  const params: Record<string, unknown> = {};
  const query = op.parameters.get("query");
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
    if (!hasBody && !op.requestBody.required) {
      return { ok: true, request: { params, credentials: security.credentials } };
    }
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
    }
    const problem = validateGroup(validate, fields);
    if (problem) return { ok: false, problem };
    Object.assign(params, fields);
  }
  // An operation without a declared body ignores any body sent, as the providers' servers do.
  return { ok: true, request: { params, credentials: security.credentials } };
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

function checkSecurity(
  op: SpecOperation,
  headers: IncomingHttpHeaders,
): { credentials: Credentials | undefined } | { problem: RequestProblem } {
  let firstProblem: RequestProblem | undefined;
  for (const alternative of op.security) {
    if (alternative.length === 0) return { credentials: readAnyCredentials(headers) };
    let credentials: Credentials | undefined;
    let problem: RequestProblem | undefined;
    for (const scheme of alternative) {
      const wanted = scheme.type === "http" ? (scheme.scheme ?? "") : "bearer";
      const result = readCredentials(headers.authorization, wanted);
      if ("problem" in result) {
        problem = result.problem;
        break;
      }
      credentials = result.credentials;
    }
    if (!problem) return { credentials };
    firstProblem ??= problem;
  }
  return { problem: firstProblem ?? { kind: "missing-credentials", scheme: "unknown" } };
}

/** Credentials sent although the operation needs none: passed on, never required. */
function readAnyCredentials(headers: IncomingHttpHeaders): Credentials | undefined {
  const basic = readCredentials(headers.authorization, "basic");
  return "credentials" in basic ? basic.credentials : undefined;
}

function readCredentials(
  header: string | undefined,
  scheme: string,
): { credentials: Credentials } | { problem: RequestProblem } {
  if (!header) return { problem: { kind: "missing-credentials", scheme } };
  const space = header.indexOf(" ");
  const given = (space === -1 ? header : header.slice(0, space)).toLowerCase();
  const value = space === -1 ? "" : header.slice(space + 1).trim();
  if (given !== scheme) return { problem: { kind: "missing-credentials", scheme } };
  if (scheme === "basic") {
    const decoded = decodeBasic(value);
    return decoded ? { credentials: decoded } : { problem: { kind: "malformed-credentials", scheme } };
  }
  if (scheme === "bearer" && value) return { credentials: { scheme: "bearer", token: value } };
  return { problem: { kind: "malformed-credentials", scheme } };
}

/** RFC 6749 §2.3.1: base64 of `form-urlencoded(id):form-urlencoded(secret)`. */
export function decodeBasic(value: string): Credentials | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const text = Buffer.from(value, "base64").toString("utf8");
  const colon = text.indexOf(":");
  if (colon <= 0) return undefined;
  try {
    const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
    return {
      scheme: "basic",
      clientId: formDecode(text.slice(0, colon)),
      clientSecret: formDecode(text.slice(colon + 1)),
    };
  } catch {
    return undefined;
  }
}
