// Each provider's lifecycle surface as the tests use it: its generated authorizationUrl, its own code exchange,
// toTokenSet and createTokenManager, pointed at a sandbox.
import * as avito from "@x/avito-auth";
import * as criteo from "@x/criteo-oauth";
import * as douyin from "@x/douyin-oauth";
import type { TokenManager, TokenManagerOptions, TokenSet } from "@x/oauth-core";
import { DEFAULT_CLIENTS, type ShippedProviderId as ProviderId, type Sandbox } from "@x/oauth-sandbox";
import * as pinterest from "@x/pinterest-oauth";

/** A loopback redirect URI: what the sandbox's consent page accepts for its demo clients. */
export const REDIRECT = "http://127.0.0.1:9/callback";

export interface LifecycleProvider {
  id: ProviderId;
  /** Whether refreshing replaces the refresh token (without strict rotation). */
  rotates: boolean;
  /** The name the sandbox counts refresh requests under. */
  refreshCountName: string;
  /** The sandbox's count name for client_credentials requests, for providers with that grant. */
  clientCredentialsCountName?: string;
  authorizationUrl?: (options: {
    redirect_uri: string;
    scopes: string[];
    state?: string;
    authorizationEndpoint?: string;
  }) => {
    url: string;
    state: string;
  };
  /** Exchanges a code with the package's own method; returns the TokenSet as the package builds it. */
  exchange(sb: Sandbox, code: string): Promise<TokenSet>;
  manager(sb: Sandbox, options: TokenManagerOptions & { baseUrl?: string }): TokenManager;
  clientCredentialsManager?: (sb: Sandbox, options: TokenManagerOptions) => TokenManager;
}

const client = (id: ProviderId) => ({
  client_id: DEFAULT_CLIENTS[id].clientId,
  client_secret: DEFAULT_CLIENTS[id].clientSecret,
});
const baseUrlOf = (sb: Sandbox, id: ProviderId, options: { baseUrl?: string }) =>
  options.baseUrl ?? sb.baseUrls[id];

export const PROVIDERS: LifecycleProvider[] = [
  {
    id: "douyin",
    rotates: false,
    refreshCountName: "oauthRefreshTokenGet",
    authorizationUrl: (o) => douyin.authorizationUrl({ client_key: client("douyin").client_id, ...o }),
    async exchange(sb, code) {
      const requestedAt = sb.clock.now();
      const api = new douyin.DefaultApi({ baseUrl: sb.baseUrls.douyin });
      const { client_id: client_key, client_secret } = client("douyin");
      return douyin.toTokenSet(await api.oauthAccessTokenGet({ client_key, client_secret, code }), {
        requestedAt,
      });
    },
    manager: (sb, options) =>
      douyin.createTokenManager({
        ...options,
        config: { baseUrl: baseUrlOf(sb, "douyin", options) },
        credentials: {
          client_key: client("douyin").client_id,
          client_secret: client("douyin").client_secret,
        },
      }),
  },
  {
    id: "avito",
    rotates: true,
    refreshCountName: "refreshAccessTokenAuthorizationCode",
    clientCredentialsCountName: "getAccessToken",
    authorizationUrl: (o) => avito.authorizationUrl({ client_id: client("avito").client_id, ...o }),
    async exchange(sb, code) {
      const requestedAt = sb.clock.now();
      const api = new avito.ApplicationAccessApi({ baseUrl: sb.baseUrls.avito });
      return avito.toTokenSet(await api.getAccessTokenAuthorizationCode({ ...client("avito"), code }), {
        requestedAt,
      });
    },
    manager: (sb, options) =>
      avito.createTokenManager({
        ...options,
        config: { baseUrl: baseUrlOf(sb, "avito", options) },
        credentials: client("avito"),
      }),
    clientCredentialsManager: (sb, options) =>
      avito.createTokenManager({
        ...options,
        grant: "client_credentials",
        config: { baseUrl: sb.baseUrls.avito },
        credentials: client("avito"),
      }),
  },
  {
    id: "pinterest",
    rotates: true,
    refreshCountName: "oauthToken",
    clientCredentialsCountName: "oauthToken",
    authorizationUrl: (o) => pinterest.authorizationUrl({ client_id: client("pinterest").client_id, ...o }),
    async exchange(sb, code) {
      const requestedAt = sb.clock.now();
      const { client_id: clientId, client_secret: clientSecret } = client("pinterest");
      const api = new pinterest.OauthApi({ baseUrl: sb.baseUrls.pinterest, clientId, clientSecret });
      const answer = await api.oauthToken({ grant_type: "authorization_code", code, redirect_uri: REDIRECT });
      return pinterest.toTokenSet(answer, { requestedAt });
    },
    manager: (sb, options) => {
      const { client_id: clientId, client_secret: clientSecret } = client("pinterest");
      return pinterest.createTokenManager({
        ...options,
        config: { baseUrl: baseUrlOf(sb, "pinterest", options), clientId, clientSecret },
      });
    },
    clientCredentialsManager: (sb, options) => {
      const { client_id: clientId, client_secret: clientSecret } = client("pinterest");
      return pinterest.createTokenManager({
        ...options,
        grant: "client_credentials",
        scope: "boards:read",
        config: { baseUrl: sb.baseUrls.pinterest, clientId, clientSecret },
      });
    },
  },
  {
    id: "criteo",
    rotates: true,
    refreshCountName: "getToken",
    clientCredentialsCountName: "getToken",
    async exchange(sb, code) {
      const requestedAt = sb.clock.now();
      const api = new criteo.OAuthApi({ baseUrl: sb.baseUrls.criteo });
      const answer = await api.getToken({
        grant_type: "authorization_code",
        ...client("criteo"),
        code,
        redirect_uri: REDIRECT,
      });
      return criteo.toTokenSet(answer, { requestedAt });
    },
    manager: (sb, options) =>
      criteo.createTokenManager({
        ...options,
        config: { baseUrl: baseUrlOf(sb, "criteo", options) },
        credentials: client("criteo"),
      }),
    clientCredentialsManager: (sb, options) =>
      criteo.createTokenManager({
        ...options,
        grant: "client_credentials",
        config: { baseUrl: sb.baseUrls.criteo },
        credentials: client("criteo"),
      }),
  },
];

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
    authorizationEndpoint: sb.authorizationEndpoints[provider.id],
  });
  // The sandbox's consent page, answered "allow" as a user would.
  const back = new URL(await sb.consent(url, "allow"));
  return {
    code: back.searchParams.get("code") ?? "",
    state: back.searchParams.get("state") ?? "",
    sent: state,
  };
}
