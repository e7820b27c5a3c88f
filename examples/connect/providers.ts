// The three providers whose specs declare an authorization code flow, each through its own package only: the
// authorize URL, the callback, the code exchange and the token manager.
import * as avito from "@x/avito-auth";
import * as douyin from "@x/douyin-oauth";
import * as pinterest from "@x/pinterest-oauth";

/** Where a provider is (the real one, or a sandbox) and the app's credentials there. */
export interface ProviderSetup {
  baseUrl: string;
  /** The authorize page; omitted, the provider's own. */
  authorizationEndpoint?: string;
  clientId: string;
  clientSecret: string;
}

export interface ConnectTarget {
  id: "douyin" | "avito" | "pinterest";
  label: string;
  scopes: string[];
  /** The package's authorizationUrl, with the app's client id under the provider's name for it. */
  authorizationUrl(setup: ProviderSetup, redirectUri: string): { url: string; state: string };
  parseCallback(url: URL, expectedState: string): { code: string };
  /** The package's code exchange, as a TokenSet. */
  exchange(setup: ProviderSetup, code: string, redirectUri: string, requestedAt: number): Promise<TokenSet>;
  manager(setup: ProviderSetup, common: CommonManagerOptions): TokenManager;
}

type TokenSet = douyin.TokenSet;
type TokenManager = douyin.TokenManager;
interface CommonManagerOptions {
  store: douyin.TokenStore;
  key: string;
  now: () => number;
}

export const TARGETS: ConnectTarget[] = [
  {
    id: "douyin",
    label: "Douyin",
    scopes: ["user_info"],
    authorizationUrl: (setup, redirect_uri) =>
      douyin.authorizationUrl({
        client_key: setup.clientId,
        redirect_uri,
        scopes: ["user_info"],
        ...endpoint(setup),
      }),
    parseCallback: (url, expectedState) => douyin.parseCallback(url, { expectedState }),
    async exchange(setup, code, _redirectUri, requestedAt) {
      const api = new douyin.DefaultApi({ baseUrl: setup.baseUrl });
      const answer = await api.oauthAccessTokenGet({
        client_key: setup.clientId,
        client_secret: setup.clientSecret,
        code,
      });
      return douyin.toTokenSet(answer, { requestedAt });
    },
    manager: (setup, common) =>
      douyin.createTokenManager({
        ...common,
        config: { baseUrl: setup.baseUrl },
        credentials: { client_key: setup.clientId, client_secret: setup.clientSecret },
      }),
  },
  {
    id: "avito",
    label: "Avito",
    scopes: ["messenger:read", "user:read"],
    authorizationUrl: (setup, redirect_uri) =>
      avito.authorizationUrl({
        client_id: setup.clientId,
        redirect_uri,
        scopes: ["messenger:read", "user:read"],
        ...endpoint(setup),
      }),
    parseCallback: (url, expectedState) => avito.parseCallback(url, { expectedState }),
    async exchange(setup, code, _redirectUri, requestedAt) {
      const api = new avito.ApplicationAccessApi({ baseUrl: setup.baseUrl });
      const answer = await api.getAccessTokenAuthorizationCode({
        client_id: setup.clientId,
        client_secret: setup.clientSecret,
        code,
      });
      return avito.toTokenSet(answer, { requestedAt });
    },
    manager: (setup, common) =>
      avito.createTokenManager({
        ...common,
        config: { baseUrl: setup.baseUrl },
        credentials: { client_id: setup.clientId, client_secret: setup.clientSecret },
      }),
  },
  {
    id: "pinterest",
    label: "Pinterest",
    scopes: ["boards:read", "user_accounts:read"],
    authorizationUrl: (setup, redirect_uri) =>
      pinterest.authorizationUrl({
        client_id: setup.clientId,
        redirect_uri,
        scopes: ["boards:read", "user_accounts:read"],
        ...endpoint(setup),
      }),
    parseCallback: (url, expectedState) => pinterest.parseCallback(url, { expectedState }),
    async exchange(setup, code, redirect_uri, requestedAt) {
      const api = new pinterest.OauthApi({
        baseUrl: setup.baseUrl,
        clientId: setup.clientId,
        clientSecret: setup.clientSecret,
      });
      const answer = await api.oauthToken({ grant_type: "authorization_code", code, redirect_uri });
      return pinterest.toTokenSet(answer, { requestedAt });
    },
    manager: (setup, common) =>
      pinterest.createTokenManager({
        ...common,
        config: { baseUrl: setup.baseUrl, clientId: setup.clientId, clientSecret: setup.clientSecret },
      }),
  },
];

function endpoint(setup: ProviderSetup): { authorizationEndpoint?: string } {
  return setup.authorizationEndpoint ? { authorizationEndpoint: setup.authorizationEndpoint } : {};
}

/** Whether an error is a package's refusal of the callback (the class is the same in every package). */
export const isCallbackError = (error: unknown): error is douyin.AuthorizationCallbackError =>
  error instanceof douyin.AuthorizationCallbackError;
