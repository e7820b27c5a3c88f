// Generated from specs/criteo.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate criteo`.
export { OAuthApiError, type OAuthErrorKind, type RequestOptions } from "@x/oauth-core";
export { OAuthApi } from "./api.gen.js";
export { type Configuration, createCriteoClient, DEFAULT_BASE_URL, type CriteoClient } from "./client.gen.js";
export { CriteoOAuthError, type CriteoOAuthErrorBody } from "./errors.gen.js";
export type {
  AccessTokenModel,
  AccessTokenModelWithRefreshToken,
  AccessTokenRequest,
  AccessTokenRequestAuthorizationCode,
  AccessTokenRequestClientCredentials,
  AccessTokenRequestRefreshToken,
  GetTokenAuthorizationCodeParams,
  GetTokenClientCredentialsParams,
  GetTokenParams,
  GetTokenRefreshTokenParams,
  OAuthErrorModel,
} from "./models.gen.js";
export { operationTable } from "./operations.gen.js";
export type { components, operations, paths } from "./schema.gen.js";
