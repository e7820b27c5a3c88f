// Generated from specs/douyin.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate douyin`.
import {
  type AuthorizationFlow,
  type AuthorizationRequest,
  type AuthorizationUrlOptionsBase,
  authorizationUrlFromOptions,
  type ParseCallbackOptions,
  parseCallbackWithFlow,
  createProviderTokenManager,
  createProviderTokenManagers,
  type GrantParams,
  type ProviderTokenManagerOptions,
  type ProviderTokenTable,
  type TokenFieldMap,
  type TokenManager,
  type TokenManagers,
  type TokenSet,
  type ToTokenSetOptions,
  tokenSetFromResult,
} from "@x/oauth-core";
import { DefaultApi } from "./api.gen.js";
import type { Configuration } from "./client.gen.js";
import { DouyinOAuthError } from "./errors.gen.js";
import type { AccessTokenSuccess, OauthRefreshTokenGetParams, RefreshTokenSuccess } from "./models.gen.js";

/** Where each TokenSet field is in a success body (the spec's `x-sdk-token`). */
export const tokenFields = {
  accessToken: "data.access_token",
  expiresIn: "data.expires_in",
  refreshToken: "data.refresh_token",
  scope: "data.scope",
  extra: ["data.open_id", "data.unionid"],
  accessTokenLifetime: 1296000,
  refreshTokenLifetime: 2592000,
  scopeSeparator: ",",
} as const satisfies TokenFieldMap;

/** Provider error codes (a generic one with its status or message) meaning the refresh token is refused: the user must authorize again. */
export const refusedRefreshCodes = [10010] as const;

/**
 * A token answer as a TokenSet. Pass `requestedAt` (when the request was sent) for an exact expiry, and
 * `previous` when renewing, to keep its refresh token if the answer brings none.
 */
export function toTokenSet(
  result: AccessTokenSuccess | RefreshTokenSuccess,
  options?: ToTokenSetOptions,
): TokenSet {
  return tokenSetFromResult(result, tokenFields, options);
}

export interface DouyinCredentials {
  client_key: string;
  client_secret?: string;
}

/** Options of createTokenManager: the API classes' `config`, the grant to renew with, and the manager's own. */
export type DouyinTokenManagerOptions = ProviderTokenManagerOptions<Configuration> & {
  /** The credentials, named as the package's methods name them. */
  credentials: DouyinCredentials;
} & { grant?: "refresh_token" };

/** Each API class once per manager; the sender posts every renewal through the grant's method. */
function connectOauthRefreshTokenGet(config: Configuration | undefined) {
  const api = new DefaultApi(config);
  return (params: GrantParams, signal: AbortSignal) =>
    api.oauthRefreshTokenGet(params as OauthRefreshTokenGetParams, { signal });
}

/** The method that sends each grant the manager renews with, and the fields it takes. */
const tokenEndpoint: ProviderTokenTable<Configuration> = {
  provider: "douyin",
  packageName: "@x/douyin-oauth",
  errorClass: DouyinOAuthError,
  fields: tokenFields,
  refusedCodes: refusedRefreshCodes,
  grants: {
    refresh_token: {
      operation: "oauthRefreshTokenGet",
      credentials: ["client_key"],
      connect: connectOauthRefreshTokenGet,
    },
  },
};

/**
 * A TokenManager for this provider: it renews with `oauthRefreshTokenGet` (refresh_token).
 * Call `setTokenSet(toTokenSet(…))` after the code exchange; `getAccessToken()` before each API call.
 */
export function createTokenManager(options: DouyinTokenManagerOptions): TokenManager {
  return createProviderTokenManager(tokenEndpoint, options);
}

/**
 * The managers of many accounts: `get(key)` gives that account's TokenManager. At most `maxManagers` (default
 * 10,000) stay in memory, least recently used dropped first, never one with a refresh in flight.
 */
export function createTokenManagers(
  options: DouyinTokenManagerOptions & { key?: never; maxManagers?: number },
): TokenManagers {
  return createProviderTokenManagers(tokenEndpoint, options);
}

/** The spec's OAuth 2 authorization code flow. */
export const authorizationFlow = {
  authorizationUrl: "https://open.snssdk.com/oauth/authorize/",
  parameterNames: { client_id: "client_key" },
  scopeSeparator: ",",
} as const satisfies AuthorizationFlow;

export interface AuthorizationUrlOptions extends AuthorizationUrlOptionsBase {
  client_key: string;
}

/** The URL that starts the authorization code flow, and the `state` to expect back with the code. */
export function authorizationUrl(options: AuthorizationUrlOptions): AuthorizationRequest {
  return authorizationUrlFromOptions(authorizationFlow, options);
}

/** What a successful redirect back brings: the code, and the provider's other fields when present. */
export interface AuthorizationCallback {
  code: string;
  scopes?: string;
}

/**
 * The code of the redirect back to your `redirect_uri` (a URL, a URL string or its query), after checking its
 * `state` against `expectedState` in constant time. Anything else (no or another state, `error=access_denied`,
 * another `error`, no code) throws AuthorizationCallbackError with its `reason`.
 */
export function parseCallback(
  callback: URL | string | URLSearchParams,
  options: ParseCallbackOptions,
): AuthorizationCallback {
  return parseCallbackWithFlow(authorizationFlow, "douyin", callback, options, ["scopes"]);
}
