// In-memory state of one sandbox: authorization codes, access tokens and refresh tokens per provider.
// Every operation here is synchronous, so two requests racing for one code cannot both win.
import { randomBytes, randomUUID } from "node:crypto";
import type { SandboxClock } from "./clock.js";
import type { ProviderId } from "./spec.js";

/** What a user granted to a client: carried from the code to every token derived from it. */
export interface Grant {
  /** one per authorization (a code, or one client_credentials request): every token issued from it shares it */
  id: string;
  provider: ProviderId;
  clientId: string;
  /** the user who said "allow" (Douyin's open_id) */
  userId: string;
  scope: string[];
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

export class SandboxStore {
  readonly #clock: SandboxClock;
  readonly #codes = new Map<string, CodeRecord>();
  readonly #tokens = new Map<string, TokenRecord>();
  /** grant id → keys of the tokens issued from it, so a whole grant can be revoked */
  readonly #tokensByGrant = new Map<string, Set<string>>();

  constructor(clock: SandboxClock) {
    this.#clock = clock;
  }

  issueCode(
    grant: Omit<Grant, "id">,
    lifetimeSeconds: number,
    options: { replacesOlder?: boolean } = {},
  ): CodeRecord {
    if (options.replacesOlder) {
      for (const record of this.#codes.values()) {
        const g = record.grant;
        if (g.provider === grant.provider && g.clientId === grant.clientId && g.userId === grant.userId) {
          record.superseded = true;
        }
      }
    }
    const now = this.#clock.nowSeconds();
    const record: CodeRecord = {
      code: randomToken(24),
      grant: { ...grant, id: randomGrantId() },
      issuedAt: now,
      expiresAt: now + lifetimeSeconds,
      used: false,
      superseded: false,
    };
    this.#codes.set(key(grant.provider, record.code), record);
    return record;
  }

  /** A usable code, or why not. Does not consume it: see consumeCode. */
  findCode(provider: ProviderId, code: string): Lookup<CodeRecord> {
    const record = this.#codes.get(key(provider, code));
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
    const tokenKey = key(grant.provider, token);
    this.#tokens.set(tokenKey, record);
    const family = this.#tokensByGrant.get(grant.id);
    if (family) family.add(tokenKey);
    else this.#tokensByGrant.set(grant.id, new Set([tokenKey]));
    return record;
  }

  /** A live token of this kind, or why not. */
  findToken(provider: ProviderId, kind: TokenKind, token: string): Lookup<TokenRecord> {
    const record = this.#tokens.get(key(provider, token));
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

  /** Revokes every token issued from one grant (reuse detection: the whole token family goes). */
  revokeGrant(grant: Grant): number {
    let revoked = 0;
    for (const tokenKey of this.#tokensByGrant.get(grant.id) ?? []) {
      const record = this.#tokens.get(tokenKey);
      if (record && !record.revoked) {
        record.revoked = true;
        revoked++;
      }
    }
    return revoked;
  }

  /** Any token, live or not (introspection). */
  peekToken(provider: ProviderId, token: string): TokenRecord | undefined {
    return this.#tokens.get(key(provider, token));
  }

  isLive(record: TokenRecord): boolean {
    return !record.revoked && !record.spent && this.#clock.nowSeconds() < record.expiresAt;
  }

  reset(): void {
    this.#codes.clear();
    this.#tokens.clear();
    this.#tokensByGrant.clear();
  }

  get size(): { codes: number; tokens: number } {
    return { codes: this.#codes.size, tokens: this.#tokens.size };
  }
}

function key(provider: ProviderId, value: string): string {
  return `${provider}\u0000${value}`;
}

/** URL-safe random text; `bytes` of entropy. */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

export function randomGrantId(): string {
  return randomUUID();
}

export function randomUserId(): string {
  return randomUUID();
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Letters and digits only (Avito's tokens look like this). */
export function randomAlnum(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = "";
  // 248 = 4 * 62: keeps the choice uniform.
  for (const byte of bytes) {
    if (byte < 248) out += ALNUM[byte % 62];
    if (out.length === length) return out;
  }
  return out + randomAlnum(length - out.length);
}
