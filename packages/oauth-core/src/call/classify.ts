// Response classification: a success value that passed the operation's validator, or the provider's error.
import type { ErrorFieldPaths, Fail, OperationSpec, ProvidedError } from "./operation-table.js";
import { valueAtPath } from "./path.js";
import { invalidAt, type ResultShape } from "./validate.js";

const SNIPPET_LENGTH = 200;

/**
 * The success value of an answer (openapi-fetch's `data` text, or its parsed `error`), or a call of `fail` with the
 * kind and our words; only what the server sent is scrubbed.
 */
export function classify(
  operation: OperationSpec,
  response: Response,
  body: unknown,
  shape: ResultShape | undefined,
  scrub: (text: string) => string,
  fail: Fail,
): unknown {
  const { status, statusText, headers } = response;
  const text = typeof body === "string" ? body : (JSON.stringify(body) ?? "");
  let json: unknown;
  // Parsed whatever the content type says: some providers send JSON as text/plain.
  try {
    json = JSON.parse(text);
  } catch {}
  // Built only for a failure: a success never scrubs anything, nor reads more headers.
  const contentType = () => headers.get("content-type") ?? "";
  const line = () => `HTTP ${status}${statusText ? ` ${scrub(statusText)}` : ""}`;
  // The provider's own code and message at the given paths.
  const provided = (paths: ErrorFieldPaths | undefined): ProvidedError => {
    const code = valueAtPath(json, paths?.code ?? "");
    const description = valueAtPath(json, paths?.message ?? "");
    return {
      body: json,
      code: typeof code === "number" ? code : typeof code === "string" ? scrub(code) : undefined,
      description: typeof description === "string" && description ? scrub(description) : undefined,
    };
  };

  if ((status > 299 && status < 400) || response.type === "opaqueredirect") {
    const location = headers.get("location");
    fail(
      "redirect",
      `${line()} redirect${location === null ? "" : ` to ${scrub(origin(location, response.url))}`} not followed`,
    );
  }
  if (!operation.successStatuses.includes(status)) {
    const { errors = {} } = operation;
    const error = provided(errors[status] ?? errors[`${(status / 100) | 0}XX`] ?? errors.default);
    const { code, description } = error;
    const shown = scrub(text).replace(/\s+/g, " ").trim();
    fail(
      "http",
      code !== undefined || description !== undefined
        ? `${line()}: ${[code, description].filter((part) => part !== undefined).join(" ")}`
        : `${line()} with ${shown ? `a ${json === undefined ? contentType() || "non-JSON" : "JSON"} body: ${shown.length > SNIPPET_LENGTH ? `${shown.slice(0, SNIPPET_LENGTH)}…` : shown}` : "an empty body"}`,
      error,
    );
  }
  if (!text.trim()) fail("empty-body", `${line()} with an empty body`);
  if (json === undefined) {
    fail(
      "invalid-json",
      `${line()} with a body that is not valid JSON (${text.length} characters${contentType() && `, ${scrub(contentType())}`})`,
    );
  }
  const rule = operation.errorInBody;
  const code = rule && valueAtPath(json, rule.code);
  if (rule && code != null && !rule.successCodes.includes(code as string)) {
    const error = provided(rule);
    fail(
      "in-body",
      `error ${error.code} in an ${line()} body${error.description ? `: ${error.description}` : ""}`,
      error,
    );
  }
  const invalid = shape && invalidAt(json, shape);
  if (invalid !== undefined) {
    fail(
      "invalid-response",
      `${line()} with a body that is not the success model (${invalid ? `at ${invalid}` : "not an object"})`,
    );
  }
  return json;
}

/** The target's origin only: its path and query may carry anything. */
function origin(location: string, base: string): string {
  try {
    return new URL(location, base || undefined).origin;
  } catch {
    return "an invalid URL";
  }
}
