import type { TokenSet } from "./token-set.js";

/** A token store failed (unreadable, unreachable, timed out, not durable); its message never holds a token. */
export class TokenStoreError extends Error {
  override name = "TokenStoreError";
}

/**
 * A token set the provider refused, kept (not deleted) so an operator can recover from a false refusal: put
 * `tokenSet` back with `setTokenSet` once the cause is fixed.
 */
export interface RefusedTokenSet {
  tokenSet: TokenSet;
  /** Epoch ms (the manager's clock). */
  refusedAt: number;
  /** The provider's refusal, without secrets. */
  error: {
    provider: string;
    operation: string;
    status: number;
    code?: string | number;
    description?: string;
  };
}

/** What a store holds for one key. `version` grows with every write (a cleared key keeps its version). */
export interface StoredTokenSet {
  tokenSet: TokenSet | undefined;
  /** 0 for a key never written. */
  version: number;
  /** The last token set the provider refused, until a new one is written. */
  refused?: RefusedTokenSet | undefined;
}

/** A write's conditions besides the version. */
export interface WriteOptions {
  /** The fencing number of the writer's lease: the write is refused once another holder took the lease. */
  fence?: number | undefined;
  /** With `tokenSet` undefined: the refused token set to keep instead of it (a tombstone). */
  refused?: RefusedTokenSet | undefined;
}

/**
 * The refresh lease of one key. It lives with the token set (the same record), so it shares its fate (eviction,
 * replication), and carries a fencing number that every write of its holder checks.
 */
export interface TokenLease {
  /** Grows with every lease taken on the key. */
  readonly fence: number;
  /**
   * Pushes the lease's expiry to `ttlMs` from now; false when it was lost (another holder took it). A lease that
   * lapsed but was not taken is still this holder's.
   */
  extend(ttlMs: number): Promise<boolean>;
  /**
   * Checks the lease is still this holder's and extends it, and records in the store that a refresh of the current
   * version is being sent: until this holder writes or releases, nobody else takes the lease (even lapsed) before
   * `takeOverAfterMs` has passed. False when the lease was lost: the refresh must not be sent.
   */
  confirm(ttlMs: number): Promise<boolean>;
  /**
   * Gives the lease up (and the mark of a refresh being sent), only if it is still this holder's. With `holdMs`,
   * nobody takes it for that long: the provider's Retry-After, so that no instance sends before it.
   */
  release(holdMs?: number): Promise<void>;
}

/**
 * Where token sets live between calls and processes. Writes are compare-and-set on the version (and on the lease's
 * fence, when given), so a writer that read an older version, or whose lease was taken over, never overwrites.
 */
export interface TokenStore {
  get(key: string): Promise<StoredTokenSet>;
  /**
   * Writes `tokenSet` (or clears the key, for `undefined`, keeping `options.refused` as a tombstone) when the stored
   * version is still `expectedVersion` and `options.fence` is still the key's. Returns the new version, or
   * `undefined` when either had moved on (nothing written). A write that cannot be confirmed durable throws.
   */
  compareAndSet(
    key: string,
    expectedVersion: number,
    tokenSet: TokenSet | undefined,
    options?: WriteOptions,
  ): Promise<number | undefined>;
  /**
   * Takes the refresh lease of `key` for `ttlMs`, or `undefined` when another holder has it, or when a refresh
   * sent under a lapsed lease has not been stored yet and `takeOverAfterMs` has not passed since it lapsed. Optional.
   */
  acquireLease?(key: string, ttlMs: number, takeOverAfterMs: number): Promise<TokenLease | undefined>;
  /** The store's clock in epoch ms, when it has one that every instance shares (Redis TIME). Optional. */
  now?(): Promise<number>;
}

/** The default store: token sets in this process's memory, lost when it exits. */
export class MemoryTokenStore implements TokenStore {
  readonly #entries = new Map<string, StoreEntry>();

