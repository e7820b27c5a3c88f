// Generated from specs/criteo.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate criteo`.
import { OAuthApiError } from "@x/oauth-core";
import type { components } from "./schema.gen.js";

/** A parsed error body of @x/criteo-oauth: the error responses the spec declares. */
export type CriteoOAuthErrorBody = components["schemas"]["OAuthErrorModel"];

/**
 * Thrown by every method of @x/criteo-oauth: for a non-success HTTP status, an empty, non-JSON or invalid body, a
 * redirect, a body over the size cap, a timeout, an abort, or no response at all. Carries `kind`, `status`, `headers`,
 * `retryAfter`, `cause`, the parsed `body`, and the provider's own `code` and `description`. Its message never contains a
 * secret. `instanceof` holds for errors of both the ESM and the CJS build.
 */
export class CriteoOAuthError extends OAuthApiError<CriteoOAuthErrorBody> {
  static override errorName = "CriteoOAuthError";
}
