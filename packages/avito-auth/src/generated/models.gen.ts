// Generated from specs/avito.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate avito`.
import type { WithDefaults } from "@x/oauth-core";
import type { components } from "./schema.gen.js";

/**
 * Form body of the `client_credentials` grant (method `getAccessToken`).
 */
export type GetTokenRequest = components["schemas"]["GetTokenRequest"];

/**
 * Form body of the `authorization_code` grant (method `getAccessTokenAuthorizationCode`).
 */
export type GetTokenOAuthRequest = components["schemas"]["GetTokenOAuthRequest"];

/**
 * Form body of the `refresh_token` grant (method `refreshAccessTokenAuthorizationCode`). The refresh_token is
 * rotated: use the one from the latest token response.
 */
export type RefreshRequest = components["schemas"]["RefreshRequest"];

/**
 * Token of the `client_credentials` grant. Lives 24 hours; there is no refresh_token, ask again.
 */
export type GetAccessToken200Response = components["schemas"]["GetAccessToken200Response"];

/**
 * Tokens of the `authorization_code` grant. The access_token lives 24 hours.
 */
export type GetAccessTokenAuthorizationCode200Response =
  components["schemas"]["GetAccessTokenAuthorizationCode200Response"];

/**
 * Tokens of the `refresh_token` grant: a new access_token (24 hours) and a new refresh_token. Обновите оба
 * значения (update both values): the previous refresh_token must not be used again.
 */
export type RefreshAccessTokenAuthorizationCode200Response =
  components["schemas"]["RefreshAccessTokenAuthorizationCode200Response"];

/**
 * Error body declared after RFC 6749 §5.2, because Avito does not document its token errors (the original
 * spec declares only the 200 response). Not a model of the original.
 */
export type OAuthError = components["schemas"]["OAuthError"];

/**
 * Parameters of `AccessApi.getAccessToken`, keyed like the original client's. Filled in when left out: `grant_type` = `"client_credentials"`.
 */
export type GetAccessTokenParams = WithDefaults<components["schemas"]["GetTokenRequest"], "grant_type">;

/**
 * Parameters of `ApplicationAccessApi.getAccessTokenAuthorizationCode`, keyed like the original client's. Filled in when left out: `grant_type` = `"authorization_code"`.
 */
export type GetAccessTokenAuthorizationCodeParams = WithDefaults<
  components["schemas"]["GetTokenOAuthRequest"],
  "grant_type"
>;

/**
 * Parameters of `ApplicationAccessApi.refreshAccessTokenAuthorizationCode`, keyed like the original client's. Filled in when left out: `grant_type` = `"refresh_token"`.
 */
export type RefreshAccessTokenAuthorizationCodeParams = WithDefaults<
  components["schemas"]["RefreshRequest"],
  "grant_type"
>;
