// Each provider's lifecycle surface as the tests use it, built from its spec in specs/ (read with @x/spec-model)
// and the package the spec names (`info.x-sdk.package`): its authorizationUrl, its code exchange, toTokenSet and
// createTokenManager, pointed at a sandbox.
import type { TokenManager, TokenManagerOptions, TokenSet } from "@x/oauth-core";
import { defaultClient, type Sandbox } from "@x/oauth-sandbox";
import { providerDescriptions } from "../provider-specs.js";
import {
  apiConfig,
  grantParams,
  managerOptions,
  type ProviderDescription,
  sendGrant,
} from "../runtimes/smoke/grants.mjs";

/** A loopback redirect URI: what the sandbox's consent page accepts for its demo clients. */
export const REDIRECT = "http://127.0.0.1:9/callback";

export interface LifecycleProvider {
  id: string;
  /** The name the sandbox counts refresh requests under. */
  refreshCountName: string;
  /** The sandbox's count name for client_credentials requests, for providers with that grant. */
  clientCredentialsCountName?: string;
  /** Whether a token set tells when its refresh token expires (a lifetime in the spec or in the answer). */
  refreshTokenExpiry: boolean;
  authorizationUrl?: (options: {
    redirect_uri: string;
    scopes: string[];
    state?: string;
    authorizationEndpoint?: string;
  }) => {
    url: string;
    state: string;
  };
  /** Exchanges a code with the package's own method, for providers with that grant; the TokenSet as built. */
  exchange?: (sb: Sandbox, code: string) => Promise<TokenSet>;
  manager(sb: Sandbox, options: TokenManagerOptions & { baseUrl?: string }): TokenManager;
  clientCredentialsManager?: (sb: Sandbox, options: TokenManagerOptions) => TokenManager;
}

type Package = Record<string, unknown>;

function lifecycleProvider(provider: ProviderDescription, pkg: Package): LifecycleProvider {
  const { id, grants } = provider;
  const client = defaultClient(id);
  const createTokenManager = pkg.createTokenManager as (options: Record<string, unknown>) => TokenManager;
  const toTokenSet = pkg.toTokenSet as (answer: unknown, options: { requestedAt: number }) => TokenSet;
  const authorizationUrl = pkg.authorizationUrl as
    | ((options: Record<string, unknown>) => { url: string; state: string })
    | undefined;
  const baseUrlOf = (sb: Sandbox, baseUrl?: string) => baseUrl ?? servedAt(sb, id);
  const renewal = grants.refresh_token ?? grants.client_credentials;
  if (!renewal) throw new Error(`specs/${id}.yaml: no grant a token manager renews with`);
  return {
    id,
    refreshCountName: renewal.countName,
    ...(grants.client_credentials ? { clientCredentialsCountName: grants.client_credentials.countName } : {}),
    refreshTokenExpiry: provider.refreshTokenExpiry,
    ...(provider.clientIdName && authorizationUrl
      ? {
          authorizationUrl: (options) =>
            authorizationUrl({ [provider.clientIdName as string]: client.clientId, ...options }),
        }
      : {}),
    ...(grants.authorization_code
      ? {
          async exchange(sb, code) {
            const requestedAt = sb.clock.now();
            const params = grantParams(provider, "authorization_code", client, {
              code,
              redirect_uri: REDIRECT,
            });
            const config = apiConfig(provider, client, { baseUrl: baseUrlOf(sb) });
            const answer = await sendGrant(pkg, provider, "authorization_code", config, params);
            return toTokenSet(answer, { requestedAt });
          },
        }
      : {}),
    manager: (sb, { baseUrl, ...options }) =>
      createTokenManager({
        ...options,
        ...managerOptions(provider, client, { baseUrl: baseUrlOf(sb, baseUrl) }),
      }),
    ...(grants.client_credentials
      ? {
          clientCredentialsManager: (sb, options) =>
            createTokenManager({
              ...options,
              ...managerOptions(provider, client, { baseUrl: baseUrlOf(sb) }, "client_credentials"),
            }),
        }
      : {}),
  };
}

/** The package a spec names, as the repository root depends on it. */
async function importPackage(provider: ProviderDescription): Promise<Package> {
  try {
    return (await import(provider.packageName)) as Package;
  } catch (error) {
    const hint = `add "${provider.packageName}": "workspace:*" to the root package.json's devDependencies`;
    throw new Error(
      `specs/${provider.id}.yaml names ${provider.packageName}, which the tests cannot import (${hint})`,
      {
        cause: error,
      },
    );
  }
}

export const PROVIDERS: LifecycleProvider[] = await Promise.all(
  providerDescriptions().map(async (provider) => lifecycleProvider(provider, await importPackage(provider))),
);

/** The sandbox's base URL (or another of its per-provider URLs) of a provider it serves. */
export function servedAt(sb: Sandbox, id: string, urls = sb.baseUrls): string {
  const url = urls[id];
  if (url === undefined) throw new Error(`the sandbox does not serve ${id}`);
  return url;
}

/** Answers the sandbox's consent page as a user would: the code and state of the redirect back. */
export async function authorize(
  sb: Sandbox,
  provider: LifecycleProvider,
): Promise<{ code: string; state: string; sent: string }> {
  if (!provider.authorizationUrl) {
    const { code } = await sb.issueCode(provider.id, { redirectUri: REDIRECT });
    return { code, state: "", sent: "" };
  }
  const { url, state } = provider.authorizationUrl({
    redirect_uri: REDIRECT,
    scopes: [],
    authorizationEndpoint: servedAt(sb, provider.id, sb.authorizationEndpoints),
  });
  // The sandbox's consent page, answered "allow" as a user would.
  const back = new URL(await sb.consent(url, "allow"));
  return {
    code: back.searchParams.get("code") ?? "",
    state: back.searchParams.get("state") ?? "",
    sent: state,
  };
}
