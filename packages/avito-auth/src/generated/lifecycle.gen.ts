// Generated from specs/avito.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate avito`.
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
import { AccessApi, ApplicationAccessApi } from "./api.gen.js";
import type { Configuration } from "./client.gen.js";
import type {
  GetAccessToken200Response,
  GetAccessTokenAuthorizationCode200Response,
  RefreshAccessTokenAuthorizationCode200Response,
} from "./models.gen.js";

/** Where each TokenSet field is in a success body (the spec's `x-sdk-token`). */
export const tokenFields = {
  accessToken: "access_token",
  tokenType: "token_type",
  expiresIn: "expires_in",
  refreshToken: "refresh_token",
  scope: "scope",
  accessTokenLifetime: 86400,
  scopeSeparator: ",",
} as const satisfies TokenFieldMap;

/** Provider error codes meaning the refresh token is refused: the user must authorize again. */
export const refusedRefreshCodes = ["invalid_grant"] as const;

/**
 * A token answer as a TokenSet. Pass `requestedAt` (when the request was sent) for an exact expiry, and
 * `previous` when renewing, to keep its refresh token if the answer brings none.
 */
export function toTokenSet(
  result:
    | GetAccessToken200Response
    | GetAccessTokenAuthorizationCode200Response
    | RefreshAccessTokenAuthorizationCode200Response,
  options?: ToTokenSetOptions,
): TokenSet {
  return tokenSetFromResult(result, tokenFields, options);
}

export interface AvitoCredentials {
  client_id: string;
  client_secret: string;
}

/** Options of createTokenManager: the API classes' `config`, the grant to renew with, and the manager's own. */
export type AvitoTokenManagerOptions = TokenManagerOptions & {
  /** The API classes' configuration (baseUrl, fetch, …), passed to them as it is. */
  config?: Configuration;
  /** The credentials, named as the package's methods name them. */
  credentials: AvitoCredentials;
  /** Lifetime of an access token whose answer gives no expiry, in ms (never "does not expire"). */
  defaultLifetimeMs?: number;
} & (
    | {
        grant?: "refresh_token";
      }
    | {
        grant: "client_credentials";
      }
  );

/**
 * A TokenManager for this provider: it renews with `refreshAccessTokenAuthorizationCode` (refresh_token) or `getAccessToken` (client_credentials).
 * Call `setTokenSet(toTokenSet(…))` after the code exchange; `getAccessToken()` before each API call.
 */
export function createTokenManager(options: AvitoTokenManagerOptions): TokenManager {
  const endpoint = { provider: "avito", fields: tokenFields, refusedCodes: refusedRefreshCodes };
  return new TokenManager(
    { ...endpoint, defaultLifetimeMs: options.defaultLifetimeMs, ...grantCall(options) },
    options,
  );
}

/** The method that renews the token set for the chosen grant. */
function grantCall(options: AvitoTokenManagerOptions): Pick<TokenEndpoint, "grant" | "operation" | "send"> {
  if (options.grant === "refresh_token" || options.grant === undefined) {
    const applicationAccessApi = new ApplicationAccessApi(options.config);
    return {
      grant: "refresh_token",
      operation: "refreshAccessTokenAuthorizationCode",
      send: (current, signal) =>
        applicationAccessApi.refreshAccessTokenAuthorizationCode(
          {
            grant_type: "refresh_token",
            refresh_token: current?.refreshToken ?? "",
            client_id: options.credentials.client_id,
            client_secret: options.credentials.client_secret,
          },
          { signal },
        ),
    };
  }
  if (options.grant === "client_credentials") {
    const accessApi = new AccessApi(options.config);
    return {
      grant: "client_credentials",
      operation: "getAccessToken",
      send: (_current, signal) =>
        accessApi.getAccessToken(
          {
            grant_type: "client_credentials",
            client_id: options.credentials.client_id,
            client_secret: options.credentials.client_secret,
          },
          { signal },
        ),
    };
  }
  throw new TypeError(`@x/avito-auth has no ${String(options.grant)} grant`);
}

/** The spec's OAuth 2 authorization code flow. */
export const authorizationFlow = {
  authorizationUrl: "https://avito.ru/oauth",
  scopeSeparator: ",",
  fixedParameters: { pro_users_flow: "true" },
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
