// Response classification: a success value that passed the operation's validator, or a Failure.
import type { ErrorFieldPaths, OperationSpec } from "./operation.js";
import { valueAtPath } from "./path.js";
import type { Exchange, Failure } from "./transport.js";
import { invalidAt, type ResultShape } from "./validate.js";

const SNIPPET_LENGTH = 200;
const NOT_JSON = Symbol("not-json");

export function classify(
  operation: OperationSpec,
  { response, body }: Exchange,
  scrub: (text: string) => string,
  shape: ResultShape | undefined,
): { value: unknown } | Failure {
  const status = response.status;
  const statusLine = `HTTP ${status}${response.statusText ? ` ${scrub(response.statusText)}` : ""}`;
  const text = typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
  const parsed = typeof body === "string" ? parseJson(body) : body;
  const json = parsed === NOT_JSON ? undefined : parsed;
  const contentType = response.headers.get("content-type") ?? undefined;
  const fail = (failure: Omit<Failure, "status" | "response">): Failure => ({ status, response, ...failure });

  if ((status >= 300 && status < 400) || response.type === "opaqueredirect") {
    const location = response.headers.get("location");
    const target = location === null ? "" : ` to ${scrub(safeOrigin(location, response.url))}`;
    return fail({ kind: "redirect", detail: `${statusLine} redirect${target} not followed` });
  }
  if (!operation.successStatuses.includes(status)) {
    const paths = errorPaths(operation, status);
    const code = providerCode(valueAtPath(json, paths?.code ?? ""), scrub);
    const description = providerText(valueAtPath(json, paths?.message ?? ""), scrub);
    return fail({
      kind: "http",
      body: json,
      code,
      description,
      detail: `${statusLine}${describeErrorBody(scrub(text), parsed !== NOT_JSON, contentType, code, description)}`,
    });
  }
  if (text.trim() === "") return fail({ kind: "empty-body", detail: `${statusLine} with an empty body` });
  if (parsed === NOT_JSON) {
    return fail({
      kind: "invalid-json",
      detail: `${statusLine} with a body that is not valid JSON (${text.length} characters${contentType ? `, ${scrub(contentType)}` : ""})`,
    });
  }
  const rule = operation.errorInBody;
  const rawCode = rule && valueAtPath(parsed, rule.code);
  if (
    rule &&
    rawCode !== undefined &&
    rawCode !== null &&
    !rule.successCodes.includes(rawCode as string | number)
  ) {
    const code = providerCode(rawCode, scrub);
    const description = providerText(valueAtPath(parsed, rule.message ?? ""), scrub);
    return fail({
      kind: "in-body",
      body: parsed,
      code,
      description,
      detail: `error ${String(code)} in an ${statusLine} body${description ? `: ${description}` : ""}`,
    });
  }
  const invalid = shape && invalidAt(parsed, shape);
  if (invalid !== undefined) {
    return fail({
      kind: "invalid-response",
      detail: `${statusLine} with a body that is not the success model (${invalid === "" ? "not an object" : `at ${invalid}`})`,
    });
  }
  return { value: parsed };
}

/** The target's origin only: its path and query may carry anything. */
function safeOrigin(location: string, base: string): string {
  try {
    return new URL(location, base || undefined).origin;
  } catch {
    return "an invalid URL";
  }
}

function errorPaths(operation: OperationSpec, status: number): ErrorFieldPaths | undefined {
  const errors = operation.errors;
  return errors[status] ?? errors[`${Math.floor(status / 100)}XX`] ?? errors.default;
}

// Parsed whatever the content type says: some providers send JSON as text/plain.
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function providerCode(value: unknown, scrub: (text: string) => string): string | number | undefined {
  return typeof value === "string" ? scrub(value) : typeof value === "number" ? value : undefined;
}

function providerText(value: unknown, scrub: (text: string) => string): string | undefined {
  return typeof value === "string" && value !== "" ? scrub(value) : undefined;
}

function describeErrorBody(
  text: string,
  isJson: boolean,
  contentType: string | undefined,
  code: string | number | undefined,
  description: string | undefined,
): string {
  if (code !== undefined || description !== undefined) {
    return `: ${[code, description].filter((part) => part !== undefined).join(" ")}`;
  }
  if (text.trim() === "") return " with an empty body";
  const snippet = text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
  const what = isJson ? "JSON body" : `${contentType ?? "non-JSON"} body`;
  return ` with a ${what}: ${snippet.replace(/\s+/g, " ").trim()}`;
}
