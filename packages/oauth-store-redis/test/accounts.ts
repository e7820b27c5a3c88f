// Many accounts in one app, as the scale test and `bench/lifecycle.ts` drive them: Avito's createTokenManagers over a
// shared store, each account asked by several callers at once, a window of accounts at a time.
import { createTokenManagers } from "@x/avito-auth";
import { RefreshQueue, type TokenManagers, type TokenSet, type TokenStore } from "@x/oauth-core";
import { firstRefreshToken } from "./token-endpoint.js";

export const accountKey = (index: number) => `acct-${index}`;

/** What an account starts with: an access token valid until `expiresAt`, and its first refresh token. */
export function accountTokenSet(index: number, expiresAt: number): TokenSet {
  const account = accountKey(index);
  return {
    accessToken: `at.${account}.0`,
    tokenType: "Bearer",
    expiresAt,
    refreshToken: firstRefreshToken(account),
    scopes: [],
    extra: {},
    raw: {},
  };
}

/** Writes accounts `from` to `to` (exclusive) into an empty store, `concurrency` writes at a time. */
export async function seedAccounts(
  store: TokenStore,
  from: number,
  to: number,
  expiresAt: (index: number) => number,
  concurrency = 500,
): Promise<void> {
  for (let start = from; start < to; start += concurrency) {
    const writes: Promise<unknown>[] = [];
    for (let index = start; index < Math.min(start + concurrency, to); index++)
      writes.push(store.compareAndSet(accountKey(index), 0, accountTokenSet(index, expiresAt(index))));
    await Promise.all(writes);
  }
}

export interface AccountsOptions {
  /** The token endpoint's base URL (./token-endpoint.ts). */
  baseUrl: string;
  store: TokenStore;
  maxManagers: number;
  /** Retries of a refresh the server refused for now (429 with Retry-After). Default 0. */
  retries?: number;
  /** Refreshes run at once (createTokenManagers' RefreshQueue). Default: the package's. */
  refreshesAtOnce?: number;
}

export function accountManagers(options: AccountsOptions): TokenManagers {
  return createTokenManagers({
    store: options.store,
    maxManagers: options.maxManagers,
    config: { baseUrl: options.baseUrl, retry: { retries: options.retries ?? 0 } },
    credentials: { client_id: "scale-client", client_secret: "scale-secret" },
    ...(options.refreshesAtOnce === undefined
      ? {}
      : { refreshQueue: new RefreshQueue(options.refreshesAtOnce) }),
  });
}

export interface WalkResult {
  /** Milliseconds from the first ask to the last token. */
  ms: number;
  /** Per account, milliseconds from its first caller's ask until its last caller had the token. */
  waitsMs: number[];
  /** Accounts whose callers got different access tokens. */
  disagreeing: number;
  /** Callers that got an error, and the first error's message. */
  errors: number;
  firstError?: string;
  /** Accounts whose manager had a refresh in flight and was then found replaced (dropped while busy). */
  droppedWhileBusy: number;
  /** The most managers held at once. */
  maxManagersHeld: number;
}

/**
 * Asks accounts `from`..`to` for their access token, `window` accounts at a time, `callers` callers per account at
 * once (each through `managers.get`). While a window's refreshes are in flight every manager is looked up again: a
 * busy one must still be the same object.
 */
export async function walkAccounts(
  managers: TokenManagers,
  from: number,
  to: number,
  { window = 500, callers = 2 } = {},
): Promise<WalkResult> {
  const result: WalkResult = {
    ms: 0,
    waitsMs: [],
    disagreeing: 0,
    errors: 0,
    droppedWhileBusy: 0,
    maxManagersHeld: 0,
  };
  const started = performance.now();
  for (let start = from; start < to; start += window) {
    const keys: string[] = [];
    for (let index = start; index < Math.min(start + window, to); index++) keys.push(accountKey(index));
    const asks = keys.map(async (key) => {
      const asked = performance.now();
      const tokens = await Promise.all(
        Array.from({ length: callers }, () =>
          managers
            .get(key)
            .getAccessToken()
            .catch((error: unknown) => {
              result.errors++;
              result.firstError ??= String(error);
              return "";
            }),
        ),
      );
      result.waitsMs.push(performance.now() - asked);
      if (new Set(tokens).size > 1) result.disagreeing++;
    });
    const busy = keys.map((key) => managers.get(key)).filter((manager) => manager.busy);
    result.maxManagersHeld = Math.max(result.maxManagersHeld, managers.size);
    for (const manager of busy) if (managers.get(manager.key) !== manager) result.droppedWhileBusy++;
    await Promise.all(asks);
    result.maxManagersHeld = Math.max(result.maxManagersHeld, managers.size);
  }
  result.ms = performance.now() - started;
  return result;
}
