/**
 * What went wrong:
 * - "http": the provider answered with a status that is not a success (any body, or none);
 * - "in-body": a success status whose body reports an error (Douyin answers errors with HTTP 200);
 * - "empty-body": a success status with no body;
 * - "invalid-json": a success status whose body is not JSON (or is cut off);
 * - "network": no response at all (status 0).
 */
export type OAuthErrorKind = "http" | "in-body" | "empty-body" | "invalid-json" | "network";

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
}

/** Base of every provider's error class. Its message never holds a secret. */
export class OAuthApiError<TBody = unknown> extends Error {
  override name = "OAuthApiError";
  /** Provider id, e.g. "douyin". */
  readonly provider: string;
  /** The SDK method that failed, e.g. "oauthAccessTokenGet". */
  readonly operation: string;
  /** HTTP status; 200 for an error reported inside a success body; 0 when there was no response. */
  readonly status: number;
  readonly kind: OAuthErrorKind;
  /** The parsed JSON body, when the response had one (a secret of the request echoed in it reads "[redacted]"). */
  readonly body: TBody | undefined;
  /** The provider's own error code (e.g. "invalid_grant", 2100005). */
  readonly code: string | number | undefined;
  /** The provider's own error message (without the request's secrets). */
  readonly description: string | undefined;
  /** Content-Type of the response, when there was one. */
  readonly contentType: string | undefined;

  constructor(init: OAuthApiErrorInit<TBody>) {
    super(init.message);
    this.provider = init.provider;
    this.operation = init.operation;
    this.status = init.status;
    this.kind = init.kind;
    this.body = init.body;
    this.code = init.code;
    this.description = init.description;
    this.contentType = init.contentType;
  }
}

/** A class that builds provider errors: OAuthApiError or a provider's subclass of it. */
export type OAuthApiErrorClass<TError extends OAuthApiError = OAuthApiError> = new (
  init: OAuthApiErrorInit<never>,
) => TError;
