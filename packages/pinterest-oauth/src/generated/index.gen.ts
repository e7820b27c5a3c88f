// Generated from specs/pinterest.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate pinterest`.
export { OAuthApiError, type OAuthErrorKind, type RequestOptions } from "@x/oauth-core";
export { OauthApi } from "./api.gen.js";
export {
  type Configuration,
  createPinterestClient,
  DEFAULT_BASE_URL,
  type PinterestClient,
} from "./client.gen.js";
export { PinterestOAuthError, type PinterestOAuthErrorBody } from "./errors.gen.js";
export type {
  Error,
  OauthAccessTokenRequest,
  OauthAccessTokenRequestClientCredentials,
  OauthAccessTokenRequestCode,
  OauthAccessTokenRequestRefresh,
  OauthAccessTokenResponse,
  OauthAccessTokenResponseClientCredentials,
  OauthAccessTokenResponseCode,
  OauthAccessTokenResponseIntegrationRefresh,
  OauthAccessTokenResponseRefresh,
  OauthTokenAuthorizationCodeParams,
  OauthTokenClientCredentialsParams,
  OauthTokenParams,
  OauthTokenRefreshTokenParams,
} from "./models.gen.js";
export { operationTable } from "./operations.gen.js";
export type { components, operations, paths } from "./schema.gen.js";
