/** How many refreshes the managers of one `createTokenManagers` run at once unless told otherwise. */
export const DEFAULT_REFRESHES_AT_ONCE = 64;

/**
 * Runs at most `maxAtOnce` refreshes at once; the others wait their turn, first come first served, without touching
 * the store. Shared by the managers of many accounts, it bounds the commands a process has in flight when thousands of
 * accounts expire together: every reply is then read soon after it arrives, and none of them times out because the
 * process was busy with the others.
 */
export class RefreshQueue {
  readonly maxAtOnce: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(maxAtOnce = DEFAULT_REFRESHES_AT_ONCE) {
    if (!Number.isSafeInteger(maxAtOnce) || maxAtOnce < 1)
      throw new TypeError(`maxAtOnce must be a positive integer, not ${maxAtOnce}`);
    this.maxAtOnce = maxAtOnce;
  }

  /** Refreshes running now. */
  get running(): number {
    return this.#running;
  }

  /** Refreshes waiting for their turn. */
  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(refresh: () => Promise<T>): Promise<T> {
    if (this.#running < this.maxAtOnce) this.#running++;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve)); // the slot is handed over
    try {
      return await refresh();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
