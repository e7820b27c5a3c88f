// Generated from specs/pinterest.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate pinterest`.
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
import { OauthApi } from "./api.gen.js";
import type { Configuration } from "./client.gen.js";
import type {
  OauthAccessTokenResponseClientCredentials,
  OauthAccessTokenResponseCode,
  OauthAccessTokenResponseRefresh,
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

/** Provider error codes meaning the refresh token is refused: the user must authorize again. */
export const refusedRefreshCodes = [1] as const;

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
export type PinterestTokenManagerOptions = TokenManagerOptions & {
  /** The API classes' configuration (baseUrl, fetch, …), passed to them as it is. */
  config?: Configuration;
  /** Lifetime of an access token whose answer gives no expiry, in ms (never "does not expire"). */
  defaultLifetimeMs?: number;
} & (
    | {
        grant?: "refresh_token";
        scope?: string;
      }
    | {
        grant: "client_credentials";
        scope: string;
      }
  );

/**
 * A TokenManager for this provider: it renews with `oauthToken` (refresh_token) or `oauthToken` (client_credentials).
 * Call `setTokenSet(toTokenSet(…))` after the code exchange; `getAccessToken()` before each API call.
 */
export function createTokenManager(options: PinterestTokenManagerOptions): TokenManager {
  const endpoint = { provider: "pinterest", fields: tokenFields, refusedCodes: refusedRefreshCodes };
  return new TokenManager(
    { ...endpoint, defaultLifetimeMs: options.defaultLifetimeMs, ...grantCall(options) },
    options,
  );
}

/** The method that renews the token set for the chosen grant. */
function grantCall(
  options: PinterestTokenManagerOptions,
): Pick<TokenEndpoint, "grant" | "operation" | "send"> {
  if (options.grant === "refresh_token" || options.grant === undefined) {
    const oauthApi = new OauthApi(options.config);
    return {
      grant: "refresh_token",
      operation: "oauthToken",
      send: (current, signal) =>
        oauthApi.oauthToken(
          {
            grant_type: "refresh_token",
            refresh_token: current?.refreshToken ?? "",
            ...(options.scope === undefined ? {} : { scope: options.scope }),
          },
          { signal },
        ),
    };
  }
  if (options.grant === "client_credentials") {
    const oauthApi = new OauthApi(options.config);
    return {
      grant: "client_credentials",
      operation: "oauthToken",
      send: (_current, signal) =>
        oauthApi.oauthToken({ grant_type: "client_credentials", scope: options.scope }, { signal }),
    };
  }
  throw new TypeError(`@x/pinterest-oauth has no ${String(options.grant)} grant`);
}

/** The spec's OAuth 2 authorization code flow. */
export const authorizationFlow = {
  authorizationUrl: "https://www.pinterest.com/oauth/",
  scopeSeparator: ",",
} as const satisfies AuthorizationFlow;

export interface AuthorizationUrlOptions {
  client_id: string;
  redirect_uri?: string;
  scopes?: readonly string[];
  /** Default: a random one; check it on the redirect back. */
  state?: string;
  extraParameters?: Record<string, string>;
}

/** The URL that starts the authorization code flow, and the `state` to expect back with the code. */
export function authorizationUrl(options: AuthorizationUrlOptions): { url: string; state: string } {
  return buildAuthorizationUrl(authorizationFlow, {
    clientId: options.client_id,
    redirectUri: options.redirect_uri,
    scopes: options.scopes,
    state: options.state,
    extraParameters: options.extraParameters,
  });
}
