// What token-lifecycle tests lean on: strict rotation with reuse detection, request counts, held-back answers,
// and the authorize redirect that completes an authorization-URL flow, all through the provider packages.
import { request } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../src/index.js";
import { PROVIDERS, type Provider, read, SPECS_DIR } from "./helpers.js";
import { providerClient, REFUSED, rejectionOf } from "./provider-clients.js";

const REDIRECT = "https://app.example.test/callback";
let strict: Sandbox;
let lenient: Sandbox;
beforeAll(async () => {
  strict = await startSandbox({ specsDir: SPECS_DIR, strictRotation: true, clock: { frozen: true } });
  lenient = await startSandbox({ specsDir: SPECS_DIR, clock: { frozen: true } });
});
afterAll(() => Promise.all([strict.close(), lenient.close()]));
beforeEach(() => {
  strict.reset();
  lenient.reset();
});

function clientOf(sb: Sandbox, provider: Provider) {
  const [client] = sb.clients(provider);
  if (!client) throw new Error(`no ${provider} client`);
  return providerClient(sb, provider, client);
}

async function exchanged(sb: Sandbox, provider: Provider) {
  const { code } = await sb.issueCode(provider, { redirectUri: REDIRECT });
  return clientOf(sb, provider).exchange(code, REDIRECT);
}

describe("strictRotation", () => {
  it.each(PROVIDERS)(
    "%s: a reused refresh token is refused and revokes every token of its grant",
    async (provider) => {
      const api = clientOf(strict, provider);
      const first = await exchanged(strict, provider);
      const second = await api.refresh(first.refresh ?? "");
      expect(second.refresh).toBeDefined();
      expect(second.refresh).not.toBe(first.refresh);
      expect(strict.introspect(provider, second.access ?? "").active).toBe(true);

      const reuse = await rejectionOf(api.refresh(first.refresh ?? ""));
      expect(reuse?.code).toBe(REFUSED[provider].refresh);
      for (const token of [first.access, first.refresh, second.access, second.refresh]) {
        expect(strict.introspect(provider, token ?? "").active).toBe(false);
      }
      // The newest refresh token went with its grant.
      expect((await rejectionOf(api.refresh(second.refresh ?? "")))?.code).toBe(REFUSED[provider].refresh);
    },
  );

  it("leaves other grants of the same client alone", async () => {
    const api = clientOf(strict, "criteo");
    const victim = await exchanged(strict, "criteo");
    const bystander = await exchanged(strict, "criteo");
    await api.refresh(victim.refresh ?? "");
    await rejectionOf(api.refresh(victim.refresh ?? ""));
    expect(strict.introspect("criteo", bystander.access ?? "").active).toBe(true);
    await expect(api.refresh(bystander.refresh ?? "")).resolves.toMatchObject({ access: expect.any(String) });
  });

  it("a code exchanged twice revokes the tokens issued from it (RFC 6749 §4.1.2)", async () => {
    const { code } = await strict.issueCode("avito");
    const api = clientOf(strict, "avito");
    const tokens = await api.exchange(code, REDIRECT);
    expect((await rejectionOf(api.exchange(code, REDIRECT)))?.code).toBe("invalid_grant");
    expect(strict.introspect("avito", tokens.access ?? "").active).toBe(false);
  });

  it("is off by default: Douyin keeps its refresh token and a spent Avito token revokes nothing", async () => {
    const douyin = clientOf(lenient, "douyin");
    const first = await exchanged(lenient, "douyin");
    expect((await douyin.refresh(first.refresh ?? "")).refresh).toBe(first.refresh);
    expect((await douyin.refresh(first.refresh ?? "")).refresh).toBe(first.refresh);

    const avito = clientOf(lenient, "avito");
    const old = await exchanged(lenient, "avito");
    const renewed = await avito.refresh(old.refresh ?? "");
    expect((await rejectionOf(avito.refresh(old.refresh ?? "")))?.code).toBe("invalid_grant");
    expect(lenient.introspect("avito", renewed.access ?? "").active).toBe(true);
  });
});

