// Retries, opt-in: which failures may be sent again, and how long to wait before the next attempt.
import type { OAuthErrorKind } from "./errors.js";

export interface RetryOptions {
  /** Attempts after the first one; 0 (the default) never retries. */
  retries: number;
  /** Upper bound of one wait, in milliseconds; a longer Retry-After is not retried. Default 30,000. */
  maxDelayMs?: number | undefined;
}

/**
 * A 429 or 503 (the server refused to work on it) and a request that never left are retried for every grant; any
 * other failure only when the request carries no authorization code or refresh token, which the server may already
 * have used up.
 */
export function mayRetry(
  kind: OAuthErrorKind,
  status: number,
  neverSent: boolean,
  singleUse: boolean,
): boolean {
  return (
    status === 429 ||
    status === 503 ||
    neverSent ||
    (!singleUse && (kind === "timeout" || kind === "network" || status >= 500))
  );
}

/**
 * Milliseconds before attempt number `attempt` (1 for the first retry): Retry-After, else backoff with jitter.
 * Undefined when the server asks for longer than `maxDelayMs`: the error then goes to the caller, since a request
 * sent before Retry-After is one the server said it would refuse.
 */
export function retryDelay(
  attempt: number,
  retryAfter: number | undefined,
  maxDelayMs = 30_000,
): number | undefined {
  const ms =
    retryAfter === undefined ? Math.min(Math.random() * 100 * 2 ** attempt, maxDelayMs) : retryAfter * 1000;
  return ms > maxDelayMs ? undefined : ms;
}

/** Seconds from a Retry-After header: a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = /^\s*\d+\s*$/.test(header) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isNaN(seconds) ? undefined : Math.max(0, Math.ceil(seconds));
}
