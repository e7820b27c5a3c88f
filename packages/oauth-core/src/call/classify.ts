// Response classification: a success value that passed the operation's validator, or the provider's error.
import type { Fail, ProvidedError } from "./errors.js";
import type { inBodyError } from "./in-body.js";
import type { ErrorFieldPaths, OperationTableEntry } from "./operation-table.js";
import { own } from "./options.js";
import { valueAtPath } from "./path.js";
import { invalidAt } from "./validate.js";

const SNIPPET_LENGTH = 200;

/**
 * The success value of a response whose body was read as `text` (parsed here, once), checked against the result
 * shape of the request's `fields` (an overload's, else the operation's), or a call of `fail` with the kind and our
 * words; only what the server sent is scrubbed. `inBody` checks for an error inside a success body, where the spec has one.
 */
export function classify(
  entry: OperationTableEntry,
  response: Response,
  text: string,
  fields: Record<string, unknown>,
  scrub: (text: string) => string,
  fail: Fail,
  inBody?: typeof inBodyError,
): unknown {
  const { status, statusText, headers } = response;
  const { resultsBy } = entry;
  let json: unknown;
  // Parsed whatever the content type says: some providers send JSON as text/plain.
  try {
    json = JSON.parse(text);
  } catch {}
  // Built only for a failure: a success never scrubs anything, nor reads more headers.
  const contentType = () => scrub(headers.get("content-type") ?? "");
  const line = () => `HTTP ${status}${statusText ? ` ${scrub(statusText)}` : ""}`;
  // The provider's own code and message at the given paths.
  const provided = (paths: ErrorFieldPaths = {}): ProvidedError => {
    const code = valueAtPath(json, paths.code);
    const description = valueAtPath(json, paths.message);
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
  if (!entry.successStatuses.includes(status)) {
    const { errorFields } = entry;
    const error = provided(
      own(errorFields, `${status}`) ??
        own(errorFields, `${(status / 100) | 0}XX`) ??
        own(errorFields, "default"),
    );
    // The provider's own words when it gave any, else what the body shows.
    const said = [error.code, error.description].filter((part) => part !== undefined).join(" ");
    const shown = scrub(text).replace(/\s+/g, " ").trim();
    fail(
      "http",
      said
        ? `${line()}: ${said}`
        : `${line()} with ${shown ? `a ${json === undefined ? contentType() || "non-JSON" : "JSON"} body: ${shown.slice(0, SNIPPET_LENGTH)}${shown[SNIPPET_LENGTH] ? "…" : ""}` : "an empty body"}`,
      error,
    );
  }
  // Only a body that did not parse can be empty: a success reads no more of its text.
  if (json === undefined) {
    if (!text.trim()) fail("empty-body", `${line()} with an empty body`);
    fail(
      "invalid-json",
      `${line()} with a body that is not valid JSON (${text.length} characters${contentType() && `, ${contentType()}`})`,
    );
  }
  inBody?.(entry.errorInBody, json, provided, line(), fail);
  const shape = (resultsBy && own(resultsBy.shapes, fields[resultsBy.field] as string)) ?? entry.result;
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
