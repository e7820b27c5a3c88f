import { OAuthApiError } from "../call/errors.js";
import { checkLonger, checkMilliseconds, own } from "../call/options.js";
import type { TokenEndpoint } from "./endpoint.js";
import { ReauthorizationRequiredError } from "./reauthorization-error.js";
import { coordinatedRefresh, type RefreshContext, type Unsaved } from "./refresh-flow.js";
import type { RefreshQueue } from "./refresh-queue.js";
import type { TokenSet } from "./token-set.js";
import { MemoryTokenStore, type StoredTokenSet, type TokenStore, TokenStoreError } from "./token-store.js";

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
  /**
   * A refresh request is abandoned after this long, counted while the process was free to read the answer
   * (`whenFreeFor`). Default 30 000 ms.
   */
  refreshTimeoutMs?: number | undefined;
  /** Lifetime of the store's refresh lease, extended while the refresh runs. Default 3 × refreshTimeoutMs. */
  leaseTtlMs?: number | undefined;
  /**
   * How soon a caller waiting for another instance's refresh re-reads the store; each later wait doubles, up to an
   * eighth of leaseTtlMs (at most 1 s). Default 50 ms.
   */
  leasePollMs?: number | undefined;
  /**
   * A refresh sent under a lease that then lapsed (its holder paused, cut off or dead) blocks every other refresh of
   * the key for this long after the lapse, so that a holder that comes back can store its answer. Default 10 ×
   * leaseTtlMs.
   */
  takeOverAfterMs?: number | undefined;
  /** Call onRefreshTokenExpiring when the refresh token has less than this left. Default 7 days. */
  refreshTokenWarningMs?: number | undefined;
  /** The refresh token itself nears its expiry: ask the user to authorize again before it lapses. */
  onRefreshTokenExpiring?: ((event: RefreshTokenExpiringEvent) => void) | undefined;
  /** A refresh ahead of expiry failed while the access token was still valid (it keeps being served). */
  onRefreshError?: ((error: unknown) => void) | undefined;
  /**
   * Current time in epoch ms, taken as it is (a test clock). By default the local clock, corrected by its skew
   * against the store's clock where it has one (Redis TIME), else against the provider's (its answers' Date header).
   */
  now?: (() => number) | undefined;
  /**
   * Runs this manager's refreshes through a queue shared with other managers, so that at most so many of them
   * refresh at once. `createTokenManagers` gives its managers one (64 at once) unless given one.
   */
  refreshQueue?: RefreshQueue | undefined;
}

const DEFAULT_KEY = "default";
const SET_ROUNDS = 20;
// Seven days, written out: a product is kept in a bundle that never uses it, a literal is dropped.
const WEEK_MS = 604_800_000;

/**
 * Keeps one token set fresh: refreshes ahead of expiry, one refresh at a time however many callers ask, and
 * writes every new token set to the store before handing out its access token.
 */
export class TokenManager {
  readonly key: string;
  readonly #endpoint: TokenEndpoint;
  readonly #store: TokenStore;
  readonly #options: TokenManagerOptions;
  readonly #localNow: () => number;
  /** The store's clock minus the local one. */
  #skewMs = 0;
  readonly #marginMs: number;
  /** The last token set read from or written to the store, with its version. */
  #current: StoredTokenSet | undefined;
  /** A new token set not stored yet: its refresh token is the live one and must not be lost. */
  #unsaved: Unsaved | undefined;
  /** Versions up to this one were invalidated (a resource API refused their access token). */
  #staleUpTo = 0;
  /** The access token a resource API refused last: never served again, even while a refresh fails. */
  #refusedAccessToken: string | undefined;
  #flight: Promise<TokenSet> | undefined;
  readonly #queue: RefreshQueue | undefined;
  #warnedFor: string | undefined;

