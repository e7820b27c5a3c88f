// Generated from specs/douyin.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate douyin`.
import { OAuthApiError } from "@x/oauth-core";
import type { components } from "./schema.gen.js";

/** A parsed error body of @x/douyin-oauth: the error responses the spec declares, or a success body that reports an error. */
export type DouyinOAuthErrorBody =
  | components["schemas"]["ErrorResponse"]
  | components["schemas"]["InlineResponse200"]
  | components["schemas"]["InlineResponse2001"];

/**
 * Thrown by every method of @x/douyin-oauth: for a non-success HTTP status, an empty, non-JSON or invalid body, an error reported inside a success body, a
 * redirect, a body over the size cap, a timeout, an abort, or no response at all. Carries `kind`, `status`, `headers`,
 * `retryAfter`, `cause`, the parsed `body`, and the provider's own `code` and `description`. Its message never contains a
 * secret. `instanceof` holds for errors of both the ESM and the CJS build.
 */
export class DouyinOAuthError extends OAuthApiError<DouyinOAuthErrorBody> {
  static override errorName = "DouyinOAuthError";
}