  async get(key: string): Promise<StoredTokenSet> {
    return storeRules.read(this.#entries.get(key));
  }

  async compareAndSet(
    key: string,
    expectedVersion: number,
    tokenSet: TokenSet | undefined,
    options: WriteOptions = {},
  ): Promise<number | undefined> {
    return storeRules.write(this.#entry(key), expectedVersion, tokenSet, options);
  }

  async acquireLease(key: string, ttlMs: number, takeOverAfterMs: number): Promise<TokenLease | undefined> {
    const entry = this.#entry(key);
    const fence = storeRules.acquire(entry, Date.now(), ttlMs, takeOverAfterMs);
    if (fence === undefined) return undefined;
    return {
      fence,
      extend: async (extendMs) => storeRules.extend(entry, fence, Date.now(), extendMs, false),
      confirm: async (extendMs) => storeRules.extend(entry, fence, Date.now(), extendMs, true),
      release: async (holdMs) => storeRules.release(entry, fence, Date.now(), holdMs),
    };
  }

  #entry(key: string): StoreEntry {
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { version: 0 };
      this.#entries.set(key, entry);
    }
    return entry;
  }
}

/**
 * The record of one key as the memory and file stores keep it, and the rules every store applies to it (the Redis
 * store applies the same ones in Lua): one record, so the lease shares the token set's fate.
 */
export interface StoreEntry<T = TokenSet, R = RefusedTokenSet> {
  version: number;
  /** The token set, or what stands for it in storage (encrypted). */
  tokenSet?: T | undefined;
  refused?: R | undefined;
  /** The fencing number of the last lease taken. */
  fence?: number | undefined;
  /** When that lease lapses, epoch ms; 0 once released. */
  leaseUntil?: number | undefined;
  /** The version a refresh was sent for under that lease, until it is written or released. */
  sentFor?: number | undefined;
}

export const storeRules = {
  read(entry: StoreEntry | undefined): StoredTokenSet {
    return {
      tokenSet: entry?.tokenSet,
      version: entry?.version ?? 0,
      ...(entry?.refused ? { refused: entry.refused } : {}),
    };
  },

  write<T, R>(
    entry: StoreEntry<T, R>,
    expectedVersion: number,
    tokenSet: T | undefined,
    { fence, refused }: { fence?: number | undefined; refused?: R | undefined },
  ): number | undefined {
    if (entry.version !== expectedVersion) return undefined;
    if (fence !== undefined && entry.fence !== fence) return undefined;
    entry.version++;
    entry.tokenSet = tokenSet;
    entry.refused = tokenSet === undefined ? refused : undefined;
    entry.sentFor = undefined; // the refresh it marked is settled
    return entry.version;
  },

  acquire(
    entry: StoreEntry<unknown, unknown>,
    now: number,
    ttlMs: number,
    takeOverAfterMs: number,
  ): number | undefined {
    const until = entry.leaseUntil ?? 0;
    if (until > now) return undefined;
    // A refresh was sent under a lease that lapsed (a paused or cut-off holder): its answer may still be written.
    if (entry.sentFor === entry.version && now < until + takeOverAfterMs) return undefined;
    entry.fence = (entry.fence ?? 0) + 1;
    entry.leaseUntil = now + ttlMs;
    entry.sentFor = undefined;
    return entry.fence;
  },

  /** Extends the lease of `fence` (lapsed or not, as long as nobody took it); `sending` marks a refresh sent. */
  extend(
    entry: StoreEntry<unknown, unknown>,
    fence: number,
    now: number,
    ttlMs: number,
    sending: boolean,
  ): boolean {
    if (entry.fence !== fence) return false;
    entry.leaseUntil = now + ttlMs;
    if (sending) entry.sentFor = entry.version;
    return true;
  },

  release(entry: StoreEntry<unknown, unknown>, fence: number, now: number, holdMs = 0): void {
    if (entry.fence !== fence) return;
    entry.leaseUntil = holdMs > 0 ? now + holdMs : 0;
    entry.sentFor = undefined;
  },
};
