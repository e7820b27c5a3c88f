// The runtime smoke suite: what a user does with each provider package, written for every runtime at once.
// Plain ESM with nothing but fetch, URL and JSON, so Node, Bun, Deno and workerd run the very same file
// against the installed (packed) packages. One feature is one entry of `features`; one provider is one entry
// of `providers`.
import { ApplicationAccessApi, AvitoAuthError } from "@x/avito-auth";
import { CriteoOAuthError, OAuthApi } from "@x/criteo-oauth";
import { DefaultApi, DouyinOAuthError } from "@x/douyin-oauth";
import { OAuthApiError } from "@x/oauth-core";
import { OauthApi, PinterestOAuthError } from "@x/pinterest-oauth";

const redirectUri = "http://localhost:8080/callback";

const demoClient = (id) => ({ clientId: `sandbox-${id}-client`, clientSecret: `sandbox-${id}-secret` });

/** A code as if a user had allowed the app (the sandbox's POST /<provider>/_sandbox/codes). */
async function issueCode(sandboxUrl, id, body) {
  const response = await fetch(`${sandboxUrl}/${id}/_sandbox/codes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (response.status !== 201 || typeof answer.code !== "string") {
    throw new Error(`the sandbox issued no ${id} code: HTTP ${response.status}`);
  }
  return answer.code;
}

/**
 * Per provider: how to build its client, get a code, exchange it, refresh, and make a call the provider
 * refuses (with the error class, status and kind that refusal must carry).
 */
export const providers = [
  {
    id: "criteo",
    errorClass: CriteoOAuthError,
    client: (baseUrl, options = {}) => new OAuthApi({ baseUrl, ...options }),
    code: (sandboxUrl, { clientId }) => issueCode(sandboxUrl, "criteo", { client_id: clientId }),
    exchange: (api, { clientId, clientSecret }, code) =>
      api.getToken({
        grant_type: "authorization_code",
        client_id: clientId,
        client_secret: clientSecret,
        code,
      }),
    refresh: (api, { clientId, clientSecret }, token) =>
      api.getToken({
        grant_type: "refresh_token",
        client_id: clientId,
        client_secret: clientSecret,
        refresh_token: token.refresh_token,
      }),
    accessToken: (token) => token.access_token,
    refused: (api, { clientId }) =>
      api.getToken({ grant_type: "client_credentials", client_id: clientId, client_secret: "wrong-secret" }),
    expectedError: { status: 401, kind: "http" },
  },
  {
    id: "douyin",
    errorClass: DouyinOAuthError,
    client: (baseUrl, options = {}) => new DefaultApi({ baseUrl, ...options }),
    code: (sandboxUrl, { clientId }) => issueCode(sandboxUrl, "douyin", { client_key: clientId }),
    exchange: (api, { clientId, clientSecret }, code) =>
      api.oauthAccessTokenGet({ client_key: clientId, client_secret: clientSecret, code }),
    refresh: (api, { clientId }, token) =>
      api.oauthRefreshTokenGet({ client_key: clientId, refresh_token: token.data?.refresh_token }),
    accessToken: (token) => token.data?.access_token,
    // Douyin reports its errors inside HTTP 200.
    refused: (api, { clientId, clientSecret }) =>
      api.oauthAccessTokenGet({ client_key: clientId, client_secret: clientSecret, code: "no-such-code" }),
    expectedError: { status: 200, kind: "in-body" },
  },
  {
    id: "avito",
    errorClass: AvitoAuthError,
    client: (baseUrl, options = {}) => new ApplicationAccessApi({ baseUrl, ...options }),
    code: (sandboxUrl, { clientId }) => issueCode(sandboxUrl, "avito", { client_id: clientId }),
    exchange: (api, { clientId, clientSecret }, code) =>
      api.getAccessTokenAuthorizationCode({ client_id: clientId, client_secret: clientSecret, code }),
    refresh: (api, { clientId, clientSecret }, token) =>
      api.refreshAccessTokenAuthorizationCode({
        client_id: clientId,
        client_secret: clientSecret,
        refresh_token: token.refresh_token,
      }),
    accessToken: (token) => token.access_token,
    refused: (api, { clientId, clientSecret }) =>
      api.getAccessTokenAuthorizationCode({
        client_id: clientId,
        client_secret: clientSecret,
        code: "no-such-code",
      }),
    expectedError: { status: 400, kind: "http" },
  },
  {
    id: "pinterest",
    errorClass: PinterestOAuthError,
    client: (baseUrl, options = {}) => new OauthApi({ baseUrl, ...demoClient("pinterest"), ...options }),
    code: (sandboxUrl, { clientId }) =>
      issueCode(sandboxUrl, "pinterest", { client_id: clientId, redirect_uri: redirectUri }),
    exchange: (api, _client, code) =>
      api.oauthToken({ grant_type: "authorization_code", code, redirect_uri: redirectUri }),
    refresh: (api, _client, token) =>
      api.oauthToken({ grant_type: "refresh_token", refresh_token: token.refresh_token }),
    accessToken: (token) => token.access_token,
    refused: (api) =>
      api.oauthToken({ grant_type: "authorization_code", code: "no-such-code", redirect_uri: redirectUri }),
    expectedError: { status: 400, kind: "http" },
  },
];

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** A code exchanged for a token: the token data of one provider, fresh for every feature that needs one. */
async function exchangeFreshCode(provider, context) {
  const client = demoClient(provider.id);
  const api = provider.client(context.baseUrl);
  const token = await provider.exchange(api, client, await provider.code(context.sandboxUrl, client));
  check(typeof provider.accessToken(token) === "string", "the exchange gave no access_token");
  return { api, client, token };
}

/**
 * The features every runtime must support, in order. Each gets the provider and the sandbox URLs, throws when
 * the runtime breaks the feature, and returns a short detail for the report.
 */
export const features = [
  {
    name: "exchange",
    async run(provider, context) {
      const { token } = await exchangeFreshCode(provider, context);
      return `access_token ${provider.accessToken(token).length} chars`;
    },
  },
  {
    name: "refresh",
    async run(provider, context) {
      const { api, client, token } = await exchangeFreshCode(provider, context);
      const renewed = await provider.refresh(api, client, token);
      check(typeof provider.accessToken(renewed) === "string", "the refresh gave no access_token");
      return "new access_token";
    },
  },
  {
    name: "typed error",
    async run(provider, context) {
      const api = provider.client(context.baseUrl);
      const error = await provider.refused(api, demoClient(provider.id)).then(
        () => undefined,
        (caught) => caught,
      );
      const { status, kind } = provider.expectedError;
      check(error instanceof provider.errorClass, `expected ${provider.errorClass.name}, got ${error}`);
      check(error instanceof OAuthApiError, "the error is not an OAuthApiError");
      check(error.status === status, `status ${error.status}, expected ${status}`);
      check(error.kind === kind, `kind ${error.kind}, expected ${kind}`);
      check(!error.message.includes(demoClient(provider.id).clientSecret), "the message holds the secret");
      return `${error.name} status ${error.status} kind ${error.kind}`;
    },
  },
];

/** Runs every feature for every provider against the sandbox at `sandboxUrl`; never throws. */
export async function runSuite(sandboxUrl) {
  const results = [];
  for (const provider of providers) {
    const context = { sandboxUrl, baseUrl: `${sandboxUrl}/${provider.id}` };
    for (const feature of features) {
      try {
        results.push({
          provider: provider.id,
          feature: feature.name,
          ok: true,
          detail: await feature.run(provider, context),
        });
      } catch (error) {
        const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        results.push({ provider: provider.id, feature: feature.name, ok: false, detail });
      }
    }
  }
  return results;
}

/** Which runtime this is, as the runtime itself reports it. */
export function runtimeIdentity() {
  if (globalThis.Deno?.version) return `deno ${globalThis.Deno.version.deno}`;
  if (globalThis.Bun?.version) return `bun ${globalThis.Bun.version}`;
  if (globalThis.process?.versions?.node) return `node ${globalThis.process.versions.node}`;
  return globalThis.navigator?.userAgent ?? "unknown";
}