describe("request counts", () => {
  it("count per x-sdk-methods entry or operationId, per provider, on arrival, valid or not", async () => {
    const avito = clientOf(strict, "avito");
    const tokens = await exchanged(strict, "avito");
    await avito.refresh(tokens.refresh ?? "");
    await rejectionOf(avito.refresh(tokens.refresh ?? ""));
    expect(strict.requestCount("avito", "getAccessTokenAuthorizationCode")).toBe(1);
    expect(strict.requestCount("avito", "refreshAccessTokenAuthorizationCode")).toBe(2);
    expect(strict.requestCount("avito")).toBe(3);

    const douyin = await exchanged(strict, "douyin");
    await clientOf(strict, "douyin").refresh(douyin.refresh ?? "");
    await exchanged(strict, "criteo");
    expect(strict.requestCount("douyin", "oauthAccessTokenGet")).toBe(1);
    expect(strict.requestCount("douyin", "oauthRefreshTokenGet")).toBe(1);
    expect(strict.requestCount("criteo", "getToken")).toBe(1);
    expect(strict.requestCount("pinterest")).toBe(0);
    // Sandbox endpoints are not token requests.
    await strict.issueCode("pinterest");
    await fetch(`${strict.url}/_sandbox/clock`);
    expect(strict.requestCount("pinterest")).toBe(0);

    const { status, body } = await read(await fetch(`${strict.url}/_sandbox/requests`));
    expect(status).toBe(200);
    expect(body).toEqual({
      douyin: { total: 2, operations: { oauthAccessTokenGet: 1, oauthRefreshTokenGet: 1 } },
      avito: {
        total: 3,
        operations: { getAccessTokenAuthorizationCode: 1, refreshAccessTokenAuthorizationCode: 2 },
      },
      pinterest: { total: 0, operations: {} },
      criteo: { total: 1, operations: { getToken: 1 } },
    });
    strict.reset();
    expect(strict.requestCount("avito")).toBe(0);
  });
});

