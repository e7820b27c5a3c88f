// One refresh, coordinated through the store: read → lease → re-read → confirm the lease → request → write under
// the lease's fence → release. A refresh token is never sent without a held, current lease; once sent, the new token
// set is held (the lease kept, the set in memory) until it is stored, because the refresh token it replaced may be
// spent: providers with rotation refuse a reused one, and some revoke the whole grant.
import { OAuthApiError } from "../call/errors.js";
import { valueAtPath } from "../call/path.js";
import type { RefusalRule, TokenEndpoint } from "./endpoint.js";
import { ReauthorizationRequiredError } from "./reauthorization-error.js";
import { type TokenSet, tokenSetFromResult } from "./token-set.js";
import { type StoredTokenSet, type TokenLease, type TokenStore, TokenStoreError } from "./token-store.js";
import { whenFreeFor } from "./when-free-for.js";

/** A new token set not stored yet: its refresh token may be the only one the provider still accepts. */
export interface Unsaved {
  tokenSet: TokenSet;
  /** The refresh token it replaced (spent by the request that brought it). */
  replaces: string | undefined;
  /** The lease it is held under: kept, never released, until the set is stored. */
  lease: TokenLease;
  /** Given to the callers once the set is stored (an answer without an access token). */
  error?: unknown;
}

export interface RefreshContext {
  key: string;
  store: TokenStore;
  endpoint: TokenEndpoint;
  /** The manager's clock, corrected by the skew it learned. */
  now: () => number;
  refreshTimeoutMs: number;
  leaseTtlMs: number;
  leasePollMs: number;
  takeOverAfterMs: number;
  isFresh(stored: StoredTokenSet): boolean;
  current(): StoredTokenSet | undefined;
  /** Takes a version read from the store, unless this manager already holds a newer one. */
  adopt(stored: StoredTokenSet): void;
  unsaved(): Unsaved | undefined;
  keepUnsaved(unsaved: Unsaved | undefined): void;
}

export async function coordinatedRefresh(ctx: RefreshContext): Promise<TokenSet> {
  await syncWithStore(ctx);
  const fresh = freshTokenSet(ctx);
  if (fresh) return fresh;

  const taken = await heldLease(ctx);
  if (!(taken instanceof LeaseTaken)) return taken;
  const { lease } = taken;
  const extending = keepExtending(lease, ctx.leaseTtlMs);
  // A provider that asked to wait (429 or 503 with Retry-After) gets no request for this account from any instance
  // before then: the lease is released held for that long.
  let holdMs = 0;
  try {
    // Another instance may have refreshed between our read and the lease.
    await syncWithStore(ctx);
    if (ctx.unsaved()) {
      const stored = await persist(ctx, lease);
      if (stored) return stored;
    }
    return freshTokenSet(ctx) ?? (await requestAndStore(ctx, lease, extending));
  } catch (error) {
    const { status, retryAfter } = error as Partial<OAuthApiError>;
    if ((status === 429 || status === 503) && retryAfter) holdMs = retryAfter * 1000;
    throw error;
  } finally {
    extending.stop();
    // Unsaved means held: the lease stays until the set is stored.
    if (!ctx.unsaved()) await lease.release(holdMs).catch(() => undefined);
  }
}

/** Reads the store; an unsaved set that another grant's set replaced there is dropped. */
async function syncWithStore(ctx: RefreshContext): Promise<StoredTokenSet> {
  const stored = await ctx.store.get(ctx.key);
  const unsaved = ctx.unsaved();
  if (unsaved && isSuperseded(stored, unsaved)) {
    ctx.keepUnsaved(undefined);
    await unsaved.lease.release().catch(() => undefined);
  }
  ctx.adopt(stored);
  return stored;
}

/**
 * The store holds a set that is neither the one the unsaved set replaced nor the unsaved set itself: a later
 * `setTokenSet` (another grant). Nothing else may replace it: an empty store or the spent set is written over.
 */
function isSuperseded(stored: StoredTokenSet, unsaved: Unsaved): boolean {
  const held = stored.tokenSet?.refreshToken;
  return stored.tokenSet !== undefined && held !== unsaved.replaces && held !== unsaved.tokenSet.refreshToken;
}

function freshTokenSet(ctx: RefreshContext): TokenSet | undefined {
  if (ctx.unsaved()) return undefined; // not durable yet: not served
  const current = ctx.current();
  return current?.tokenSet && ctx.isFresh(current) ? current.tokenSet : undefined;
}

class LeaseTaken {
  constructor(readonly lease: TokenLease) {}
}

/** The lease an unsaved set is held under, if it is still ours; else a new one. */
async function heldLease(ctx: RefreshContext): Promise<LeaseTaken | TokenSet> {
  const held = ctx.unsaved()?.lease;
  if (held && (await held.extend(ctx.leaseTtlMs))) return new LeaseTaken(held);
  return takeLease(ctx);
}

