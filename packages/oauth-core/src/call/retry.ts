// Retries, opt-in: which failures may be sent again, and how long to wait before the next attempt.
import type { OAuthApiError } from "./errors.js";
import { MAX_DELAY_MS } from "./options.js";
import { fetchErrorCode } from "./transport.js";
import type { RetryOptions } from "./types.js";

// Error codes of a connection that was never made: nothing reached any server.
const NEVER_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/;

/**
 * Milliseconds to wait before sending again after attempt number `attempt` failed with `error`, or undefined when it
 * is not sent again: the retries are used up; the failure may not be retried (a 429 or 503, where the server refused
 * to work on it, and a request that never left are retried for every grant; any other failure only when the request
 * is not `singleUse`, carrying an authorization code or refresh token the server may already have used up); or the
 * server asks for longer than `maxDelayMs` (or than a timer can wait, 2^31 − 1 ms), since a request sent before
 * Retry-After is one the server said it would refuse. The wait is Retry-After, else backoff with jitter.
 */
export function retryDelay(
  { kind, status, retryAfter, cause }: OAuthApiError,
  attempt: number,
  retry: RetryOptions | undefined,
  singleUse: boolean,
): number | undefined {
  if (
    !retry ||
    attempt > retry.retries ||
    !(
      status === 429 ||
      status === 503 ||
      // A connection that was never made (its error is the cause) sent nothing anywhere.
      NEVER_SENT.test(fetchErrorCode(cause)) ||
      (!singleUse && (kind === "timeout" || kind === "network" || status >= 500))
    )
  )
    return undefined;
  const { maxDelayMs = 30_000 } = retry;
  const ms =
    retryAfter === undefined ? Math.min(Math.random() * 100 * 2 ** attempt, maxDelayMs) : retryAfter * 1000;
  // Nor past what a timer can wait: a longer one would fire at once, before the Retry-After.
  return ms > Math.min(maxDelayMs, MAX_DELAY_MS) ? undefined : ms;
}

/** Seconds from a Retry-After header: a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = /^\s*\d+\s*$/.test(header) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isNaN(seconds) ? undefined : Math.max(0, Math.ceil(seconds));
}
