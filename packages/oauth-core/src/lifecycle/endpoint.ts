// What the token manager and the refresh flow share: how a provider package obtains a new token set.
import type { OAuthApiErrorClass } from "../call/errors.js";
import type { TokenFieldMap, TokenSet } from "./token-set.js";

export type TokenGrant = "refresh_token" | "client_credentials";

/**
 * A refusal of the refresh token for a code the provider also uses for other errors: it counts only with this status
 * and/or a description matching `message` (a regular expression, case-insensitive).
 */
export interface RefusalRule {
  code: string | number;
  status?: number;
  message?: string;
}

/** How a provider package obtains a new token set; generated from its spec. */
export interface TokenEndpoint {
  provider: string;
  /** The SDK method that is called, for errors. */
  operation: string;
  grant: TokenGrant;
  /** Provider error codes (or rules) meaning the refresh token is refused (expired, revoked, spent). */
  refusedCodes: readonly (string | number | RefusalRule)[];
  /** Where the TokenSet fields are in the provider's answer. */
  fields: TokenFieldMap;
  /** The package's error class, for an answer the manager cannot use. Default OAuthApiError. */
  errorClass?: OAuthApiErrorClass | undefined;
  /** Lifetime of an access token whose answer gives no expiry, in ms. */
  defaultLifetimeMs?: number | undefined;
  /** Sends the grant request; `current` is the token set being renewed (refresh grant). Resolves with the answer. */
  send(current: TokenSet | undefined, signal: AbortSignal): Promise<unknown>;
  /** The provider's clock (its last answer's `Date` header) minus the local one, in ms, once known. Optional. */
  clockSkewMs?(): number | undefined;
}
