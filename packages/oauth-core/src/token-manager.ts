import { OAuthApiError } from "./call/errors.js";
import { checkLonger, checkMilliseconds } from "./call/options.js";
import { ReauthorizationRequiredError } from "./reauthorization-error.js";
import { coordinatedRefresh, type RefreshContext } from "./refresh-flow.js";
import type { TokenFieldMap, TokenSet } from "./token-set.js";
import { MemoryTokenStore, type StoredTokenSet, type TokenStore } from "./token-store.js";

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

export interface RefreshTokenExpiringEvent {
  key: string;
  tokenSet: TokenSet;
  refreshTokenExpiresAt: number;
}

/** Options every provider's `createTokenManager` takes (besides `config`, `credentials` and `grant`). */
export interface TokenManagerOptions {
  /** Default: a new MemoryTokenStore. */
  store?: TokenStore | undefined;
  /** The store key of this token set, e.g. a user id. Default "default". */
  key?: string | undefined;
  /** Refresh this long before the access token expires. Default 60 000 ms. */
  refreshMarginMs?: number | undefined;
  /** A refresh request is abandoned after this long. Default 30 000 ms. */
  refreshTimeoutMs?: number | undefined;
  /** Lifetime of the store's refresh lease, extended while the refresh runs. Default 3 × refreshTimeoutMs. */
  leaseTtlMs?: number | undefined;
  /** How often a caller waiting for another instance's refresh re-reads the store. Default 50 ms. */
  leasePollMs?: number | undefined;
  /** Call onRefreshTokenExpiring when the refresh token has less than this left. Default 7 days. */
  refreshTokenWarningMs?: number | undefined;
  /** The refresh token itself nears its expiry: ask the user to authorize again before it lapses. */
  onRefreshTokenExpiring?: ((event: RefreshTokenExpiringEvent) => void) | undefined;
  /** A refresh ahead of expiry failed while the access token was still valid (it keeps being served). */
  onRefreshError?: ((error: unknown) => void) | undefined;
  /** Current time in epoch ms (a test clock). Default Date.now. */
  now?: (() => number) | undefined;
}

const DEFAULT_KEY = "default";
const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * Keeps one token set fresh: refreshes ahead of expiry, one refresh at a time however many callers ask, and
 * writes every new token set to the store before handing out its access token.
 */
export class TokenManager {
  readonly key: string;
  readonly #endpoint: TokenEndpoint;
  readonly #store: TokenStore;
  readonly #options: TokenManagerOptions;
  readonly #now: () => number;
  readonly #marginMs: number;
  /** The last token set read from or written to the store, with its version. */
  #current: StoredTokenSet | undefined;
  /** A new token set whose store write failed: its refresh token is the live one and must not be lost. */
  #unsaved: { tokenSet: TokenSet; basedOn: number } | undefined;
  /** Versions up to this one were invalidated (a resource API refused their access token). */
  #staleUpTo = 0;
  #flight: Promise<TokenSet> | undefined;
  #warnedFor: string | undefined;

  constructor(endpoint: TokenEndpoint, options: TokenManagerOptions = {}) {
    checkMilliseconds(options, ["refreshMarginMs", "refreshTimeoutMs", "leaseTtlMs", "leasePollMs"]);
    checkLonger(options, "leaseTtlMs", "refreshTimeoutMs", 30_000);
    this.#endpoint = endpoint;
    this.#options = options;
    this.#store = options.store ?? new MemoryTokenStore();
    this.key = options.key ?? DEFAULT_KEY;
    this.#now = options.now ?? Date.now;
    this.#marginMs = options.refreshMarginMs ?? 60_000;
  }

