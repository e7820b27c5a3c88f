// Generated from specs/criteo.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate criteo`.
import {
  type TokenEndpoint,
  TokenManager,
  type TokenManagerOptions,
  type TokenFieldMap,
  type TokenSet,
  type ToTokenSetOptions,
  tokenSetFromResult,
} from "@x/oauth-core";
import { OAuthApi } from "./api.gen.js";
import type { Configuration } from "./client.gen.js";
import type { AccessTokenModel } from "./models.gen.js";

/** Where each TokenSet field is in a success body (the spec's `x-sdk-token`). */
export const tokenFields = {
  accessToken: "access_token",
  tokenType: "token_type",
  expiresIn: "expires_in",
  refreshToken: "refresh_token",
  accessTokenLifetime: 900,
  scopeSeparator: " ",
} as const satisfies TokenFieldMap;

/** Provider error codes meaning the refresh token is refused: the user must authorize again. */
export const refusedRefreshCodes = ["invalid_grant"] as const;

/**
 * A token answer as a TokenSet. Pass `requestedAt` (when the request was sent) for an exact expiry, and
 * `previous` when renewing, to keep its refresh token if the answer brings none.
 */
export function toTokenSet(result: AccessTokenModel, options?: ToTokenSetOptions): TokenSet {
  return tokenSetFromResult(result, tokenFields, options);
}

export interface CriteoCredentials {
  client_id: string;
  client_secret: string;
}

/** Options of createTokenManager: the API classes' `config`, the grant to renew with, and the manager's own. */
export type CriteoTokenManagerOptions = TokenManagerOptions & {
  /** The API classes' configuration (baseUrl, fetch, …), passed to them as it is. */
  config?: Configuration;
  /** The credentials, named as the package's methods name them. */
  credentials: CriteoCredentials;
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
 * A TokenManager for this provider: it renews with `getToken` (refresh_token) or `getToken` (client_credentials).
 * Call `setTokenSet(toTokenSet(…))` after the code exchange; `getAccessToken()` before each API call.
 */
export function createTokenManager(options: CriteoTokenManagerOptions): TokenManager {
  const endpoint = { provider: "criteo", fields: tokenFields, refusedCodes: refusedRefreshCodes };
  return new TokenManager(
    { ...endpoint, defaultLifetimeMs: options.defaultLifetimeMs, ...grantCall(options) },
    options,
  );
}

/** The method that renews the token set for the chosen grant. */
function grantCall(options: CriteoTokenManagerOptions): Pick<TokenEndpoint, "grant" | "operation" | "send"> {
  if (options.grant === "refresh_token" || options.grant === undefined) {
    const oAuthApi = new OAuthApi(options.config);
    return {
      grant: "refresh_token",
      operation: "getToken",
      send: (current, signal) =>
        oAuthApi.getToken(
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
    const oAuthApi = new OAuthApi(options.config);
    return {
      grant: "client_credentials",
      operation: "getToken",
      send: (_current, signal) =>
        oAuthApi.getToken(
          {
            grant_type: "client_credentials",
            client_id: options.credentials.client_id,
            client_secret: options.credentials.client_secret,
          },
          { signal },
        ),
    };
  }
  throw new TypeError(`@x/criteo-oauth has no ${String(options.grant)} grant`);
}
