// The grant logic every provider shares: code redemption, refresh-token lookup, issuing tokens.
// Providers differ in what they check and how they phrase a refusal; that stays in their own modules.
import type { SandboxClient } from "../clients.js";
import type { SpecOperation } from "../spec.js";
import { type Grant, NO_SCOPE, newGrantId, type TokenRecord } from "../store.js";
import type { ProviderContext } from "./types.js";

export type Refusal = { ok: false; reason: RefusalReason; description: string };

export type RefusalReason =
  | "code-unknown"
  | "code-used"
  | "code-expired"
  | "code-revoked"
  | "code-other-client"
  | "redirect-mismatch"
  | "refresh-unknown"
  | "refresh-expired"
  | "refresh-revoked"
  | "refresh-reused"
  | "refresh-other-client"
  | "scope-widened";

const DESCRIPTIONS: Record<RefusalReason, string> = {
  "code-unknown": "The authorization code is invalid.",
  "code-used": "The authorization code has already been used.",
  "code-expired": "The authorization code has expired.",
  "code-revoked": "The authorization code was replaced by a newer one.",
  "code-other-client": "The authorization code was issued to another client.",
  "redirect-mismatch": "redirect_uri does not match the one used in the authorization request.",
  "refresh-unknown": "The refresh token is invalid.",
  "refresh-expired": "The refresh token has expired.",
  "refresh-revoked": "The refresh token has been revoked.",
  "refresh-reused": "The refresh token was already used; every token of this grant is now revoked.",
  "refresh-other-client": "The refresh token was issued to another client.",
  "scope-widened": "The requested scope exceeds the scope originally granted.",
};

function refuse(reason: RefusalReason): Refusal {
  return { ok: false, reason, description: DESCRIPTIONS[reason] };
}

/**
 * Exchanges a code: it must exist, be unused, unexpired, issued to this client (`clientId` undefined: the spec
 * gives the request no way to name one) and, when `redirectUri` is checked, to the same redirect URI
 * (RFC 6749 §4.1.3). Consumed only on success.
 */
export function redeemCode(
  ctx: ProviderContext,
  clientId: string | undefined,
  code: string,
  redirect: { check: false } | { check: true; redirectUri: string | undefined },
): { ok: true; grant: Grant } | Refusal {
  const found = ctx.store.findCode(ctx.provider, code);
  if (!found.ok) {
    // RFC 6749 §4.1.2: a code used twice should revoke the tokens issued from it.
    if (found.reason === "used" && found.record && ctx.strictRotation)
      ctx.store.revokeGrant(found.record.grant);
    return refuse(`code-${found.reason}`);
  }
  const { record } = found;
  if (clientId !== undefined && record.grant.clientId !== clientId) return refuse("code-other-client");
  if (
    redirect.check &&
    record.grant.redirectUri !== undefined &&
    record.grant.redirectUri !== redirect.redirectUri
  ) {
    return refuse("redirect-mismatch");
  }
  ctx.store.consumeCode(record);
  return { ok: true, grant: record.grant };
}

export function findRefreshToken(
  ctx: ProviderContext,
  clientId: string | undefined,
  token: string,
): { ok: true; record: TokenRecord } | Refusal {
  const found = ctx.store.findToken(ctx.provider, "refresh", token);
  if (!found.ok) {
    if (found.reason !== "used") return refuse(`refresh-${found.reason}`);
    if (!ctx.strictRotation || !found.record) return refuse("refresh-revoked");
    // Reuse detection: a spent refresh token presented again revokes the whole grant.
    ctx.store.revokeGrant(found.record.grant);
    return refuse("refresh-reused");
  }
  if (clientId !== undefined && found.record.grant.clientId !== clientId)
    return refuse("refresh-other-client");
  return found;
}

/**
 * After a refresh: a provider whose spec says its refresh tokens are "rotated" (the default where a spec does not
 * say), or any provider under strict rotation, uses the presented refresh token up, so presenting it again is a
 * reuse. "continuous" and "fixed" tokens stay valid.
 */
export function settleRefreshToken(ctx: ProviderContext, record: TokenRecord): void {
  if (rotation(ctx) === "rotated" || ctx.strictRotation) ctx.store.spend(record);
}

/** What a refresh does to the refresh token, from the spec's `x-sdk-tokens`. */
export function rotation(ctx: ProviderContext): "fixed" | "rotated" | "continuous" {
  return ctx.spec.tokens.refreshTokenRotation ?? "rotated";
}

/** Narrows a grant to a requested scope; refuses anything not granted before. */
export function narrowScope(
  grant: Grant,
  requested: string[] | undefined,
): { ok: true; grant: Grant } | Refusal {
  if (!requested || requested.length === 0) return { ok: true, grant };
  if (!requested.every((s) => grant.scope.includes(s))) return refuse("scope-widened");
  return { ok: true, grant: { ...grant, scope: requested } };
}

export interface Minted {
  access: TokenRecord;
  refresh: TokenRecord | undefined;
}

/** Issues an access token and, with `mintRefresh`, a refresh token paired with it. */
export function issueTokens(
  ctx: ProviderContext,
  grant: Grant,
  mintAccess: (grant: Grant) => string,
  mintRefresh?: (grant: Grant) => string,
): Minted {
  const accessToken = mintAccess(grant);
  const refreshToken = mintRefresh?.(grant);
  const access = ctx.store.issueToken("access", accessToken, grant, ctx.lifetimes.access, refreshToken);
  const refresh =
    refreshToken === undefined
      ? undefined
      : ctx.store.issueToken("refresh", refreshToken, grant, ctx.lifetimes.refresh, accessToken);
  return { access, refresh };
}

/**
 * The grant of a client_credentials request: the authenticated client acts for itself, with the scope it asks for.
 * Its id is the registered one (equal to the request's): a token then holds no piece of the request's text.
 */
export function clientCredentialsGrant(ctx: ProviderContext, client: SandboxClient, scope: unknown): Grant {
  return {
    id: newGrantId(),
    provider: ctx.provider,
    clientId: client.clientId,
    userId: client.clientId,
    scope: parseScope(scope) ?? NO_SCOPE,
    redirectUri: undefined,
  };
}

/** Splits a scope parameter on commas and/or spaces (providers differ; callers mix them). */
export function parseScope(value: unknown): string[] | undefined {
  if (typeof value !== "string") return undefined;
  const scopes = value.split(/[\s,]+/).filter(Boolean);
  return scopes.length > 0 ? scopes : undefined;
}

export function secondsLeft(ctx: ProviderContext, record: TokenRecord): number {
  return Math.max(0, record.expiresAt - ctx.clock.nowSeconds());
}

/**
 * The status to answer with: the preferred one when the operation declares it (or a range/default covering
 * it); otherwise the first declared 4xx, so every error the sandbox sends is one the spec describes.
 */
export function declaredStatus(op: SpecOperation | undefined, preferred: number): number {
  if (!op) return preferred;
  const keys = [...op.responses.keys()];
  if (
    keys.includes(String(preferred)) ||
    keys.includes(`${String(preferred)[0]}XX`) ||
    keys.includes("DEFAULT")
  ) {
    return preferred;
  }
  const declared4xx = keys.filter((k) => /^4\d\d$/.test(k)).sort();
  return declared4xx[0] ? Number(declared4xx[0]) : preferred;
}

export function stringParam(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}
