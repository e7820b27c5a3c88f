// The redirect back from the authorize page (RFC 6749 §4.1.2): the code, or the provider's refusal, and the state
// the app sent, compared in constant time so a forged callback learns nothing from how long the check took.
import type { AuthorizationFlow } from "./url.js";
import { scrubValues } from "../call/redact.js";

/**
 * Why a callback was refused: "state-missing" / "state-mismatch" (not the redirect the app started: never use its
 * code), "access-denied" (the user said no), "provider-error" (any other `error`), "code-missing".
 */
export type AuthorizationCallbackReason =
  | "state-missing"
  | "state-mismatch"
  | "access-denied"
  | "provider-error"
  | "code-missing";

// Pure, and set in the constructor rather than as a computed member: a bundle that never uses the class drops it.
const BRAND = /* @__PURE__ */ Symbol.for("@x/oauth-core.AuthorizationCallbackError");
/** The longest provider description kept: the rest is an attacker's to write, as it comes in the URL. */
const MAX_DESCRIPTION = 200;

/** A callback that brings no usable code. Its message and fields never hold the code or the state. */
export class AuthorizationCallbackError extends Error {
  override name = "AuthorizationCallbackError";
  readonly reason: AuthorizationCallbackReason;
  /** The provider's `error` (e.g. "access_denied"), when the callback had one. */
  readonly error: string | undefined;
  /** The provider's `error_description`, without control characters, the code or the state, cut at 200. */
  readonly description: string | undefined;

  constructor(init: {
    reason: AuthorizationCallbackReason;
    error?: string;
    description?: string;
    provider: string;
  }) {
    super(`${init.provider} authorization callback refused: ${messageOf(init)}`);
    this.reason = init.reason;
    this.error = init.error;
    this.description = init.description;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A brand check: an error of the other build (ESM or CJS) is an instance too. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return !!(value as { [BRAND]?: true } | undefined)?.[BRAND];
  }
}

function messageOf(init: {
  reason: AuthorizationCallbackReason;
  error?: string;
  description?: string;
}): string {
  switch (init.reason) {
    case "state-missing":
      return "no state in the callback (not a redirect this app started)";
    case "state-mismatch":
      return "the state is not the one sent (not a redirect this app started)";
    case "code-missing":
      return "no code in the callback";
    default:
      return `${init.error}${init.description ? `: ${init.description}` : ""}`;
  }
}

export interface ParseCallbackOptions {
  /** The `state` authorizationUrl returned for this user's request. */
  expectedState: string;
}

/**
 * The code of a callback URL (a `URL`, a full URL string, or the query string), with the provider's extra callback
 * fields present in it; an AuthorizationCallbackError for anything else. The state is checked first: the error or
 * code of a redirect the app did not start is never believed.
 */
export function parseCallbackWithFlow(
  flow: AuthorizationFlow,
  provider: string,
  callback: URL | string | URLSearchParams,
  options: ParseCallbackOptions,
  extraFields: readonly string[] = [],
): { code: string } & Record<string, string> {
  if (typeof options?.expectedState !== "string" || options.expectedState === "")
    throw new TypeError("expectedState is required: the state authorizationUrl returned");
  const query = queryOf(callback);
  const state = query.get(flow.parameterNames?.state ?? "state");
  const code = query.get("code");
  const fail = (reason: AuthorizationCallbackReason, error?: string, description?: string): never => {
    throw new AuthorizationCallbackError({
      reason,
      provider,
      ...(error === undefined ? {} : { error: clean(error, [code, state]) }),
      ...(description === undefined ? {} : { description: clean(description, [code, state]) }),
    });
  };
  if (state === null || state === "") return fail("state-missing");
  if (!sameText(state, options.expectedState)) return fail("state-mismatch");
  const error = query.get("error");
  if (error !== null) {
    const description = query.get("error_description") ?? undefined;
    return fail(error === "access_denied" ? "access-denied" : "provider-error", error, description);
  }
  if (code === null || code === "") return fail("code-missing");
  const result: { code: string } & Record<string, string> = { code };
  for (const field of extraFields) {
    const value = query.get(field);
    if (value !== null) result[field] = value;
  }
  return result;
}

function queryOf(callback: URL | string | URLSearchParams): URLSearchParams {
  if (callback instanceof URLSearchParams) return callback;
  if (callback instanceof URL) return callback.searchParams;
  if (typeof callback !== "string")
    throw new TypeError("callback must be a URL, a URL string or a query string");
  if (/^[a-z][a-z0-9+.-]*:/i.test(callback)) return new URL(callback).searchParams;
  const mark = callback.indexOf("?");
  return new URLSearchParams(mark === -1 ? callback : callback.slice(mark + 1));
}

/** Text from the URL made safe to show: no control characters, no code or state, at most 200 characters. */
function clean(text: string, secrets: (string | null)[]): string {
  const scrubbed = scrubValues(
    text,
    secrets.map((s) => s ?? undefined),
  );
  const plain = Array.from(scrubbed, (char) => (char < " " || char === "\u007f" ? " " : char)).join("");
  return plain.length > MAX_DESCRIPTION ? `${plain.slice(0, MAX_DESCRIPTION)}…` : plain;
}

/** Compares two strings in time that depends on their lengths only, not on where they first differ. */
export function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a.charCodeAt(i % (a.length || 1)) || 0) ^ b.charCodeAt(i);
  return difference === 0;
}
