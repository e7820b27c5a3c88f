// Generated from specs/criteo.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate criteo`.
import type { components } from "./schema.gen.js";

/**
 * Token request, one form per grant type. Criteo requires the form content type, as OAuth 2 does.
 */
export type AccessTokenRequest = components["schemas"]["AccessTokenRequest"];

/**
 * An access token for the application itself.
 */
export type AccessTokenRequestClientCredentials =
  components["schemas"]["AccessTokenRequestClientCredentials"];

/**
 * Only for Authorization Code apps; exchanges the single-use code.
 */
export type AccessTokenRequestAuthorizationCode =
  components["schemas"]["AccessTokenRequestAuthorizationCode"];

/**
 * A new access token from the latest refresh token (it rotates).
 */
export type AccessTokenRequestRefreshToken = components["schemas"]["AccessTokenRequestRefreshToken"];

/**
 * Access Token to be used with other services. The access token lives 900 seconds (15 minutes); a
 * refresh_token, when present, replaces the stored one.
 */
export type AccessTokenModel = components["schemas"]["AccessTokenModel"];

/**
 * The answer to an authorization code or a refresh token, which always carries a refresh_token.
 */
export type AccessTokenModelWithRefreshToken = components["schemas"]["AccessTokenModelWithRefreshToken"];

/**
 * OAuth error (RFC 6749 §5.2). Criteo does not document the concrete `error` values.
 */
export type OAuthErrorModel = components["schemas"]["OAuthErrorModel"];

/**
 * Parameters of `OAuthApi.getToken` with `grant_type: "client_credentials"`, keyed like the original client's.
 */
export type GetTokenClientCredentialsParams = components["schemas"]["AccessTokenRequestClientCredentials"];

/**
 * Parameters of `OAuthApi.getToken` with `grant_type: "authorization_code"`, keyed like the original client's.
 */
export type GetTokenAuthorizationCodeParams = components["schemas"]["AccessTokenRequestAuthorizationCode"];

/**
 * Parameters of `OAuthApi.getToken` with `grant_type: "refresh_token"`, keyed like the original client's.
 */
export type GetTokenRefreshTokenParams = components["schemas"]["AccessTokenRequestRefreshToken"];

/**
 * Parameters of `OAuthApi.getToken`, keyed like the original client's. Any of its overloads' parameters.
 */
export type GetTokenParams =
  | GetTokenClientCredentialsParams
  | GetTokenAuthorizationCodeParams
  | GetTokenRefreshTokenParams;
