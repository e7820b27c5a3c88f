import type { TokenManager } from "./token-manager.js";

export const DEFAULT_MAX_MANAGERS = 10_000;

/**
 * The TokenManagers of many accounts, one per key, made on first use. At most `maxManagers` stay in memory: the least
 * recently used is dropped first, never one that is busy (a refresh in flight, a token set not stored yet), so the
 * count may pass the bound while that many are busy. A dropped account's next manager reads the shared store again.
 */
export class TokenManagers {
  readonly maxManagers: number;
  readonly #create: (key: string) => TokenManager;
  /** In order of use, least recent first (a Map keeps insertion order). */
  readonly #managers = new Map<string, TokenManager>();

  constructor(create: (key: string) => TokenManager, maxManagers = DEFAULT_MAX_MANAGERS) {
    if (!Number.isSafeInteger(maxManagers) || maxManagers < 1)
      throw new TypeError(`maxManagers must be a positive integer, not ${maxManagers}`);
    this.#create = create;
    this.maxManagers = maxManagers;
  }

  /** The manager of `key`: the one in memory (one refresh at a time for all its callers), or a new one. */
  get(key: string): TokenManager {
    let manager = this.#managers.get(key);
    if (manager) this.#managers.delete(key);
    else manager = this.#create(key);
    this.#managers.set(key, manager);
    if (this.#managers.size > this.maxManagers) this.#evict();
    return manager;
  }

  /** How many managers are in memory. */
  get size(): number {
    return this.#managers.size;
  }

  #evict(): void {
    for (const [key, manager] of this.#managers) {
      if (this.#managers.size <= this.maxManagers) return;
      if (!manager.busy) this.#managers.delete(key);
    }
  }
}
