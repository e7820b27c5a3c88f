import { valueAtPath } from "../call/path.js";

/** One provider answer, normalised: what a caller needs to use and renew an access token. */
export interface TokenSet {
  accessToken: string;
  /** As the provider spells it, e.g. "Bearer" or "bearer". */
  tokenType: string;
  /** When the access token expires, epoch milliseconds (counted from when the request was sent). */
  expiresAt: number;
  refreshToken?: string;
  /** When the refresh token expires, epoch milliseconds, when the provider says (or its spec documents a lifetime). */
  refreshTokenExpiresAt?: number;
  /** Granted scopes, split by the provider's separator. */
  scopes: string[];
  /** Provider fields the spec lists, e.g. Douyin's `open_id`. */
  extra: Record<string, unknown>;
  /** The provider's answer as received. */
  raw: unknown;
}

/**
 * Where each TokenSet field sits in one provider's success body (dotted paths), from the spec's `x-sdk-token`
 * extension. Generated per provider package.
 */
export interface TokenFieldMap {
  accessToken: string;
  tokenType?: string;
  /** Used when the body has no token type. Default "Bearer". */
  defaultTokenType?: string;
  /** Seconds, as a number or a numeric string. */
  expiresIn?: string;
  /** The documented access-token lifetime in seconds, for answers without an expiry. */
  accessTokenLifetime?: number;
  refreshToken?: string;
  refreshTokenExpiresIn?: string;
  /** Unix time in seconds. */
  refreshTokenExpiresAt?: string;
  /** The documented refresh-token lifetime in seconds, for providers whose answers do not say. */
  refreshTokenLifetime?: number;
  scope?: string;
  /** Default " " (RFC 6749 §3.3); whitespace always separates too. */
  scopeSeparator?: string;
  /** Dotted paths of provider fields kept in `extra`, keyed by their last segment. */
  extra?: readonly string[];
}

export interface ToTokenSetOptions {
  /** When the request that produced the answer was sent, epoch ms. Default: now. */
  requestedAt?: number;
  /**
   * Lifetime of an access token whose answer gives no expiry, in ms. Default: the provider's documented lifetime,
   * else one hour; never "does not expire".
   */
  defaultLifetimeMs?: number;
  /** The token set this answer renews: its refresh token is kept when the answer brings none. */
  previous?: TokenSet | undefined;
}

export const DEFAULT_TOKEN_LIFETIME_MS = 3_600_000;

/** Builds a TokenSet from a provider's success body by the provider's field map. */
export function tokenSetFromResult(
  result: unknown,
  fields: TokenFieldMap,
  options: ToTokenSetOptions = {},
): TokenSet {
  const requestedAt = options.requestedAt ?? Date.now();
  const text = (path: string | undefined) => {
    const value = path === undefined ? undefined : valueAtPath(result, path);
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const seconds = (path: string | undefined) => {
    const value = path === undefined ? undefined : valueAtPath(result, path);
    const parsed = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    return typeof parsed === "number" && Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
  };

  const accessToken = text(fields.accessToken);
  if (accessToken === undefined)
    throw new TypeError(`the answer has no access token at "${fields.accessToken}"`);
  const expiresIn = seconds(fields.expiresIn);
  const tokenSet: TokenSet = {
    accessToken,
    tokenType: text(fields.tokenType) ?? fields.defaultTokenType ?? "Bearer",
    expiresAt:
      requestedAt + (expiresIn === undefined ? defaultLifetimeMs(fields, options) : expiresIn * 1000),
    scopes: splitScopes(text(fields.scope), fields.scopeSeparator ?? " "),
    extra: {},
    raw: result,
  };

  const previous = options.previous;
  const refreshToken = text(fields.refreshToken) ?? previous?.refreshToken;
  if (refreshToken !== undefined) tokenSet.refreshToken = refreshToken;
  const refreshExpiresAt = seconds(fields.refreshTokenExpiresAt);
  const refreshExpiresIn = seconds(fields.refreshTokenExpiresIn);
  if (refreshExpiresAt !== undefined) tokenSet.refreshTokenExpiresAt = refreshExpiresAt * 1000;
  else if (refreshExpiresIn !== undefined)
    tokenSet.refreshTokenExpiresAt = requestedAt + refreshExpiresIn * 1000;
  else if (refreshToken !== undefined && refreshToken === previous?.refreshToken) {
    // The same refresh token as before: its expiry did not move.
    if (previous.refreshTokenExpiresAt !== undefined)
      tokenSet.refreshTokenExpiresAt = previous.refreshTokenExpiresAt;
  } else if (refreshToken !== undefined && fields.refreshTokenLifetime !== undefined) {
    tokenSet.refreshTokenExpiresAt = requestedAt + fields.refreshTokenLifetime * 1000;
  }

  for (const path of fields.extra ?? []) {
    const value = valueAtPath(result, path);
    if (value !== undefined) tokenSet.extra[path.slice(path.lastIndexOf(".") + 1)] = value;
  }
  return tokenSet;
}

function defaultLifetimeMs(fields: TokenFieldMap, options: ToTokenSetOptions): number {
  if (options.defaultLifetimeMs !== undefined) return options.defaultLifetimeMs;
  return fields.accessTokenLifetime === undefined
    ? DEFAULT_TOKEN_LIFETIME_MS
    : fields.accessTokenLifetime * 1000;
}

function splitScopes(scope: string | undefined, separator: string): string[] {
  if (scope === undefined) return [];
  return scope
    .split(separator)
    .flatMap((s) => s.split(/\s+/))
    .filter((s) => s !== "");
}
