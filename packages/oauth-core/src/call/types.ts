/** Retries, opt-in (see retryDelay). */
export interface RetryOptions {
  /** Attempts after the first one; 0 (the default) never retries. */
  retries: number;
  /** Upper bound of one wait, in milliseconds; a longer Retry-After is not retried. Default 30,000. */
  maxDelayMs?: number | undefined;
}

/** Limits of a call, in the configuration and per call. */
export interface CallLimits {
  /** Milliseconds for the whole exchange, from connecting to the last byte of the body; default 30,000. */
  timeout?: number | undefined;
  /** Largest response body read, success or error, in bytes; default 1 MiB (1,048,576). */
  maxResponseBytes?: number | undefined;
  /** Retries of failures that are safe to resend; off by default. */
  retry?: RetryOptions | undefined;
}

/** Client configuration, like the original clients' Configuration(host=...). */
export interface ClientConfig extends CallLimits {
  /** Base URL of the API (absolute http or https); defaults to the spec's server. */
  baseUrl?: string | undefined;
  /** A fetch implementation, e.g. for proxies or tests. */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
}

export interface BasicCredentials {
  /** OAuth client_id, sent with HTTP Basic. */
  clientId?: string | undefined;
  /** OAuth client_secret, sent with HTTP Basic. */
  clientSecret?: string | undefined;
}

/** Configuration of a client whose operations authenticate with HTTP Basic. */
export interface BasicClientConfig extends ClientConfig, BasicCredentials {}

/** Shows an intersection as one object type in editors. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** T with the keys K made optional (filled in from the spec's defaults); works across the members of a union. */
export type WithDefaults<T, K extends PropertyKey> = T extends unknown
  ? Simplify<Omit<T, K> & Partial<Pick<T, Extract<keyof T, K>>>>
  : never;
