/**
 * What went wrong:
 * - "http": the provider answered with a status that is not a success (any body, or none);
 * - "in-body": a success status whose body reports an error (Douyin answers errors with HTTP 200);
 * - "empty-body": a success status with no body;
 * - "invalid-json": a success status whose body is not JSON (or is cut off);
 * - "invalid-response": a success status whose JSON is not the spec's success model (e.g. no access_token);
 * - "redirect": a 3xx answer; token requests never follow one, so nothing was sent to its target;
 * - "too-large": the body passed `maxResponseBytes`; reading stopped there;
 * - "timeout": `timeout` ran out before the last byte of the body arrived;
 * - "aborted": the caller's `signal` aborted the call (its reason is the `cause`);
 * - "network": no response at all (status 0), e.g. a refused or dropped connection.
 */
export type OAuthErrorKind =
  | "http"
  | "in-body"
  | "empty-body"
  | "invalid-json"
  | "invalid-response"
  | "redirect"
  | "too-large"
  | "timeout"
  | "aborted"
  | "network";

export interface OAuthApiErrorInit<TBody = unknown> {
  message: string;
  provider: string;
  operation: string;
  status: number;
  kind: OAuthErrorKind;
  body?: TBody | undefined;
  code?: string | number | undefined;
  description?: string | undefined;
  contentType?: string | undefined;
  headers?: Record<string, string> | undefined;
  retryAfter?: number | undefined;
  cause?: unknown;
}

// Shared by every copy of this module (the ESM and the CJS build), so `instanceof` holds across them.
const BRAND = Symbol.for("@x/oauth-core.OAuthApiError");

/** Base of every provider's error class. Its message never holds a secret. */
export class OAuthApiError<TBody = unknown> extends Error {
  /** The class's name, also the errors' `name`; each provider's subclass sets its own. */
  static errorName = "OAuthApiError";
  /** Provider id, e.g. "douyin". */
  declare readonly provider: string;
  /** The SDK method that failed, e.g. "oauthAccessTokenGet". */
  declare readonly operation: string;
  /** HTTP status; 200 for an error reported inside a success body; 0 when there was no response. */
  declare readonly status: number;
  declare readonly kind: OAuthErrorKind;
  /** The parsed JSON body, when the response had one (a secret of the request echoed in it reads "[redacted]"). */
  declare readonly body: TBody | undefined;
  /** The provider's own error code (e.g. "invalid_grant", 2100005). */
  declare readonly code: string | number | undefined;
  /** The provider's own error message (without the request's secrets). */
  declare readonly description: string | undefined;
  /** Content-Type of the response, when there was one. */
  declare readonly contentType: string | undefined;
  /** The response's headers (lower-case names, without set-cookie), when there was a response. */
  declare readonly headers: Record<string, string> | undefined;
  /** Seconds to wait, from the response's Retry-After, when it had one. */
  declare readonly retryAfter: number | undefined;

  constructor({ message, cause, ...fields }: OAuthApiErrorInit<TBody>) {
    super(message, { cause });
    Object.assign(this, { name: (new.target as typeof OAuthApiError).errorName }, fields);
  }

  /** Marks errors of this class in every copy of the module. */
  get [BRAND](): true {
    return true;
  }

  /** A brand check: an error from the other build (ESM or CJS) of the same class is an instance too. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: the class on the right of instanceof, not always OAuthApiError
    const { prototype, errorName } = this;
    return (
      // biome-ignore lint/suspicious/noPrototypeBuiltins: a class's prototype always inherits isPrototypeOf
      prototype.isPrototypeOf(value as object) ||
      (!!(value as { [BRAND]?: true } | undefined)?.[BRAND] &&
        // biome-ignore lint/complexity/noThisInStatic: the class on the right of instanceof
        (this === OAuthApiError || (value as Error).name === errorName))
    );
  }

  /** `JSON.stringify(error)` shows the message and name as well as the fields. */
  toJSON(): object {
    // message first: an own property that is not enumerable, so the spread leaves it out.
    return { message: this.message, ...(this as object) };
  }
}

/** A class that builds provider errors: OAuthApiError or a provider's subclass of it. */
export type OAuthApiErrorClass<TError extends OAuthApiError = OAuthApiError> = new (
  init: OAuthApiErrorInit<never>,
) => TError;

/** Throws the provider's error class: our words in `detail`, what the server sent already scrubbed in them. */
export type Fail = (kind: OAuthErrorKind, detail: string, provided?: ProvidedError, cause?: unknown) => never;

/** The provider's own error fields, from a parsed error body (already scrubbed). */
export interface ProvidedError {
  body?: unknown;
  code?: string | number | undefined;
  description?: string | undefined;
}
