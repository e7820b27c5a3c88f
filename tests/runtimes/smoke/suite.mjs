// The runtime smoke suite: what a user does with each provider package, written for every runtime at once.
// Plain ESM with nothing but fetch, URL and JSON, so Node, Bun, Deno and workerd run the very same file
// against the installed (packed) packages. One feature is one entry of `features`; the providers are those of
// specs/, in `providers.mjs`, which the matrix writes into the consumer project (tests/runtimes/matrix.ts).
import { OAuthApiError } from "@x/oauth-core";
import { apiConfig, grantParams, managerOptions, sendGrant } from "./grants.mjs";
import { providers } from "./providers.mjs";

export { providers };

const redirectUri = "http://localhost:8080/callback";

const demoClient = (id) => ({ clientId: `sandbox-${id}-client`, clientSecret: `sandbox-${id}-secret` });

/** A code as if a user had allowed the app (the sandbox's POST /<provider>/_sandbox/codes). */
async function issueCode(sandboxUrl, provider, client) {
  const exchange = provider.grants.authorization_code;
  const idField = exchange.fields.find((field) => field.role === "client_id")?.name;
  const body = { [provider.clientIdName ?? idField ?? "client_id"]: client.clientId };
  if (exchange.fields.some((field) => field.role === "redirect_uri")) body.redirect_uri = redirectUri;
  const response = await fetch(`${sandboxUrl}/${provider.id}/_sandbox/codes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (response.status !== 201 || typeof answer.code !== "string") {
    throw new Error(`the sandbox issued no ${provider.id} code: HTTP ${response.status}`);
  }
  return answer.code;
}

/** The package's own token answer → TokenSet. */
const tokenSetOf = (provider, answer) => provider.pkg.toTokenSet(answer);

/**
 * A request the provider refuses, and the status and kind of the error it must give: a code it never issued,
 * or (without a code grant) a wrong client secret. Errors inside a success status are the spec's in-body errors.
 */
function refused(provider, config) {
  const client = demoClient(provider.id);
  if (!provider.grants.authorization_code) {
    const wrong = { ...client, clientSecret: "wrong-secret" };
    const params = grantParams(provider, "client_credentials", wrong, { scope: provider.scope });
    const request = sendGrant(
      provider.pkg,
      provider,
      "client_credentials",
      apiConfig(provider, wrong, config),
      params,
    );
    return { request, status: 401, kind: "http" };
  }
  const params = grantParams(provider, "authorization_code", client, {
    code: "no-such-code",
    redirect_uri: redirectUri,
  });
  const request = sendGrant(
    provider.pkg,
    provider,
    "authorization_code",
    apiConfig(provider, client, config),
    params,
  );
  return provider.errorInBody
    ? { request, status: 200, kind: "in-body" }
    : { request, status: 400, kind: "http" };
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** A code exchanged for a token: the token answer of one provider, fresh for every feature that needs one. */
async function exchangeFreshCode(provider, context) {
  const client = demoClient(provider.id);
  const config = apiConfig(provider, client, { baseUrl: context.baseUrl });
  const code = await issueCode(context.sandboxUrl, provider, client);
  const params = grantParams(provider, "authorization_code", client, { code, redirect_uri: redirectUri });
  const token = await sendGrant(provider.pkg, provider, "authorization_code", config, params);
  check(typeof tokenSetOf(provider, token).accessToken === "string", "the exchange gave no access_token");
  return { config, client, token };
}

/**
 * The features every runtime must support, in order. Each gets the provider and the sandbox URLs, throws when
 * the runtime breaks the feature, and returns a short detail for the report.
 */
export const features = [
  {
    name: "exchange",
    needsCode: true,
    async run(provider, context) {
      const { token } = await exchangeFreshCode(provider, context);
      return `access_token ${tokenSetOf(provider, token).accessToken.length} chars`;
    },
  },
  {
    name: "refresh",
    needsCode: true,
    async run(provider, context) {
      const { config, client, token } = await exchangeFreshCode(provider, context);
      const params = grantParams(provider, "refresh_token", client, {
        refresh_token: tokenSetOf(provider, token).refreshToken,
      });
      const renewed = await sendGrant(provider.pkg, provider, "refresh_token", config, params);
      check(
        typeof tokenSetOf(provider, renewed).accessToken === "string",
        "the refresh gave no access_token",
      );
      return "new access_token";
    },
  },
  {
    name: "typed error",
    async run(provider, context) {
      const { request, status, kind } = refused(provider, { baseUrl: context.baseUrl });
      const error = await request.then(
        () => undefined,
        (caught) => caught,
      );
      const errorClass = provider.pkg[provider.errorClass];
      check(error instanceof errorClass, `expected ${provider.errorClass}, got ${error}`);
      check(error instanceof OAuthApiError, "the error is not an OAuthApiError");
      check(error.status === status, `status ${error.status}, expected ${status}`);
      check(error.kind === kind, `kind ${error.kind}, expected ${kind}`);
      check(!error.message.includes(demoClient(provider.id).clientSecret), "the message holds the secret");
      return `${error.name} status ${error.status} kind ${error.kind}`;
    },
  },
  {
    name: "timeout",
    async run(provider, context) {
      // The sandbox holds its answers back longer than the client waits (the runtime's own timers abort).
      await setLatency(context, 2_000);
      try {
        const started = Date.now();
        const error = await refused(provider, { baseUrl: context.baseUrl, timeout: 200 }).request.then(
          () => undefined,
          (caught) => caught,
        );
        const errorClass = provider.pkg[provider.errorClass];
        check(error instanceof errorClass, `expected ${provider.errorClass}, got ${error}`);
        check(error.kind === "timeout", `kind ${error.kind}, expected timeout`);
        return `kind timeout after ${Date.now() - started} ms`;
      } finally {
        await setLatency(context, 0);
      }
    },
  },
  {
    name: "token manager refresh",
    needsCode: true,
    async run(provider, context) {
      const { client, token } = await exchangeFreshCode(provider, context);
      const manager = provider.pkg.createTokenManager(
        managerOptions(provider, client, { baseUrl: context.baseUrl }),
      );
      // Stored as already expired, so the next access token is the manager's own refresh.
      await manager.setTokenSet({ ...tokenSetOf(provider, token), expiresAt: 0 });
      const accessToken = await manager.getAccessToken();
      check(typeof accessToken === "string", "the manager gave no access token");
      // Douyin's refresh may keep the access token and renew its lifetime: the renewed expiry is the proof.
      const renewed = await manager.getTokenSet();
      check(renewed?.accessToken === accessToken, "the manager served another token than it stored");
      check(renewed.expiresAt > Date.now(), "the manager served the expired token set");
      return `refreshed, expires in ${Math.round((renewed.expiresAt - Date.now()) / 1000)} s`;
    },
  },
];

/** Sets how long the sandbox holds back this provider's token answers. */
async function setLatency(context, ms) {
  const response = await fetch(`${context.baseUrl}/_sandbox/latency`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ms }),
  });
  await response.body?.cancel();
  if (response.status !== 200) throw new Error(`the sandbox refused latency ${ms}: HTTP ${response.status}`);
}

/** Runs every feature for every provider against the sandbox at `sandboxUrl`; never throws. */
export async function runSuite(sandboxUrl) {
  const results = [];
  for (const provider of providers) {
    const context = { sandboxUrl, baseUrl: `${sandboxUrl}/${provider.id}` };
    for (const feature of features) {
      if (feature.needsCode && !provider.grants.authorization_code) {
        // Nothing to test without a code grant: reported, so every provider lists every feature.
        const detail = "not applicable: the spec has no authorization_code grant";
        results.push({ provider: provider.id, feature: feature.name, ok: true, detail });
        continue;
      }
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
