// Generated from specs/avito.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate avito`.
export { OAuthApiError, type OAuthErrorKind, type RequestOptions } from "@x/oauth-core";
export { AccessApi, ApplicationAccessApi } from "./api.gen.js";
export { type Configuration, createAvitoClient, DEFAULT_BASE_URL, type AvitoClient } from "./client.gen.js";
export { AvitoAuthError, type AvitoAuthErrorBody } from "./errors.gen.js";
export type {
  GetAccessToken200Response,
  GetAccessTokenAuthorizationCode200Response,
  GetAccessTokenAuthorizationCodeParams,
  GetAccessTokenParams,
  GetTokenOAuthRequest,
  GetTokenRequest,
  OAuthError,
  RefreshAccessTokenAuthorizationCode200Response,
  RefreshAccessTokenAuthorizationCodeParams,
  RefreshRequest,
} from "./models.gen.js";
export { operationTable } from "./operations.gen.js";
export type { components, operations, paths } from "./schema.gen.js";
