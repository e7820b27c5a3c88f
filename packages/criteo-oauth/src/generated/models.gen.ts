// Generated from specs/criteo.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate criteo`.
import type { components, operations } from "./schema.gen.js";

/**
 * Access Token to be used with other services. The access token lives 900 seconds (15 minutes); a
 * refresh_token, when present, replaces the stored one.
 */
export type AccessTokenModel = components["schemas"]["AccessTokenModel"];

/**
 * OAuth error (RFC 6749 §5.2). Criteo does not document the concrete `error` values.
 */
export type OAuthErrorModel = components["schemas"]["OAuthErrorModel"];

/**
 * Parameters of `OAuthApi.getToken`, keyed like the original client's.
 */
export type GetTokenParams = NonNullable<
  operations["getToken"]["requestBody"]
>["content"]["application/x-www-form-urlencoded"];
