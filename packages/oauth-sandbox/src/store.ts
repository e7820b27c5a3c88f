// In-memory state of one sandbox: authorization codes, access tokens and refresh tokens per provider.
// Every operation here is synchronous, so two requests racing for one code cannot both win. Expired records are
// evicted in sweeps whose interval grows with the store, so memory follows the live records at O(1) per issue.
import type { SandboxClock } from "./clock.js";
import { randomToken } from "./random.js";
import type { ProviderId } from "./spec.js";

/** What a user granted to a client: carried from the code to every token derived from it. */
export interface Grant {
  /** one per authorization (a code, or one client_credentials request): every token issued from it shares it */
  id: string;
  provider: ProviderId;
  clientId: string;
  /** the user who said "allow" (Douyin's open_id) */
  userId: string;
  scope: readonly string[];
  /** the redirect URI the code was issued for; the exchange must repeat it where the provider checks it */
  redirectUri: string | undefined;
}

export interface CodeRecord {
  code: string;
  grant: Grant;
  issuedAt: number;
  expiresAt: number;
  used: boolean;
  /** set when a newer code for the same client and user replaced this one */
  superseded: boolean;
}

export type TokenKind = "access" | "refresh";

export interface TokenRecord {
  kind: TokenKind;
  token: string;
  grant: Grant;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
  /** refresh tokens: used up by a refresh that rotated it (presenting it again is a reuse) */
  spent: boolean;
  /** access tokens: the refresh token issued with them; refresh tokens: the newest access token */
  pair: string | undefined;
}

export type Lookup<T> =
  | { ok: true; record: T }
  | { ok: false; reason: "unknown" | "used" | "expired" | "revoked"; record?: T };

/** The most codes and tokens (access and refresh together) kept per provider; past it the oldest is dropped. */
export interface StoreLimits {
  codes: number;
  tokens: number;
}

/** 10,000 codes and 200,000 tokens per provider: far more than a test holds, a bound on a forgotten sandbox. */
export const DEFAULT_STORE_LIMITS: Readonly<StoreLimits> = Object.freeze({ codes: 10_000, tokens: 200_000 });

export class SandboxStore {
  readonly #clock: SandboxClock;
  readonly #limits: StoreLimits;
  readonly #codes = new ByProvider<CodeRecord>();
  readonly #tokens = new ByProvider<TokenRecord>();
  /** provider, client and user → their newest code, for providers where a new code voids the older one */
  readonly #newestCode = new Map<string, CodeRecord>();
  #issuedSinceSweep = 0;

