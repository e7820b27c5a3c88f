// Generated from specs/douyin.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate douyin`.
export { OAuthApiError, type OAuthErrorKind, type RequestOptions } from "@x/oauth-core";
export { DefaultApi } from "./api.gen.js";
export { type Configuration, createDouyinClient, DEFAULT_BASE_URL, type DouyinClient } from "./client.gen.js";
export { DouyinOAuthError, type DouyinOAuthErrorBody } from "./errors.gen.js";
export type {
  AccessTokenSuccess,
  AccessTokenSuccessData,
  Description,
  ErrorCode,
  ErrorResponse,
  ErrorResponseData,
  ExpiresIn,
  Extra,
  InlineResponse200,
  InlineResponse2001,
  InlineResponse2001Data,
  InlineResponse200Data,
  OauthAccessTokenGetParams,
  OauthRefreshTokenGetParams,
  RefreshTokenSuccess,
  RefreshTokenSuccessData,
} from "./models.gen.js";
export { operationTable } from "./operations.gen.js";
export type { components, operations, paths } from "./schema.gen.js";