/** The lease, or the token set another instance wrote while we waited for it. */
async function takeLease(ctx: RefreshContext): Promise<LeaseTaken | TokenSet> {
  if (!ctx.store.acquireLease) return new LeaseTaken(NO_LEASE);
  // A holder that died leaves its lease to expire: waiting longer than two lease lifetimes means a broken store,
  // or a refresh whose holder went silent after sending it (it may still store its answer).
  const deadline = Date.now() + 2 * ctx.leaseTtlMs + ctx.refreshTimeoutMs;
  // Each wait doubles, up to an eighth of the lease (at most 1 s), with jitter: thousands of accounts expiring at once
  // on several instances would otherwise each poll the store every leasePollMs, and swamp it.
  const longest = Math.max(ctx.leasePollMs, Math.min(1_000, ctx.leaseTtlMs / 8));
  for (let delay = ctx.leasePollMs; ; delay = Math.min(2 * delay, longest)) {
    const lease = await ctx.store.acquireLease(ctx.key, ctx.leaseTtlMs, ctx.takeOverAfterMs);
    if (lease) return new LeaseTaken(lease);
    await sleep(delay * (0.5 + Math.random() / 2));
    await syncWithStore(ctx);
    const fresh = freshTokenSet(ctx);
    if (fresh) return fresh;
    if (ctx.current()?.tokenSet === undefined && ctx.endpoint.grant === "refresh_token" && !ctx.unsaved()) {
      throw reauthorization(ctx, undefined);
    }
    if (Date.now() > deadline)
      throw new TokenStoreError(`timed out waiting for another instance's refresh of "${ctx.key}"`);
  }
}

/** For a store without leases (one instance): always held. */
const NO_LEASE: TokenLease = {
  fence: 0,
  extend: async () => true,
  confirm: async () => true,
  release: async () => {},
};

/** Writes under a lease check its fence (a store without leases has none). */
function fenced(lease: TokenLease): { fence?: number } {
  return lease === NO_LEASE ? {} : { fence: lease.fence };
}

async function requestAndStore(
  ctx: RefreshContext,
  lease: TokenLease,
  extending: Extending,
): Promise<TokenSet> {
  const based = ctx.current() ?? { tokenSet: undefined, version: 0 };
  const { endpoint } = ctx;
  if (endpoint.grant === "refresh_token" && based.tokenSet?.refreshToken === undefined) {
    throw reauthorization(ctx, undefined);
  }
  // The last check before the refresh token leaves: the lease is still ours, extended, and marks the refresh.
  if (extending.lost() || !(await lease.confirm(ctx.leaseTtlMs))) throw lostLease(ctx);
  const requestedAt = ctx.now(); // expiry counts from when the request was sent
  let answer: unknown;
  // Cleared once the refresh is over: neither the timer nor the signal outlives it.
  const timeout = new AbortController();
  const stopTimer = whenFreeFor(ctx.refreshTimeoutMs, () =>
    timeout.abort(new DOMException("the refresh timed out", "TimeoutError")),
  );
  try {
    answer = await endpoint.send(based.tokenSet, timeout.signal);
  } catch (error) {
    if (!isRefusal(endpoint, error)) throw error;
    return keepRefused(ctx, lease, based, error);
  } finally {
    stopTimer();
  }
  ctx.keepUnsaved(unsavedFrom(ctx, answer, based.tokenSet, requestedAt, lease));
  return (await persist(ctx, lease)) ?? (ctx.current()?.tokenSet as TokenSet);
}

/** The answer as a token set to store; one without an access token keeps only a new refresh token in it. */
function unsavedFrom(
  ctx: RefreshContext,
  answer: unknown,
  previous: TokenSet | undefined,
  requestedAt: number,
  lease: TokenLease,
): Unsaved {
  const { endpoint } = ctx;
  const replaces = previous?.refreshToken;
  try {
    const tokenSet = tokenSetFromResult(answer, endpoint.fields, {
      requestedAt,
      previous,
      ...(endpoint.defaultLifetimeMs === undefined ? {} : { defaultLifetimeMs: endpoint.defaultLifetimeMs }),
    });
    return { tokenSet, replaces, lease };
  } catch {
    const ErrorClass = endpoint.errorClass ?? OAuthApiError;
    const error = new ErrorClass({
      message: `${endpoint.provider}: ${endpoint.operation} answered without an access token at "${endpoint.fields.accessToken}"`,
      provider: endpoint.provider,
      operation: endpoint.operation,
      status: 200,
      kind: "invalid-response",
    });
    const path = endpoint.fields.refreshToken;
    const refreshToken = path === undefined ? undefined : valueAtPath(answer, path);
    if (typeof refreshToken !== "string" || refreshToken === "" || refreshToken === replaces) throw error;
    // The provider may have spent the refresh token it was sent: the new one is kept, its access token expired.
    const tokenSet = {
      accessToken: "",
      tokenType: "Bearer",
      expiresAt: 0,
      refreshToken,
      scopes: [],
      extra: {},
    };
    return { tokenSet: { ...tokenSet, raw: answer }, replaces, lease, error };
  }
}

