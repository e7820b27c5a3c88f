// Generated from specs/pinterest.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate pinterest`.
import type { components } from "./schema.gen.js";

/**
 * Form body, discriminated by `grant_type` (authorization_code, refresh_token; client_credentials since API
 * 5.14). The original declares it as an object with a `grant_type` enum and a discriminator to the three
 * variants below.
 */
export type OauthAccessTokenRequest = components["schemas"]["OauthAccessTokenRequest"];

/**
 * Exchange an authorization code for tokens. (API 5.15–5.18 also had an optional `continuous_refresh`
 * boolean asking for a continuous rather than a legacy 1-year refresh token; it is not part of this 5.10
 * surface, and apps created on or after 2025-09-25 get continuous refresh tokens without it.)
 */
export type OauthAccessTokenRequestCode = components["schemas"]["OauthAccessTokenRequestCode"];

/**
 * Get a new access token with a refresh token.
 */
export type OauthAccessTokenRequestRefresh = components["schemas"]["OauthAccessTokenRequestRefresh"];

/**
 * Get an app token without a user (API 5.14+; Pinterest's docs warned it was "not fully available" and would
 * likely give a default error).
 */
export type OauthAccessTokenRequestClientCredentials =
  components["schemas"]["OauthAccessTokenRequestClientCredentials"];

/**
 * A successful OAuth access token response.
 */
export type OauthAccessTokenResponse = components["schemas"]["OauthAccessTokenResponse"];

/**
 * OAuth access token response for the authorization code flow.
 */
export type OauthAccessTokenResponseCode = components["schemas"]["OauthAccessTokenResponseCode"];

/**
 * OAuth access token response for the refresh token flow. API 5.10 declares no fields beyond the base;
 * with continuous refresh (the default now) every refresh also returns a new refresh token, which replaces
 * the old one (API 5.23 declares `refresh_token`, `refresh_token_expires_in`, `refresh_token_expires_at`).
 * They are optional here because a 5.10 answer had none.
 */
export type OauthAccessTokenResponseRefresh = components["schemas"]["OauthAccessTokenResponseRefresh"];

/**
 * OAuth access token response for the refresh token flow, with an added refresh token.
 */
export type OauthAccessTokenResponseIntegrationRefresh =
  components["schemas"]["OauthAccessTokenResponseIntegrationRefresh"];

/**
 * OAuth access token response for the client credentials flow (API 5.14+). No refresh token.
 */
export type OauthAccessTokenResponseClientCredentials =
  components["schemas"]["OauthAccessTokenResponseClientCredentials"];

/**
 * Pinterest's error body, for every non-2xx answer.
 */
export type Error = components["schemas"]["Error"];

/**
 * Parameters of `OauthApi.oauthToken` with `grant_type: "authorization_code"`, keyed like the original client's.
 */
export type OauthTokenAuthorizationCodeParams = components["schemas"]["OauthAccessTokenRequestCode"];

/**
 * Parameters of `OauthApi.oauthToken` with `grant_type: "refresh_token"`, keyed like the original client's.
 */
export type OauthTokenRefreshTokenParams = components["schemas"]["OauthAccessTokenRequestRefresh"];

/**
 * Parameters of `OauthApi.oauthToken` with `grant_type: "client_credentials"`, keyed like the original client's.
 */
export type OauthTokenClientCredentialsParams =
  components["schemas"]["OauthAccessTokenRequestClientCredentials"];

/**
 * Parameters of `OauthApi.oauthToken`, keyed like the original client's. Any of its overloads' parameters.
 */
export type OauthTokenParams =
  | OauthTokenAuthorizationCodeParams
  | OauthTokenRefreshTokenParams
  | OauthTokenClientCredentialsParams;
