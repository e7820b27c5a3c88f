// Generated from specs/douyin.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate douyin`.
import {
  type AuthorizationFlow,
  buildAuthorizationUrl,
  type TokenEndpoint,
  TokenManager,
  type TokenManagerOptions,
  type TokenFieldMap,
  type TokenSet,
  type ToTokenSetOptions,
  tokenSetFromResult,
} from "@x/oauth-core";
import { DefaultApi } from "./api.gen.js";
import type { Configuration } from "./client.gen.js";
import type { AccessTokenSuccess, RefreshTokenSuccess } from "./models.gen.js";

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

/** Provider error codes meaning the refresh token is refused: the user must authorize again. */
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
export type DouyinTokenManagerOptions = TokenManagerOptions & {
  /** The API classes' configuration (baseUrl, fetch, …), passed to them as it is. */
  config?: Configuration;
  /** The credentials, named as the package's methods name them. */
  credentials: DouyinCredentials;
  /** Lifetime of an access token whose answer gives no expiry, in ms (never "does not expire"). */
  defaultLifetimeMs?: number;
} & {
  grant?: "refresh_token";
};

/**
 * A TokenManager for this provider: it renews with `oauthRefreshTokenGet` (refresh_token).
 * Call `setTokenSet(toTokenSet(…))` after the code exchange; `getAccessToken()` before each API call.
 */
export function createTokenManager(options: DouyinTokenManagerOptions): TokenManager {
  const endpoint = { provider: "douyin", fields: tokenFields, refusedCodes: refusedRefreshCodes };
  return new TokenManager(
    { ...endpoint, defaultLifetimeMs: options.defaultLifetimeMs, ...grantCall(options) },
    options,
  );
}

/** The method that renews the token set for the chosen grant. */
function grantCall(options: DouyinTokenManagerOptions): Pick<TokenEndpoint, "grant" | "operation" | "send"> {
  if (options.grant === "refresh_token" || options.grant === undefined) {
    const defaultApi = new DefaultApi(options.config);
    return {
      grant: "refresh_token",
      operation: "oauthRefreshTokenGet",
      send: (current, signal) =>
        defaultApi.oauthRefreshTokenGet(
          {
            grant_type: "refresh_token",
            refresh_token: current?.refreshToken ?? "",
            client_key: options.credentials.client_key,
          },
          { signal },
        ),
    };
  }
  throw new TypeError(`@x/douyin-oauth has no ${String(options.grant)} grant`);
}

/** The spec's OAuth 2 authorization code flow. */
export const authorizationFlow = {
  authorizationUrl: "https://open.snssdk.com/oauth/authorize/",
  parameterNames: { client_id: "client_key" },
  scopeSeparator: ",",
} as const satisfies AuthorizationFlow;

export interface AuthorizationUrlOptions {
  client_key: string;
  redirect_uri?: string;
  scopes?: readonly string[];
  /** Default: a random one; check it on the redirect back. */
  state?: string;
  extraParameters?: Record<string, string>;
}

/** The URL that starts the authorization code flow, and the `state` to expect back with the code. */
export function authorizationUrl(options: AuthorizationUrlOptions): { url: string; state: string } {
  return buildAuthorizationUrl(authorizationFlow, {
    clientId: options.client_key,
    redirectUri: options.redirect_uri,
    scopes: options.scopes,
    state: options.state,
    extraParameters: options.extraParameters,
  });
}