  /** A valid access token: the current one, or a new one after a (shared) refresh. */
  async getAccessToken(options: { signal?: AbortSignal | undefined } = {}): Promise<string> {
    options.signal?.throwIfAborted();
    const current = this.#current;
    const tokenSet =
      current?.tokenSet && !this.#unsaved && this.#isFresh(current)
        ? current.tokenSet
        : await waitFor(this.#sharedRefresh(), options.signal);
    this.#warnIfRefreshTokenExpiring(tokenSet);
    return tokenSet.accessToken;
  }

  /** The token set as last read or written (reading the store when this manager has none yet). */
  async getTokenSet(): Promise<TokenSet | undefined> {
    if (this.#unsaved) return this.#unsaved.tokenSet;
    this.#current ??= await this.#store.get(this.key);
    return this.#current.tokenSet;
  }

  /** Stores a token set obtained outside the manager, e.g. from a code exchange. */
  async setTokenSet(tokenSet: TokenSet): Promise<void> {
    for (;;) {
      const { version } = await this.#store.get(this.key);
      const written = await this.#store.compareAndSet(this.key, version, tokenSet);
      if (written !== undefined) {
        this.#current = { tokenSet, version: written };
        this.#unsaved = undefined;
        return;
      }
    }
  }

  /** The access token was refused by a resource API (HTTP 401): the next call refreshes. */
  invalidate(): void {
    this.#staleUpTo = Math.max(this.#staleUpTo, this.#current?.version ?? 0);
    if (this.#unsaved) this.#unsaved.tokenSet = { ...this.#unsaved.tokenSet, expiresAt: 0 };
  }

  #isFresh(stored: StoredTokenSet): boolean {
    return (
      stored.tokenSet !== undefined &&
      stored.version > this.#staleUpTo &&
      this.#now() < stored.tokenSet.expiresAt - this.#marginMs
    );
  }

  #sharedRefresh(): Promise<TokenSet> {
    if (!this.#flight) {
      const flight = this.#refreshOnce().finally(() => {
        if (this.#flight === flight) this.#flight = undefined;
      });
      flight.catch(() => undefined); // every caller may have given up waiting
      this.#flight = flight;
    }
    return this.#flight;
  }

  async #refreshOnce(): Promise<TokenSet> {
    const before = this.#current?.tokenSet;
    try {
      return await coordinatedRefresh(this.#refreshContext());
    } catch (error) {
      const stillValid = this.#current?.tokenSet ?? before;
      const isProviderFailure =
        error instanceof OAuthApiError && !(error instanceof ReauthorizationRequiredError);
      if (isProviderFailure && stillValid && this.#now() < stillValid.expiresAt && !this.#unsaved) {
        this.#options.onRefreshError?.(error);
        return stillValid;
      }
      throw error;
    }
  }

  #refreshContext(): RefreshContext {
    const options = this.#options;
    const refreshTimeoutMs = options.refreshTimeoutMs ?? 30_000;
    return {
      key: this.key,
      store: this.#store,
      endpoint: this.#endpoint,
      now: this.#now,
      refreshTimeoutMs,
      leaseTtlMs: options.leaseTtlMs ?? 3 * refreshTimeoutMs,
      leasePollMs: options.leasePollMs ?? 50,
      isFresh: (stored) => this.#isFresh(stored),
      current: () => this.#current,
      adopt: (stored) => {
        if (!this.#current || stored.version >= this.#current.version) this.#current = stored;
      },
      unsaved: () => this.#unsaved,
      keepUnsaved: (unsaved) => {
        this.#unsaved = unsaved;
      },
    };
  }

  #warnIfRefreshTokenExpiring(tokenSet: TokenSet): void {
    const { refreshToken, refreshTokenExpiresAt } = tokenSet;
    const hook = this.#options.onRefreshTokenExpiring;
    if (!hook || refreshToken === undefined || refreshTokenExpiresAt === undefined) return;
    if (this.#warnedFor === refreshToken) return;
    if (refreshTokenExpiresAt - this.#now() > (this.#options.refreshTokenWarningMs ?? WEEK_MS)) return;
    this.#warnedFor = refreshToken;
    hook({ key: this.key, tokenSet, refreshTokenExpiresAt });
  }
}

/** Waits for a shared promise; an aborted signal rejects this caller only. */
function waitFor<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
