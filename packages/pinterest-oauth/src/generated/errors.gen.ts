// Generated from specs/pinterest.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate pinterest`.
import { OAuthApiError } from "@x/oauth-core";
import type { components } from "./schema.gen.js";

/** A parsed error body of @x/pinterest-oauth: the error responses the spec declares. */
export type PinterestOAuthErrorBody = components["schemas"]["Error"];

/**
 * Thrown by every method of @x/pinterest-oauth: for a non-success HTTP status, an empty, non-JSON or invalid body, a
 * redirect, a body over the size cap, a timeout, an abort, or no response at all. Carries `kind`, `status`, `headers`,
 * `retryAfter`, `cause`, the parsed `body`, and the provider's own `code` and `description`. Its message never contains a
 * secret. `instanceof` holds for errors of both the ESM and the CJS build.
 */
export class PinterestOAuthError extends OAuthApiError<PinterestOAuthErrorBody> {
  static override errorName = "PinterestOAuthError";
}
