// Generated from specs/pinterest.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate pinterest`.
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
import { OauthApi } from "./api.gen.js";
import type { Configuration } from "./client.gen.js";
import { PinterestOAuthError } from "./errors.gen.js";
import type {
  OauthAccessTokenResponseClientCredentials,
  OauthAccessTokenResponseCode,
  OauthAccessTokenResponseRefresh,
  OauthTokenParams,
} from "./models.gen.js";

/** Where each TokenSet field is in a success body (the spec's `x-sdk-token`). */
export const tokenFields = {
  accessToken: "access_token",
  tokenType: "token_type",
  expiresIn: "expires_in",
  refreshToken: "refresh_token",
  refreshTokenExpiresIn: "refresh_token_expires_in",
  refreshTokenExpiresAt: "refresh_token_expires_at",
  scope: "scope",
  accessTokenLifetime: 2592000,
  refreshTokenLifetime: 5184000,
  scopeSeparator: " ",
} as const satisfies TokenFieldMap;

/** Provider error codes (a generic one with its status or message) meaning the refresh token is refused: the user must authorize again. */
export const refusedRefreshCodes = [{ code: 1, status: 400, message: "refresh.?token" }] as const;

/**
 * A token answer as a TokenSet. Pass `requestedAt` (when the request was sent) for an exact expiry, and
 * `previous` when renewing, to keep its refresh token if the answer brings none.
 */
export function toTokenSet(
  result:
    | OauthAccessTokenResponseClientCredentials
    | OauthAccessTokenResponseCode
    | OauthAccessTokenResponseRefresh,
  options?: ToTokenSetOptions,
): TokenSet {
  return tokenSetFromResult(result, tokenFields, options);
}

/** Options of createTokenManager: the API classes' `config`, the grant to renew with, and the manager's own. */
export type PinterestTokenManagerOptions = ProviderTokenManagerOptions<Configuration> &
  ({ grant?: "refresh_token"; scope?: string } | { grant: "client_credentials"; scope: string });

/** Each API class once per manager; the sender posts every renewal through the grant's method. */
function connectOauthToken(config: Configuration | undefined) {
  const api = new OauthApi(config);
  return (params: GrantParams, signal: AbortSignal) => api.oauthToken(params as OauthTokenParams, { signal });
}

/** The method that sends each grant the manager renews with, and the fields it takes. */
const tokenEndpoint: ProviderTokenTable<Configuration> = {
  provider: "pinterest",
  packageName: "@x/pinterest-oauth",
  errorClass: PinterestOAuthError,
  fields: tokenFields,
  refusedCodes: refusedRefreshCodes,
  grants: {
    refresh_token: {
      operation: "oauthToken",
      options: ["scope"],
      connect: connectOauthToken,
    },
    client_credentials: {
      operation: "oauthToken",
      options: ["scope"],
      connect: connectOauthToken,
    },
  },
};

/**
 * A TokenManager for this provider: it renews with `oauthToken` (refresh_token) or `oauthToken` (client_credentials).
 * Call `setTokenSet(toTokenSet(…))` after the code exchange; `getAccessToken()` before each API call.
 */
export function createTokenManager(options: PinterestTokenManagerOptions): TokenManager {
  return createProviderTokenManager(tokenEndpoint, options);
}

/**
 * The managers of many accounts: `get(key)` gives that account's TokenManager. At most `maxManagers` (default
 * 10,000) stay in memory, least recently used dropped first, never one with a refresh in flight.
 */
export function createTokenManagers(
  options: PinterestTokenManagerOptions & { key?: never; maxManagers?: number },
): TokenManagers {
  return createProviderTokenManagers(tokenEndpoint, options);
}

/** The spec's OAuth 2 authorization code flow. */
export const authorizationFlow = {
  authorizationUrl: "https://www.pinterest.com/oauth/",
  scopeSeparator: ",",
} as const satisfies AuthorizationFlow;

export interface AuthorizationUrlOptions extends AuthorizationUrlOptionsBase {
  client_id: string;
}

/** The URL that starts the authorization code flow, and the `state` to expect back with the code. */
export function authorizationUrl(options: AuthorizationUrlOptions): AuthorizationRequest {
  return authorizationUrlFromOptions(authorizationFlow, options);
}

/** What a successful redirect back brings: the code. */
export interface AuthorizationCallback {
  code: string;
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
  return parseCallbackWithFlow(authorizationFlow, "pinterest", callback, options, []);
}
