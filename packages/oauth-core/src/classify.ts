// Response classification: a success value that passed the operation's validator, or a Failure.
import type { OperationSpec } from "./operation.js";
import { valueAtPath } from "./path.js";
import { type Exchange, type Failure, failure } from "./transport.js";
import { invalidAt, type ResultShape } from "./validate.js";

const SNIPPET_LENGTH = 200;

export function classify(
  operation: OperationSpec,
  { response, body }: Exchange,
  scrub: (text: string) => string,
  shape: ResultShape | undefined,
): { value: unknown } | Failure {
  const { status, statusText, headers } = response;
  const line = `HTTP ${status}${statusText ? ` ${scrub(statusText)}` : ""}`;
  const text = typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
  let isJson = typeof body !== "string";
  let json = body;
  // Parsed whatever the content type says: some providers send JSON as text/plain.
  if (!isJson) {
    try {
      json = JSON.parse(text);
      isJson = true;
    } catch {
      json = undefined;
    }
  }
  const contentType = headers.get("content-type");
  const fail = (kind: Failure["kind"], detail: string, more?: Partial<Failure>) =>
    failure(kind, status, response, line + detail, more);
  // The provider's own code and message at the given paths; only what the server sent is scrubbed.
  const provided = (paths: { code?: string; message?: string } | undefined) => {
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
    return fail(
      "redirect",
      ` redirect${location === null ? "" : ` to ${scrub(origin(location, response.url))}`} not followed`,
    );
  }
  if (!operation.successStatuses.includes(status)) {
    const { errors } = operation;
    const error = provided(errors[status] ?? errors[`${(status / 100) | 0}XX`] ?? errors.default);
    const { code, description } = error;
    const shown = scrub(text).replace(/\s+/g, " ").trim();
    return fail(
      "http",
      code !== undefined || description !== undefined
        ? `: ${[code, description].filter((part) => part !== undefined).join(" ")}`
        : shown
          ? ` with a ${isJson ? "JSON" : (contentType ?? "non-JSON")} body: ${shown.length > SNIPPET_LENGTH ? `${shown.slice(0, SNIPPET_LENGTH)}…` : shown}`
          : " with an empty body",
      error,
    );
  }
  if (!text.trim()) return fail("empty-body", " with an empty body");
  if (!isJson) {
    return fail(
      "invalid-json",
      ` with a body that is not valid JSON (${text.length} characters${contentType ? `, ${scrub(contentType)}` : ""})`,
    );
  }
  const rule = operation.errorInBody;
  const code = rule && valueAtPath(json, rule.code);
  if (rule && code != null && !rule.successCodes.includes(code as string)) {
    const error = provided(rule);
    return {
      ...fail("in-body", "", error),
      detail: `error ${error.code} in an ${line} body${error.description ? `: ${error.description}` : ""}`,
    };
  }
  const invalid = shape && invalidAt(json, shape);
  if (invalid !== undefined) {
    return fail(
      "invalid-response",
      ` with a body that is not the success model (${invalid ? `at ${invalid}` : "not an object"})`,
    );
  }
  return { value: json };
}

/** The target's origin only: its path and query may carry anything. */
function origin(location: string, base: string): string {
  try {
    return new URL(location, base || undefined).origin;
  } catch {
    return "an invalid URL";
  }
}