  constructor(endpoint: TokenEndpoint, options: TokenManagerOptions = {}) {
    checkMilliseconds(options, ["refreshMarginMs", "refreshTimeoutMs", "leaseTtlMs", "leasePollMs"]);
    // Against a given refreshTimeoutMs only: the lease is extended while a refresh runs, so a short one alone works.
    checkLonger(options, "leaseTtlMs", "refreshTimeoutMs");
    // A queue is first used at a refresh: a wrong one is refused here, not then.
    const queue = own(options, "refreshQueue");
    if (queue !== undefined && typeof Object(queue).run !== "function")
      throw new TypeError(
        `refreshQueue must be a RefreshQueue, got ${Object(queue) === queue ? "an object without run()" : String(queue)}`,
      );
    this.#queue = queue;
    this.#endpoint = endpoint;
    this.#options = options;
    this.#store = options.store ?? new MemoryTokenStore();
    this.key = options.key ?? DEFAULT_KEY;
    this.#localNow = options.now ?? Date.now;
    this.#marginMs = options.refreshMarginMs ?? 60_000;
  }

  /** A refresh is in flight or a new token set is not stored yet: dropping this manager would lose that work. */
  get busy(): boolean {
    return this.#flight !== undefined || this.#unsaved !== undefined;
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
    // Each round loses only to another writer; a key written without pause is a fault, not a wait.
    for (let round = 0; round < SET_ROUNDS; round++) {
      const { version } = await this.#store.get(this.key);
      const written = await this.#store.compareAndSet(this.key, version, tokenSet);
      if (written !== undefined) {
        this.#current = { tokenSet, version: written };
        // Another grant's set: an unsaved one of the old grant is superseded, and its lease given up.
        await this.#unsaved?.lease.release().catch(() => undefined);
        this.#unsaved = undefined;
        return;
      }
    }
    throw new TokenStoreError(
      `could not store the token set of "${this.key}": the key changed ${SET_ROUNDS} times`,
    );
  }

  /** The access token was refused by a resource API (HTTP 401): the next call refreshes, and never serves it again. */
  invalidate(): void {
    this.#refusedAccessToken = (this.#unsaved?.tokenSet ?? this.#current?.tokenSet)?.accessToken;
    this.#staleUpTo = Math.max(this.#staleUpTo, this.#current?.version ?? 0);
    if (this.#unsaved) this.#unsaved.tokenSet = { ...this.#unsaved.tokenSet, expiresAt: 0 };
  }

  /** The local clock corrected by its skew against the store's clock, or else the provider's (its last answer). */
  #now(): number {
    if (this.#options.now) return this.#localNow();
    const skewMs = this.#store.now ? this.#skewMs : (this.#endpoint.clockSkewMs?.() ?? 0);
    return this.#localNow() + skewMs;
  }

  /** The skew against the store's clock, read at each refresh. */
  async #learnClock(): Promise<void> {
    if (this.#options.now || !this.#store.now) return;
    const before = this.#localNow();
    const shared = await this.#store.now();
    this.#skewMs = shared - (before + this.#localNow()) / 2;
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
      const queue = this.#queue;
      const refresh = () => this.#refreshOnce();
      const flight = (queue ? queue.run(refresh) : refresh()).finally(() => {
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
      await this.#learnClock();
      return await coordinatedRefresh(this.#refreshContext());
    } catch (error) {
      const stillValid = this.#current?.tokenSet ?? before;
      const isProviderFailure =
        error instanceof OAuthApiError && !(error instanceof ReauthorizationRequiredError);
      if (
        isProviderFailure &&
        stillValid &&
        this.#now() < stillValid.expiresAt &&
        stillValid.accessToken !== this.#refusedAccessToken &&
        !this.#unsaved
      ) {
        this.#options.onRefreshError?.(error);
        return stillValid;
      }
      throw error;
    }
  }

  #refreshContext(): RefreshContext {
    const options = this.#options;
    const refreshTimeoutMs = options.refreshTimeoutMs ?? 30_000;
    const leaseTtlMs = options.leaseTtlMs ?? 3 * refreshTimeoutMs;
    return {
      key: this.key,
      store: this.#store,
      endpoint: this.#endpoint,
      now: () => this.#now(),
      refreshTimeoutMs,
      leaseTtlMs,
      leasePollMs: options.leasePollMs ?? 50,
      takeOverAfterMs: options.takeOverAfterMs ?? 10 * leaseTtlMs,
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
