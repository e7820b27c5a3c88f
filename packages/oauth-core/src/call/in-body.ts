// Errors reported inside a success body (Douyin answers errors with HTTP 200): a part of the call only the API
// classes of specs that have such a rule bundle.
import type { Fail, ProvidedError } from "./errors.js";
import type { ErrorFieldPaths, ErrorInBodyRule } from "./operation-table.js";
import { valueAtPath } from "./path.js";

/**
 * Fails with kind "in-body" when the parsed success body has the rule's code and it is none of its success codes.
 * `provided` reads the provider's own code and message, `line` gives the response's status line (scrubbed,
 * so only made for a failure).
 */
export function inBodyError(
  rule: ErrorInBodyRule | undefined,
  json: unknown,
  provided: (paths: ErrorFieldPaths) => ProvidedError,
  line: () => string,
  fail: Fail,
): void {
  if (!rule) return;
  const code = valueAtPath(json, rule.code);
  if (code != null && !rule.successCodes.includes(code as string)) {
    const error = provided(rule);
    fail(
      "in-body",
      `error ${error.code} in an ${line()} body${error.description ? `: ${error.description}` : ""}`,
      error,
    );
  }
}
