// Generated from specs/douyin.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate douyin`.
import type { WithDefaults } from "@x/oauth-core";
import type { components, operations } from "./schema.gen.js";

/**
 * 错误码 (error code). `0` means success. An empty model in the original (a primitive alias); the platform
 * sends an int64, sometimes as a string (`"0"`), so both are accepted. Codes seen: 10002 参数错误 (parameter
 * error), 10003 client_key不存在 (client_key does not exist), 10005 缺少参数 (missing parameter), 10008 /
 * 2190008 access_token过期 (access_token expired), 10010 refresh_token过期 (refresh_token expired), 10013
 * client_key或client_secret错误 (wrong client_key or client_secret), 2100005 参数错误 (parameter error),
 * 28001007 参数不合法 (invalid parameter), 29002002 ClientKey无效 (invalid ClientKey).
 */
export type ErrorCode = number | string;

/**
 * 错误码描述 (description of the error code). Empty on success. An empty model (a primitive alias) in the original.
 */
export type Description = string;

/**
 * Lifetime in seconds. Typed `string` in the original spec; the platform sends a number (`1296000`) or a
 * numeric string (`"86400"`), so both are accepted.
 */
export type ExpiresIn = number | string;

/**
 * Request metadata the platform adds at the top level, mostly on errors. Not in the original models.
 */
export type Extra = components["schemas"]["Extra"];

/**
 * Response of `GET /oauth/access_token/`. Also the shape of errors, which arrive with HTTP 200 and a non-zero
 * `data.error_code`; a success is also an `AccessTokenSuccess`, what the method resolves to.
 */
export type InlineResponse200 = components["schemas"]["InlineResponse200"];

/**
 * Token data of `GET /oauth/access_token/`, or `error_code` + `description` on failure.
 */
export type InlineResponse200Data = components["schemas"]["InlineResponse200Data"];

/**
 * Response of `GET /oauth/refresh_token/`. Also the shape of errors, which arrive with HTTP 200 and a non-zero
 * `data.error_code`; a success is also a `RefreshTokenSuccess`, what the method resolves to.
 */
export type InlineResponse2001 = components["schemas"]["InlineResponse2001"];

/**
 * Token data of `GET /oauth/refresh_token/`, or `error_code` + `description` on failure.
 */
export type InlineResponse2001Data = components["schemas"]["InlineResponse2001Data"];

/**
 * A successful `GET /oauth/access_token/` answer (`data.error_code` absent or 0): `InlineResponse200` with the
 * token fields Douyin always sends required. What `oauthAccessTokenGet` resolves to; not a model of the
 * original, which returned `InlineResponse200`.
 */
export type AccessTokenSuccess = components["schemas"]["AccessTokenSuccess"];

/**
 * Token data of a successful `GET /oauth/access_token/`.
 */
export type AccessTokenSuccessData = components["schemas"]["AccessTokenSuccessData"];

/**
 * A successful `GET /oauth/refresh_token/` answer (`data.error_code` absent or 0): `InlineResponse2001` with
 * the token fields Douyin always sends required. What `oauthRefreshTokenGet` resolves to; not a model of the
 * original, which returned `InlineResponse2001`.
 */
export type RefreshTokenSuccess = components["schemas"]["RefreshTokenSuccess"];

/**
 * Token data of a successful `GET /oauth/refresh_token/`.
 */
export type RefreshTokenSuccessData = components["schemas"]["RefreshTokenSuccessData"];

/**
 * The platform's error envelope: `data.error_code` (non-zero) and `data.description`, with an optional
 * top-level `extra`. The same shape arrives inside HTTP 200 responses. Not a model of the original.
 */
export type ErrorResponse = components["schemas"]["ErrorResponse"];

/**
 * Error code and its description.
 */
export type ErrorResponseData = components["schemas"]["ErrorResponseData"];

/**
 * Parameters of `DefaultApi.oauthAccessTokenGet`, keyed like the original client's. Filled in when left out: `grant_type` = `"authorization_code"`.
 */
export type OauthAccessTokenGetParams = WithDefaults<
  NonNullable<NonNullable<operations["oauthAccessTokenGet"]["parameters"]>["query"]>,
  "grant_type"
>;

/**
 * Parameters of `DefaultApi.oauthRefreshTokenGet`, keyed like the original client's. Filled in when left out: `grant_type` = `"refresh_token"`.
 */
export type OauthRefreshTokenGetParams = WithDefaults<
  NonNullable<NonNullable<operations["oauthRefreshTokenGet"]["parameters"]>["query"]>,
  "grant_type"
>;