/**
 * Writes the unsaved set under the lease's fence, retrying with backoff while extending the lease, for up to one
 * lease lifetime; then it stays unsaved and held, and the next call tries again. Resolves with the stored set, or
 * undefined when another grant's set replaced it in the store.
 */
async function persist(ctx: RefreshContext, lease: TokenLease): Promise<TokenSet | undefined> {
  const deadline = Date.now() + ctx.leaseTtlMs;
  for (let delay = ctx.leasePollMs; ; delay = Math.min(2 * delay, ctx.leaseTtlMs / 4)) {
    const unsaved = ctx.unsaved();
    if (!unsaved) return undefined;
    let written: number | undefined;
    try {
      const stored = await syncWithStore(ctx);
      if (!ctx.unsaved()) return undefined;
      written = await ctx.store.compareAndSet(ctx.key, stored.version, unsaved.tokenSet, fenced(lease));
      if (written === undefined && !(await lease.extend(ctx.leaseTtlMs))) throw lostLease(ctx);
      if (written === undefined && Date.now() >= deadline)
        throw new TokenStoreError(`the token set of "${ctx.key}" kept changing while it was being stored`);
    } catch (error) {
      if (!(error instanceof TokenStoreError) || error instanceof LostLease || Date.now() >= deadline)
        throw error;
      await lease.extend(ctx.leaseTtlMs).catch(() => false);
    }
    if (written !== undefined) {
      ctx.keepUnsaved(undefined);
      ctx.adopt({ tokenSet: unsaved.tokenSet, version: written });
      if (unsaved.error !== undefined) throw unsaved.error;
      return unsaved.tokenSet;
    }
    await sleep(delay);
  }
}

/**
 * The provider refused the refresh token: the token set is kept as a tombstone (not deleted), unless another grant's
 * set was stored meanwhile.
 */
async function keepRefused(
  ctx: RefreshContext,
  lease: TokenLease,
  based: StoredTokenSet,
  error: OAuthApiError,
): Promise<TokenSet> {
  const refused = {
    tokenSet: based.tokenSet as TokenSet,
    refusedAt: ctx.now(),
    error: {
      provider: error.provider,
      operation: error.operation,
      status: error.status,
      ...(error.code === undefined ? {} : { code: error.code }),
      ...(error.description === undefined ? {} : { description: error.description }),
    },
  };
  const version = await ctx.store.compareAndSet(ctx.key, based.version, undefined, {
    ...fenced(lease),
    refused,
  });
  if (version === undefined) return adoptNewer(ctx, error);
  ctx.adopt({ tokenSet: undefined, version, refused });
  throw reauthorization(ctx, error);
}

/** Another writer got there first: what the store holds wins. */
async function adoptNewer(ctx: RefreshContext, refusal: OAuthApiError): Promise<TokenSet> {
  const stored = await ctx.store.get(ctx.key);
  ctx.adopt(stored);
  if (stored.tokenSet && ctx.now() < stored.tokenSet.expiresAt) return stored.tokenSet;
  throw reauthorization(ctx, refusal);
}

/**
 * A refusal of the refresh token: the provider's refusal code, and where the spec names them for a generic code, its
 * status and a pattern of its message too.
 */
export function isRefusal(endpoint: TokenEndpoint, error: unknown): error is OAuthApiError {
  if (endpoint.grant !== "refresh_token" || !(error instanceof OAuthApiError) || error.kind === "network") {
    return false;
  }
  return endpoint.refusedCodes.some((rule) => matches(rule, error));
}

function matches(rule: RefusalRule | string | number, error: OAuthApiError): boolean {
  const { code, status, message } = typeof rule === "object" ? rule : { code: rule };
  if (String(code) !== String(error.code)) return false;
  if (status !== undefined && status !== error.status) return false;
  return message === undefined || new RegExp(message, "i").test(error.description ?? "");
}

function reauthorization(
  ctx: RefreshContext,
  cause: OAuthApiError | undefined,
): ReauthorizationRequiredError {
  return new ReauthorizationRequiredError({
    provider: ctx.endpoint.provider,
    operation: ctx.endpoint.operation,
    key: ctx.key,
    cause,
  });
}

class LostLease extends TokenStoreError {}

function lostLease(ctx: RefreshContext): TokenStoreError {
  return new LostLease(
    `the refresh lease of "${ctx.key}" was lost (taken over, or the store did not answer)`,
  );
}

interface Extending {
  stop(): void;
  /** An extension failed (the lease was lost, or the store did not answer): a refresh not sent yet must not be. */
  lost(): boolean;
}

/** Extends the lease every third of its lifetime while the refresh runs; the timer never keeps the process alive. */
function keepExtending(lease: TokenLease, ttlMs: number): Extending {
  let lost = false;
  const timer = setInterval(
    () => {
      lease.extend(ttlMs).then(
        (held) => {
          if (!held) lost = true;
        },
        () => {
          lost = true;
        },
      );
    },
    Math.max(1, Math.floor(ttlMs / 3)),
  );
  timer.unref?.();
  return { stop: () => clearInterval(timer), lost: () => lost };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
