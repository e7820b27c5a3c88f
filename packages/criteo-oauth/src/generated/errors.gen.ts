// Generated from specs/criteo.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate criteo`.
import { OAuthApiError } from "@x/oauth-core";
import type { components } from "./schema.gen.js";

/** A parsed error body of @x/criteo-oauth: the error responses the spec declares. */
export type CriteoOAuthErrorBody = components["schemas"]["OAuthErrorModel"];

/**
 * Thrown by every method of @x/criteo-oauth: for a non-success HTTP status, an empty or non-JSON body or no
 * response at all. Carries `status`, `kind`, the parsed `body`, and the provider's own `code` and `description`.
 * Its message never contains a secret.
 */
export class CriteoOAuthError extends OAuthApiError<CriteoOAuthErrorBody> {
  override name = "CriteoOAuthError";
}
