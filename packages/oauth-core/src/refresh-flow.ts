// One refresh, coordinated through the store: read → lease → re-read → request → compare-and-set → release.
// Correctness comes from the compare-and-set; the lease only keeps other instances from spending the same
// refresh token (providers with rotation refuse a reused one, and some revoke the whole grant).
import { OAuthApiError } from "./call/errors.js";
import { ReauthorizationRequiredError } from "./reauthorization-error.js";
import type { TokenEndpoint } from "./token-manager.js";
import { type TokenSet, tokenSetFromResult } from "./token-set.js";
import { type StoredTokenSet, type TokenLease, type TokenStore, TokenStoreError } from "./token-store.js";

export interface RefreshContext {
  key: string;
  store: TokenStore;
  endpoint: TokenEndpoint;
  now: () => number;
  refreshTimeoutMs: number;
  leaseTtlMs: number;
  leasePollMs: number;
  isFresh(stored: StoredTokenSet): boolean;
  current(): StoredTokenSet | undefined;
  /** Takes a version read from the store, unless this manager already holds a newer one. */
  adopt(stored: StoredTokenSet): void;
  unsaved(): { tokenSet: TokenSet; basedOn: number } | undefined;
  keepUnsaved(unsaved: { tokenSet: TokenSet; basedOn: number } | undefined): void;
}

export async function coordinatedRefresh(ctx: RefreshContext): Promise<TokenSet> {
  await syncWithStore(ctx);
  const fresh = freshTokenSet(ctx);
  if (fresh) return fresh;

  const lease = await takeLease(ctx);
  if (!(lease instanceof LeaseTaken)) return lease;
  const stopExtending = keepExtending(lease.lease, ctx.leaseTtlMs);
  try {
    // Another instance may have refreshed between our read and the lease.
    await syncWithStore(ctx);
    return freshTokenSet(ctx) ?? (await requestAndStore(ctx));
  } finally {
    stopExtending();
    await lease.lease.release().catch(() => undefined);
  }
}

/** Reads the store; first persists a token set whose earlier write failed. */
async function syncWithStore(ctx: RefreshContext): Promise<void> {
  const unsaved = ctx.unsaved();
  if (unsaved) {
    const version = await ctx.store.compareAndSet(ctx.key, unsaved.basedOn, unsaved.tokenSet);
    ctx.keepUnsaved(undefined);
    if (version !== undefined) {
      ctx.adopt({ tokenSet: unsaved.tokenSet, version });
      return;
    }
  }
  ctx.adopt(await ctx.store.get(ctx.key));
}

function freshTokenSet(ctx: RefreshContext): TokenSet | undefined {
  const current = ctx.current();
  return current?.tokenSet && ctx.isFresh(current) ? current.tokenSet : undefined;
}

class LeaseTaken {
  constructor(readonly lease: TokenLease) {}
}

/** The lease, or the token set another instance wrote while we waited for it. */
async function takeLease(ctx: RefreshContext): Promise<LeaseTaken | TokenSet> {
  if (!ctx.store.acquireLease) return new LeaseTaken({ extend: async () => true, release: async () => {} });
  // A holder that died leaves its lease to expire: waiting longer than two lease lifetimes means a broken store.
  const deadline = Date.now() + 2 * ctx.leaseTtlMs + ctx.refreshTimeoutMs;
  for (;;) {
    const lease = await ctx.store.acquireLease(ctx.key, ctx.leaseTtlMs);
    if (lease) return new LeaseTaken(lease);
    await sleep(ctx.leasePollMs);
    await syncWithStore(ctx);
    const fresh = freshTokenSet(ctx);
    if (fresh) return fresh;
    if (ctx.current()?.tokenSet === undefined && ctx.endpoint.grant === "refresh_token") {
      throw reauthorization(ctx, undefined);
    }
    if (Date.now() > deadline)
      throw new TokenStoreError(`timed out waiting for the refresh lease of "${ctx.key}"`);
  }
}

async function requestAndStore(ctx: RefreshContext): Promise<TokenSet> {
  const based = ctx.current() ?? { tokenSet: undefined, version: 0 };
  if (ctx.endpoint.grant === "refresh_token" && based.tokenSet?.refreshToken === undefined) {
    throw reauthorization(ctx, undefined);
  }
  let next: TokenSet;
  try {
    const { endpoint } = ctx;
    const requestedAt = ctx.now(); // expiry counts from when the request was sent
    const answer = await endpoint.send(based.tokenSet, AbortSignal.timeout(ctx.refreshTimeoutMs));
    next = tokenSetFromResult(answer, endpoint.fields, {
      requestedAt,
      previous: based.tokenSet,
      ...(endpoint.defaultLifetimeMs === undefined ? {} : { defaultLifetimeMs: endpoint.defaultLifetimeMs }),
    });
  } catch (error) {
    if (!isRefusal(ctx.endpoint, error)) throw error;
    // The refresh token is dead: clear it, unless another instance stored a newer token set meanwhile.
    const cleared = await ctx.store.compareAndSet(ctx.key, based.version, undefined);
    if (cleared !== undefined) ctx.adopt({ tokenSet: undefined, version: cleared });
    else return adoptNewer(ctx, error);
    throw reauthorization(ctx, error);
  }

  // Written before anyone gets the new access token; kept in memory if the write fails, since the refresh token
  // just sent may be spent already.
  ctx.keepUnsaved({ tokenSet: next, basedOn: based.version });
  const version = await ctx.store.compareAndSet(ctx.key, based.version, next);
  ctx.keepUnsaved(undefined);
  if (version === undefined) return adoptNewer(ctx, undefined);
  ctx.adopt({ tokenSet: next, version });
  return next;
}

/** Another writer got there first (our lease had lapsed): what the store holds wins. */
async function adoptNewer(ctx: RefreshContext, refusal: unknown): Promise<TokenSet> {
  const stored = await ctx.store.get(ctx.key);
  ctx.adopt(stored);
  if (stored.tokenSet && ctx.now() < stored.tokenSet.expiresAt) return stored.tokenSet;
  throw reauthorization(ctx, refusal instanceof OAuthApiError ? refusal : undefined);
}

export function isRefusal(endpoint: TokenEndpoint, error: unknown): error is OAuthApiError {
  if (endpoint.grant !== "refresh_token" || !(error instanceof OAuthApiError) || error.kind === "network") {
    return false;
  }
  const code = error.code === undefined ? undefined : String(error.code);
  return endpoint.refusedCodes.some((refused) => String(refused) === code);
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

/** Extends the lease every third of its lifetime while the refresh runs; the timer never keeps the process alive. */
function keepExtending(lease: TokenLease, ttlMs: number): () => void {
  const timer = setInterval(
    () => {
      lease.extend(ttlMs).catch(() => undefined);
    },
    Math.max(1, Math.floor(ttlMs / 3)),
  );
  timer.unref?.();
  return () => clearInterval(timer);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
