// Every provider package's createTokenManager: the grant it renews with, that grant's request, and the
// TokenManager around it, from the small table its lifecycle module generates from the spec.
import type { OAuthApiErrorClass } from "../call/errors.js";
import type { RefusalRule, TokenEndpoint, TokenGrant } from "./endpoint.js";
import { RefreshQueue } from "./refresh-queue.js";
import { TokenManager, type TokenManagerOptions } from "./token-manager.js";
import { TokenManagers } from "./token-managers.js";
import type { TokenFieldMap } from "./token-set.js";
import { MemoryTokenStore } from "./token-store.js";

/** A grant request as the manager builds it: grant_type, the refresh token it renews, credentials, options. */
export type GrantParams = Record<string, string>;

/** How one grant is sent: generated per provider from the SDK method the spec gives that grant. */
export interface GrantCall<Config> {
  /** The SDK method that sends it, for errors. */
  operation: string;
  /** Fields of `credentials` the request takes, in its order. */
  credentials?: readonly string[];
  /** Fields of the manager's own options the request takes (Pinterest's `scope`). */
  options?: readonly string[];
  /** Creates the API class (which checks `config` now) and returns the sender of one request. */
  connect(config: Config | undefined): (params: GrantParams, signal: AbortSignal) => Promise<unknown>;
}

/** One provider's token endpoint, as its generated lifecycle module describes it. */
export interface ProviderTokenTable<Config> {
  provider: string;
  /** The package's npm name, for errors. */
  packageName: string;
  /** The package's error class. */
  errorClass?: OAuthApiErrorClass;
  fields: TokenFieldMap;
  /** Provider error codes (or rules, for a generic code) meaning the refresh token is refused. */
  refusedCodes: readonly (string | number | RefusalRule)[];
  grants: Partial<Record<TokenGrant, GrantCall<Config>>>;
}

/** The options every provider's createTokenManager takes, besides its credentials and grant. */
export interface ProviderTokenManagerOptions<Config> extends TokenManagerOptions {
  /** The API classes' configuration (baseUrl, fetch, …), passed to them as it is. */
  config?: Config;
  /** Lifetime of an access token whose answer gives no expiry, in ms (never "does not expire"). */
  defaultLifetimeMs?: number;
}

type ManagerOptions<Config> = ProviderTokenManagerOptions<Config> & {
  grant?: TokenGrant;
  credentials?: object;
};

/** A TokenManager that renews with the grant `options.grant` names (default: refresh_token). */
export function createProviderTokenManager<Config>(
  table: ProviderTokenTable<Config>,
  options: ManagerOptions<Config>,
): TokenManager {
  return new TokenManager(providerEndpoint(table, options), options);
}

/**
 * The managers of many accounts (`get(key)`), sharing one endpoint (one API class, one learned clock) and one store
 * (by default one MemoryTokenStore, so an account dropped from memory keeps its token set), and one RefreshQueue (by
 * default 64 refreshes at once).
 */
export function createProviderTokenManagers<Config>(
  table: ProviderTokenTable<Config>,
  options: Omit<ManagerOptions<Config>, "key"> & { maxManagers?: number | undefined },
): TokenManagers {
  const endpoint = providerEndpoint(table, options);
  const shared = {
    ...options,
    store: options.store ?? new MemoryTokenStore(),
    refreshQueue: options.refreshQueue ?? new RefreshQueue(),
  };
  return new TokenManagers((key) => new TokenManager(endpoint, { ...shared, key }), options.maxManagers);
}

/** The provider's token endpoint for the grant `options.grant` names, as a TokenManager calls it. */
function providerEndpoint<Config>(
  table: ProviderTokenTable<Config>,
  options: ManagerOptions<Config>,
): TokenEndpoint {
  const grant = options.grant ?? "refresh_token";
  const call = Object.hasOwn(table.grants, grant) ? table.grants[grant] : undefined;
  if (!call) throw new TypeError(`${table.packageName} has no ${String(options.grant)} grant`);
  const clock = providerClock(options.config);
  const send = call.connect(clock.config);
  const credentials = (options.credentials ?? {}) as Readonly<Record<string, unknown>>;
  const own = options as Readonly<Record<string, unknown>>;
  return {
    provider: table.provider,
    operation: call.operation,
    grant,
    refusedCodes: table.refusedCodes,
    errorClass: table.errorClass,
    fields: table.fields,
    defaultLifetimeMs: options.defaultLifetimeMs,
    clockSkewMs: clock.skewMs,
    send(current: { refreshToken?: string } | undefined, signal: AbortSignal) {
      const params: GrantParams = { grant_type: grant };
      if (grant === "refresh_token") params.refresh_token = current?.refreshToken ?? "";
      copyDefined(params, credentials, call.credentials);
      copyDefined(params, own, call.options);
      return send(params, signal);
    },
  };
}

/**
 * The config with its fetch wrapped to read each answer's Date header: the provider's clock minus ours (the header
 * counts whole seconds, so half a second is added; a skew under 1.5 s is taken as none).
 */
function providerClock<Config>(config: Config | undefined): {
  config: Config;
  skewMs: () => number | undefined;
} {
  let skewMs: number | undefined;
  const own = config as { fetch?: typeof fetch } | undefined;
  const fetchOf = () => own?.fetch ?? globalThis.fetch;
  const observing: typeof fetch = async (input, init) => {
    const response = await fetchOf()(input, init);
    const date = Date.parse(response.headers.get("date") ?? "");
    // Within the header's precision the clocks agree: no correction (which would only add noise).
    if (!Number.isNaN(date)) skewMs = Math.abs(date + 500 - Date.now()) < 1_500 ? 0 : date + 500 - Date.now();
    return response;
  };
  return { config: { ...own, fetch: observing } as Config, skewMs: () => skewMs };
}

/** Copies the named values that are set; a field left out stays out of the request. */
function copyDefined(
  target: GrantParams,
  source: Readonly<Record<string, unknown>>,
  names: readonly string[] = [],
): void {
  for (const name of names) {
    const value = source[name];
    if (value !== undefined) target[name] = String(value);
  }
}
