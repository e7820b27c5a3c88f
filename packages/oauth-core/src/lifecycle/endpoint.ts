// What the token manager and the refresh flow share: how a provider package obtains a new token set.
import type { TokenFieldMap, TokenSet } from "./token-set.js";

export type TokenGrant = "refresh_token" | "client_credentials";

/** How a provider package obtains a new token set; generated from its spec. */
export interface TokenEndpoint {
  provider: string;
  /** The SDK method that is called, for errors. */
  operation: string;
  grant: TokenGrant;
  /** Provider error codes meaning the refresh token is refused (expired, revoked, spent). */
  refusedCodes: readonly (string | number)[];
  /** Where the TokenSet fields are in the provider's answer. */
  fields: TokenFieldMap;
  /** Lifetime of an access token whose answer gives no expiry, in ms. */
  defaultLifetimeMs?: number | undefined;
  /** Sends the grant request; `current` is the token set being renewed (refresh grant). Resolves with the answer. */
  send(current: TokenSet | undefined, signal: AbortSignal): Promise<unknown>;
}
