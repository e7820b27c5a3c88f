import type { TokenSet } from "./token-set.js";

/** A token store failed (unreadable, unreachable, timed out); its message never holds a token. */
export class TokenStoreError extends Error {
  override name = "TokenStoreError";
}

/** What a store holds for one key. `version` grows with every write (a cleared key keeps its version). */
export interface StoredTokenSet {
  tokenSet: TokenSet | undefined;
  /** 0 for a key never written. */
  version: number;
}

/** A lock on one key for the duration of a refresh. */
export interface TokenLease {
  /** Pushes the lease's expiry to `ttlMs` from now; false when it was lost (expired, or taken by another holder). */
  extend(ttlMs: number): Promise<boolean>;
  /** Gives the lease up, only if it is still this holder's. */
  release(): Promise<void>;
}

/**
 * Where token sets live between calls and processes. Writes are compare-and-set on the version, so a writer that
 * read an older version can never overwrite a newer token set.
 */
export interface TokenStore {
  get(key: string): Promise<StoredTokenSet>;
  /**
   * Writes `tokenSet` (or clears the key, for `undefined`) when the stored version is still `expectedVersion`.
   * Returns the new version, or `undefined` when the version had moved on (nothing written).
   */
  compareAndSet(
    key: string,
    expectedVersion: number,
    tokenSet: TokenSet | undefined,
  ): Promise<number | undefined>;
  /** Takes the refresh lease of `key` for `ttlMs`, or `undefined` when another holder has it. Optional. */
  acquireLease?(key: string, ttlMs: number): Promise<TokenLease | undefined>;
}

interface MemoryLease {
  id: symbol;
  expiresAt: number;
}

/** The default store: token sets in this process's memory, lost when it exits. */
export class MemoryTokenStore implements TokenStore {
  readonly #entries = new Map<string, StoredTokenSet>();
  readonly #leases = new Map<string, MemoryLease>();

  async get(key: string): Promise<StoredTokenSet> {
    return this.#entries.get(key) ?? { tokenSet: undefined, version: 0 };
  }

  async compareAndSet(
    key: string,
    expectedVersion: number,
    tokenSet: TokenSet | undefined,
  ): Promise<number | undefined> {
    const version = this.#entries.get(key)?.version ?? 0;
    if (version !== expectedVersion) return undefined;
    this.#entries.set(key, { tokenSet, version: version + 1 });
    return version + 1;
  }

  async acquireLease(key: string, ttlMs: number): Promise<TokenLease | undefined> {
    const held = this.#leases.get(key);
    if (held && held.expiresAt > Date.now()) return undefined;
    const lease: MemoryLease = { id: Symbol(key), expiresAt: Date.now() + ttlMs };
    this.#leases.set(key, lease);
    const mine = () => this.#leases.get(key)?.id === lease.id && lease.expiresAt > Date.now();
    return {
      extend: async (extendMs) => {
        if (!mine()) return false;
        lease.expiresAt = Date.now() + extendMs;
        return true;
      },
      release: async () => {
        if (this.#leases.get(key)?.id === lease.id) this.#leases.delete(key);
      },
    };
  }
}
