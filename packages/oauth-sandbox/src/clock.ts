// The sandbox's notion of "now": real time shifted by an offset, or frozen. Expiry is judged by it only.

export interface ClockOptions {
  /**
   * Where the clock starts: a Date, an ISO 8601 string, or epoch milliseconds (as `Date.now()` and `clock.now()`).
   * Default: the real time.
   */
  start?: Date | string | number;
  /** When true the clock stands still and moves only by advance() / set(). */
  frozen?: boolean;
}

export class SandboxClock {
  #offsetMs = 0;
  #frozenAtMs: number | undefined;

  constructor(options: ClockOptions = {}) {
    // Frozen at exactly `start`: no real time may slip in between setting and freezing.
    if (options.frozen) {
      this.#frozenAtMs = options.start === undefined ? Date.now() : parseTime(options.start);
    } else if (options.start !== undefined) {
      this.set(options.start);
    }
  }

  /** Milliseconds since the epoch, sandbox time. */
  now(): number {
    return this.#frozenAtMs ?? Date.now() + this.#offsetMs;
  }

  /** Whole seconds since the epoch, sandbox time. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  get frozen(): boolean {
    return this.#frozenAtMs !== undefined;
  }

  /** Moves the clock forward (or back, with a negative value) by this many seconds. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds)) throw new RangeError("clock.advance expects a finite number of seconds");
    const ms = seconds * 1000;
    if (this.#frozenAtMs !== undefined) this.#frozenAtMs += ms;
    else this.#offsetMs += ms;
  }

  /** Jumps to a point in time: a Date, an ISO 8601 string or epoch milliseconds. */
  set(time: Date | string | number): void {
    const target = parseTime(time);
    if (this.#frozenAtMs !== undefined) this.#frozenAtMs = target;
    else this.#offsetMs = target - Date.now();
  }

  freeze(): void {
    this.#frozenAtMs = this.now();
  }

  unfreeze(): void {
    if (this.#frozenAtMs === undefined) return;
    this.#offsetMs = this.#frozenAtMs - Date.now();
    this.#frozenAtMs = undefined;
  }

  toJSON(): { now: string; epoch: number; frozen: boolean } {
    return { now: new Date(this.now()).toISOString(), epoch: this.nowSeconds(), frozen: this.frozen };
  }
}

/** Epoch milliseconds the clock accepts: from 1973-03-03 (below it, a number is most likely epoch seconds) to 9999. */
const EARLIEST_MS = 100_000_000_000;
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Epoch milliseconds of a Date, an ISO 8601 string, or a number (or numeric string) of epoch milliseconds. */
export function parseTime(time: Date | string | number): number {
  const numeric = typeof time === "number" || /^-?\d+(\.\d+)?$/.test(time instanceof Date ? "" : time.trim());
  const ms = time instanceof Date ? time.getTime() : numeric ? Number(time) : Date.parse(String(time));
  if (!Number.isFinite(ms)) throw new RangeError(`not a point in time: ${JSON.stringify(String(time))}`);
  if (numeric && ms < EARLIEST_MS && ms > -EARLIEST_MS) {
    throw new RangeError(
      `${String(time)} cannot be a time in epoch milliseconds (it would be ${new Date(ms).toISOString()}); ` +
        `for epoch seconds multiply by 1000, or pass a Date or an ISO 8601 string`,
    );
  }
  if (ms > LATEST_MS || ms < -LATEST_MS) {
    throw new RangeError(`${JSON.stringify(String(time))} is not a time before the year 10000`);
  }
  return ms;
}
