// Generated from specs/criteo.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate criteo`.
import {
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
import { OAuthApi } from "./api.gen.js";
import type { Configuration } from "./client.gen.js";
import { CriteoOAuthError } from "./errors.gen.js";
import type { AccessTokenModel, AccessTokenModelWithRefreshToken, GetTokenParams } from "./models.gen.js";

/** Where each TokenSet field is in a success body (the spec's `x-sdk-token`). */
export const tokenFields = {
  accessToken: "access_token",
  tokenType: "token_type",
  expiresIn: "expires_in",
  refreshToken: "refresh_token",
  accessTokenLifetime: 900,
  scopeSeparator: " ",
} as const satisfies TokenFieldMap;

/** Provider error codes (a generic one with its status or message) meaning the refresh token is refused: the user must authorize again. */
export const refusedRefreshCodes = ["invalid_grant"] as const;

/**
 * A token answer as a TokenSet. Pass `requestedAt` (when the request was sent) for an exact expiry, and
 * `previous` when renewing, to keep its refresh token if the answer brings none.
 */
export function toTokenSet(
  result: AccessTokenModel | AccessTokenModelWithRefreshToken,
  options?: ToTokenSetOptions,
): TokenSet {
  return tokenSetFromResult(result, tokenFields, options);
}

export interface CriteoCredentials {
  client_id: string;
  client_secret: string;
}

/** Options of createTokenManager: the API classes' `config`, the grant to renew with, and the manager's own. */
export type CriteoTokenManagerOptions = ProviderTokenManagerOptions<Configuration> & {
  /** The credentials, named as the package's methods name them. */
  credentials: CriteoCredentials;
} & ({ grant?: "refresh_token" } | { grant: "client_credentials" });

/** Each API class once per manager; the sender posts every renewal through the grant's method. */
function connectGetToken(config: Configuration | undefined) {
  const api = new OAuthApi(config);
  return (params: GrantParams, signal: AbortSignal) => api.getToken(params as GetTokenParams, { signal });
}

/** The method that sends each grant the manager renews with, and the fields it takes. */
const tokenEndpoint: ProviderTokenTable<Configuration> = {
  provider: "criteo",
  packageName: "@x/criteo-oauth",
  errorClass: CriteoOAuthError,
  fields: tokenFields,
  refusedCodes: refusedRefreshCodes,
  grants: {
    refresh_token: {
      operation: "getToken",
      credentials: ["client_id", "client_secret"],
      connect: connectGetToken,
    },
    client_credentials: {
      operation: "getToken",
      credentials: ["client_id", "client_secret"],
      connect: connectGetToken,
    },
  },
};

/**
 * A TokenManager for this provider: it renews with `getToken` (refresh_token) or `getToken` (client_credentials).
 * Call `setTokenSet(toTokenSet(…))` after the code exchange; `getAccessToken()` before each API call.
 */
export function createTokenManager(options: CriteoTokenManagerOptions): TokenManager {
  return createProviderTokenManager(tokenEndpoint, options);
}

/**
 * The managers of many accounts: `get(key)` gives that account's TokenManager. At most `maxManagers` (default
 * 10,000) stay in memory, least recently used dropped first, never one with a refresh in flight.
 */
export function createTokenManagers(
  options: CriteoTokenManagerOptions & { key?: never; maxManagers?: number },
): TokenManagers {
  return createProviderTokenManagers(tokenEndpoint, options);
}