describe("latency", () => {
  it("serves the refresh at once and holds the answer back: a client gone meanwhile has spent its token", async () => {
    const tokens = await exchanged(strict, "criteo");
    strict.setLatency("criteo", 60_000);
    try {
      const body = new URLSearchParams({
        grant_type: "refresh_token",
        client_id: "sandbox-criteo-client",
        client_secret: "sandbox-criteo-secret",
        refresh_token: tokens.refresh ?? "",
      }).toString();
      let answered = false;
      const pending = request(`${strict.baseUrls.criteo}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      pending.on("response", () => {
        answered = true;
      });
      const gone = new Promise((resolve) => pending.on("error", resolve).on("close", resolve));
      pending.end(body);
      await expect.poll(() => strict.requestCount("criteo", "getToken"), { timeout: 5_000 }).toBe(2);
      pending.destroy();
      await gone;
      expect(answered).toBe(false);
      expect(strict.introspect("criteo", tokens.refresh ?? "").active).toBe(false);
    } finally {
      strict.setLatency("criteo", 0);
    }
    // The spent token is a reuse now.
    expect((await rejectionOf(clientOf(strict, "criteo").refresh(tokens.refresh ?? "")))?.code).toBe(
      "invalid_grant",
    );
  });

  it("POST /<provider>/_sandbox/latency takes JSON or a form and refuses nonsense", async () => {
    const url = `${strict.baseUrls.avito}/_sandbox/latency`;
    const json = await fetch(url, { method: "POST", body: JSON.stringify({ ms: 25 }) });
    expect(await read(json)).toMatchObject({ status: 200, body: { ms: 25 } });
    const form = await fetch(url, { method: "POST", body: new URLSearchParams({ ms: "0" }) });
    expect(await read(form)).toMatchObject({ status: 200, body: { ms: 0 } });
    for (const bad of [{}, { ms: -1 }, { ms: "soon" }, { ms: 10_000_000 }]) {
      const refused = await read(await fetch(url, { method: "POST", body: JSON.stringify(bad) }));
      expect(refused.status, JSON.stringify(bad)).toBe(400);
    }
    expect(() => strict.setLatency("avito", Number.NaN)).toThrow(/latency/);
  });
});

describe("/_sandbox/authorize: the consent page completes an authorization-URL flow", () => {
  // Each provider's own name for the client id in its authorization URL.
  const CLIENT_ID_PARAMETER: Record<Provider, string> = {
    douyin: "client_key",
    avito: "client_id",
    pinterest: "client_id",
    criteo: "client_id",
  };
  // A scope each spec declares (Criteo declares no authorization flow, so none is checked).
  const SCOPE: Record<Provider, string> = {
    douyin: "user_info",
    avito: "messenger:read",
    pinterest: "boards:read",
    criteo: "anything",
  };
  const LOOPBACK = "http://127.0.0.1:9/callback";

  it.each(PROVIDERS)(
    "%s: Allow redirects with code and state, and the package exchanges the code",
    async (provider) => {
      const [client] = strict.clients(provider);
      const url = new URL(strict.authorizationEndpoints[provider] ?? "");
      url.searchParams.set(CLIENT_ID_PARAMETER[provider], client?.clientId ?? "");
      url.searchParams.set("response_type", "code");
      url.searchParams.set("redirect_uri", LOOPBACK);
      url.searchParams.set("scope", SCOPE[provider]);
      url.searchParams.set("state", "s-1 /+?");
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const html = await page.text();
      expect(html).toContain(client?.clientId);
      expect(html).toContain(SCOPE[provider]);
      expect(html).toMatch(/<button[^>]*value="allow"[^>]*>Allow<\/button>/);
      expect(html).toMatch(/<button[^>]*value="deny"[^>]*>Deny<\/button>/);
      const location = new URL(await strict.consent(url.toString(), "allow"));
      expect(`${location.origin}${location.pathname}`).toBe(LOOPBACK);
      expect(location.searchParams.get("state")).toBe("s-1 /+?");
      if (provider === "douyin") expect(location.searchParams.get("scopes")).toBe("user_info");
      const code = location.searchParams.get("code") ?? "";
      const tokens = await clientOf(strict, provider).exchange(code, LOOPBACK);
      expect(strict.introspect(provider, tokens.access ?? "")).toMatchObject({
        active: true,
        client_id: client?.clientId,
        scope: SCOPE[provider],
      });
    },
  );

  it.each(PROVIDERS)(
    "%s: Deny redirects with error=access_denied and the state, and no code",
    async (provider) => {
      const url = strict.authorizeUrl(provider, { redirectUri: LOOPBACK, state: "deny-state" });
      const location = new URL(await strict.consent(url, "deny"));
      expect(location.searchParams.get("error")).toBe("access_denied");
      expect(location.searchParams.get("state")).toBe("deny-state");
      expect(location.searchParams.has("code")).toBe(false);
    },
  );

  it("a consent is answered once; a form with no consent of the sandbox's is an error page", async () => {
    const url = strict.authorizeUrl("avito", { redirectUri: LOOPBACK, state: "once" });
    const html = await (await fetch(url)).text();
    const consent = /name="consent" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const post = (body: Record<string, string>) =>
      fetch(url, { method: "POST", redirect: "manual", body: new URLSearchParams(body) });
    expect((await post({ consent, decision: "allow" })).status).toBe(303);
    const again = await post({ consent, decision: "allow" });
    expect(again.status).toBe(400);
    expect(again.headers.get("location")).toBeNull();
    expect((await post({ consent: "forged", decision: "allow" })).status).toBe(400);
  });

  it("redirects a bad response_type or an undeclared scope back with the error, and no code", async () => {
    const base = strict.authorizeUrl("avito", { redirectUri: LOOPBACK, state: "x" });
    const token = new URL(base);
    token.searchParams.set("response_type", "token");
    const noType = new URL(base);
    noType.searchParams.delete("response_type");
    const scope = new URL(base);
    scope.searchParams.set("scope", "messenger:read,everything");
    for (const [url, error] of [
      [token, "unsupported_response_type"],
      [noType, "invalid_request"],
      [scope, "invalid_scope"],
    ] as const) {
      const answer = await fetch(url, { redirect: "manual" });
      expect(answer.status, error).toBe(303);
      const location = new URL(answer.headers.get("location") ?? "");
      expect(location.searchParams.get("error")).toBe(error);
      expect(location.searchParams.get("state")).toBe("x");
      expect(location.searchParams.has("code")).toBe(false);
    }
  });

  it("never redirects for a missing or unknown client or an unregistered redirect_uri: an error page", async () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ["avito", { redirect_uri: LOOPBACK }, /no client_id/],
      [
        "avito",
        { client_id: "nobody", redirect_uri: LOOPBACK },
        /No avito client is registered as &quot;nobody&quot;/,
      ],
      ["douyin", { client_id: "sandbox-douyin-client", redirect_uri: LOOPBACK }, /no client_key/],
      ["avito", { client_id: "sandbox-avito-client" }, /no redirect_uri/],
      [
        "avito",
        { client_id: "sandbox-avito-client", redirect_uri: "https://evil.example/cb" },
        /only loopback/,
      ],
      [
        "avito",
        { client_id: "sandbox-avito-client", redirect_uri: "http://127.0.0.1.evil.example/cb" },
        /only loopback/,
      ],
      ["avito", { client_id: "sandbox-avito-client", redirect_uri: "not a url" }, /only loopback/],
    ];
    for (const [provider, params, message] of cases) {
      const url = new URL(strict.authorizationEndpoints[provider] ?? "");
      for (const [key, value] of Object.entries({ response_type: "code", state: "s", ...params }))
        url.searchParams.set(key, value);
      const answer = await fetch(url, { redirect: "manual" });
      expect(answer.status, url.search).toBe(400);
      expect(answer.headers.get("location")).toBeNull();
      expect(await answer.text()).toMatch(message);
    }
    await expect(
      strict.consent(strict.authorizeUrl("avito", { redirectUri: "https://evil.example/" }), "allow"),
    ).rejects.toThrow(/only loopback/);
  });
});
