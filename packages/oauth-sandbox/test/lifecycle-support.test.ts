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

describe("/_sandbox/authorize completes an authorization-URL flow", () => {
  // Each provider's own name for the client id in its authorization URL.
  const CLIENT_ID_PARAMETER: Record<Provider, string> = {
    douyin: "client_key",
    avito: "client_id",
    pinterest: "client_id",
    criteo: "client_id",
  };

  it.each(PROVIDERS)(
    "%s: redirect with code and state, then the package exchanges the code",
    async (provider) => {
      const [client] = strict.clients(provider);
      const url = new URL(`${strict.baseUrls[provider]}/_sandbox/authorize`);
      url.searchParams.set(CLIENT_ID_PARAMETER[provider], client?.clientId ?? "");
      url.searchParams.set("response_type", "code");
      url.searchParams.set("redirect_uri", REDIRECT);
      url.searchParams.set("scope", "one,two");
      url.searchParams.set("state", "s-1 /+?");
      const answer = await fetch(url, { redirect: "manual" });
      expect(answer.status).toBe(302);
      const location = new URL(answer.headers.get("location") ?? "");
      expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
      expect(location.searchParams.get("state")).toBe("s-1 /+?");
      const code = location.searchParams.get("code") ?? "";
      const tokens = await clientOf(strict, provider).exchange(code, REDIRECT);
      expect(strict.introspect(provider, tokens.access ?? "")).toMatchObject({
        active: true,
        client_id: client?.clientId,
        scope: expect.stringMatching(/one.two/),
      });
    },
  );

  it("redirects a response_type other than code with unsupported_response_type and no code", async () => {
    const url = strict.authorizeUrl("criteo", { redirectUri: REDIRECT, state: "x" });
    const answer = await fetch(`${url}&response_type=token`, { redirect: "manual" });
    const location = new URL(answer.headers.get("location") ?? "");
    expect(location.searchParams.get("error")).toBe("unsupported_response_type");
    expect(location.searchParams.get("state")).toBe("x");
    expect(location.searchParams.has("code")).toBe(false);
  });
});