  constructor(clock: SandboxClock, limits: Partial<StoreLimits> = {}) {
    this.#clock = clock;
    this.#limits = { ...DEFAULT_STORE_LIMITS, ...limits };
    for (const [name, value] of Object.entries(this.#limits))
      if (!Number.isSafeInteger(value) || value < 1)
        throw new RangeError(`limits.${name} must be a positive integer`);
  }

  issueCode(
    grant: Omit<Grant, "id">,
    lifetimeSeconds: number,
    options: { replacesOlder?: boolean } = {},
  ): CodeRecord {
    const now = this.#clock.nowSeconds();
    const record: CodeRecord = {
      code: randomToken(24),
      grant: { ...grant, id: newGrantId() },
      issuedAt: now,
      expiresAt: now + lifetimeSeconds,
      used: false,
      superseded: false,
    };
    this.#codes.set(grant.provider, record.code, record, this.#limits.codes, (dropped) =>
      this.#forgetNewest(dropped),
    );
    if (options.replacesOlder) {
      const holder = codeHolder(grant);
      const older = this.#newestCode.get(holder);
      if (older) older.superseded = true;
      this.#newestCode.set(holder, record);
    }
    this.#issued();
    return record;
  }

  /** A usable code, or why not. Does not consume it: see consumeCode. */
  findCode(provider: ProviderId, code: string): Lookup<CodeRecord> {
    const record = this.#codes.get(provider, code);
    if (!record) return { ok: false, reason: "unknown" };
    if (record.used) return { ok: false, reason: "used", record };
    if (record.superseded) return { ok: false, reason: "revoked", record };
    if (this.#clock.nowSeconds() >= record.expiresAt) return { ok: false, reason: "expired" };
    return { ok: true, record };
  }

  /** Codes are single-use. Callers find and consume within one synchronous step, so a race has one winner. */
  consumeCode(record: CodeRecord): void {
    record.used = true;
  }

  issueToken(
    kind: TokenKind,
    token: string,
    grant: Grant,
    lifetimeSeconds: number,
    pair?: string,
  ): TokenRecord {
    const now = this.#clock.nowSeconds();
    const record: TokenRecord = {
      kind,
      token,
      grant,
      issuedAt: now,
      expiresAt: now + lifetimeSeconds,
      revoked: false,
      spent: false,
      pair,
    };
    this.#tokens.set(grant.provider, token, record, this.#limits.tokens);
    this.#issued();
    return record;
  }

  /** A live token of this kind, or why not. */
  findToken(provider: ProviderId, kind: TokenKind, token: string): Lookup<TokenRecord> {
    const record = this.#tokens.get(provider, token);
    if (!record || record.kind !== kind) return { ok: false, reason: "unknown" };
    if (record.revoked) return { ok: false, reason: "revoked", record };
    if (record.spent) return { ok: false, reason: "used", record };
    if (this.#clock.nowSeconds() >= record.expiresAt) return { ok: false, reason: "expired" };
    return { ok: true, record };
  }

  /** A refresh that rotates uses the presented refresh token up. */
  spend(record: TokenRecord): void {
    record.spent = true;
  }

  /**
   * Revokes every token issued from one grant (reuse detection: the whole token family goes). A scan, not an
   * index: it runs only when a reuse is detected, and an index would cost memory for every token issued.
   */
  revokeGrant(grant: Grant): number {
    let revoked = 0;
    for (const record of this.#tokens.values()) {
      if (record.grant.id === grant.id && !record.revoked) {
        record.revoked = true;
        revoked++;
      }
    }
    return revoked;
  }

  /** Any token, live or not (introspection). */
  peekToken(provider: ProviderId, token: string): TokenRecord | undefined {
    return this.#tokens.get(provider, token);
  }

  isLive(record: TokenRecord): boolean {
    return !record.revoked && !record.spent && this.#clock.nowSeconds() < record.expiresAt;
  }

  reset(): void {
    this.#codes.clear();
    this.#tokens.clear();
    this.#newestCode.clear();
    this.#issuedSinceSweep = 0;
  }

  /**
   * Forgets every expired code and token (a forgotten one is refused as unknown, no longer as expired). Spent and
   * revoked records stay until they expire, so a reuse is still recognised.
   */
  evictExpired(): number {
    const now = this.#clock.nowSeconds();
    const expired = (record: { expiresAt: number }) => now >= record.expiresAt;
    const evicted =
      this.#codes.deleteWhere(expired, (record) => this.#forgetNewest(record)) +
      this.#tokens.deleteWhere(expired);
    this.#issuedSinceSweep = 0;
    return evicted;
  }

  #forgetNewest(record: CodeRecord): void {
    const holder = codeHolder(record.grant);
    if (this.#newestCode.get(holder) === record) this.#newestCode.delete(holder);
  }

  /** Sweeps once the records issued since the last sweep reach half the store: amortised O(1) per issue. */
  #issued(): void {
    this.#issuedSinceSweep++;
    const stored = this.#codes.size + this.#tokens.size;
    if (this.#issuedSinceSweep >= Math.max(MIN_SWEEP_INTERVAL, stored / 2)) this.evictExpired();
  }

  get size(): { codes: number; tokens: number } {
    return { codes: this.#codes.size, tokens: this.#tokens.size };
  }
}

/** Small stores are not swept: nothing grows there, and expired records keep their "expired" refusals. */
const MIN_SWEEP_INTERVAL = 10_000;

/**
 * Records by provider, then by their code or token: the value itself is the key, so a lookup hashes the token
 * once and no joined key string is built or kept per record.
 */
class ByProvider<T> {
  readonly #maps = new Map<ProviderId, Map<string, T>>();

  get(provider: ProviderId, key: string): T | undefined {
    return this.#maps.get(provider)?.get(key);
  }

  /** Adds a record; past `cap` records of this provider, the oldest goes (a Map keeps insertion order). */
  set(provider: ProviderId, key: string, value: T, cap: number, dropped?: (value: T) => void): void {
    let map = this.#maps.get(provider);
    if (!map) {
      map = new Map();
      this.#maps.set(provider, map);
    }
    map.set(key, value);
    if (map.size <= cap) return;
    const oldest = map.entries().next().value as [string, T];
    map.delete(oldest[0]);
    dropped?.(oldest[1]);
  }

  *values(): Generator<T> {
    for (const map of this.#maps.values()) yield* map.values();
  }

  /** Deletes every record `gone` picks, handing each to `deleted`; returns how many went. */
  deleteWhere(gone: (value: T) => boolean, deleted?: (value: T) => void): number {
    let count = 0;
    for (const map of this.#maps.values()) {
      for (const [key, value] of map) {
        if (!gone(value)) continue;
        map.delete(key);
        deleted?.(value);
        count++;
      }
    }
    return count;
  }

  get size(): number {
    let size = 0;
    for (const map of this.#maps.values()) size += map.size;
    return size;
  }

  clear(): void {
    this.#maps.clear();
  }
}

function codeHolder(grant: Omit<Grant, "id">): string {
  return `${grant.provider}\u0000${grant.clientId}\u0000${grant.userId}`;
}

let grantsIssued = 0;

/**
 * A grant's id is compared, never shown: a counter keeps ids distinct within the process, as a short flat string of
 * a few bytes (a UUID is a tree of joined pieces, held by every token of the grant).
 */
export function newGrantId(): string {
  grantsIssued++;
  return `g${grantsIssued}`;
}

/** The scope of a grant that asked for none: one shared, frozen empty list instead of one per token. */
export const NO_SCOPE: readonly string[] = Object.freeze([]);
