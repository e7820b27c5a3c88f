// Stateful behaviour per provider: lifetimes, single use, rotation, refresh semantics, the sandbox endpoints.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CLIENTS, type Sandbox, startSandbox } from "../src/index.js";
import { basic, postForm, read, SPECS_DIR } from "./helpers.js";

let sb: Sandbox;
const logs: string[] = [];
beforeAll(async () => {
  sb = await startSandbox({
    specsDir: SPECS_DIR,
    clock: { start: "2030-01-01T00:00:00Z", frozen: true },
    log: (l) => logs.push(l),
  });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const DAY = 86_400;
const REDIRECT = "https://app.example.test/callback";
const DY = DEFAULT_CLIENTS.douyin;
const AV = DEFAULT_CLIENTS.avito;
const PI = DEFAULT_CLIENTS.pinterest;
const CR = DEFAULT_CLIENTS.criteo;

describe("douyin", () => {
  const exchange = async (code: string) =>
    read(
      await fetch(
        `${sb.baseUrls.douyin}/oauth/access_token/?${new URLSearchParams({ client_key: DY.clientId, client_secret: DY.clientSecret, code, grant_type: "authorization_code" })}`,
      ),
    );
  const refresh = async (refresh_token: string, client_key = DY.clientId) =>
    read(
      await fetch(
        `${sb.baseUrls.douyin}/oauth/refresh_token/?${new URLSearchParams({ client_key, grant_type: "refresh_token", refresh_token })}`,
      ),
    );

  it("issues 15-day access and 30-day refresh tokens for the code's user", async () => {
    const issued = await sb.issueCode("douyin", { user: "open-id-1", scope: "user_info,video.list" });
    const { body } = await exchange(issued.code);
    expect(body.data).toMatchObject({
      error_code: 0,
      open_id: "open-id-1",
      scope: "user_info,video.list",
      expires_in: 15 * DAY,
    });
    expect(body.data.access_token).toMatch(/^act\./);
    expect(body.data.refresh_token).toMatch(/^rft\./);
    expect(sb.introspect("douyin", body.data.refresh_token).exp).toBe(sb.clock.nowSeconds() + 30 * DAY);
  });

  it("refresh keeps the refresh token; a live access token is kept and extended, an expired one replaced", async () => {
    const { body } = await exchange((await sb.issueCode("douyin")).code);
    const { access_token, refresh_token } = body.data;
    sb.clock.advance(10 * DAY);
    const kept = await refresh(refresh_token);
    expect(kept.body.data).toMatchObject({
      error_code: 0,
      access_token,
      refresh_token,
      expires_in: 15 * DAY,
    });
    sb.clock.advance(16 * DAY);
    const replaced = await refresh(refresh_token);
    expect(replaced.body.data.access_token).not.toBe(access_token);
    expect(replaced.body.data.refresh_token).toBe(refresh_token);
    expect(sb.introspect("douyin", access_token).active).toBe(false);
    // The refresh token was never extended: 30 days after the code it is gone, whatever was refreshed.
    sb.clock.advance(4 * DAY);
    const expired = await refresh(refresh_token);
    expect(expired.body.data.error_code).toBe(10010);
  });

  it("a newer code for the same user makes the earlier unused one invalid", async () => {
    const first = await sb.issueCode("douyin", { user: "u" });
    const second = await sb.issueCode("douyin", { user: "u" });
    expect((await exchange(first.code)).body.data.error_code).toBe(28001007);
    expect((await exchange(second.code)).body.data.error_code).toBe(0);
  });

  it("codes expire after 10 minutes; refresh tokens of another client are refused", async () => {
    const late = await sb.issueCode("douyin");
    sb.clock.advance(600);
    expect((await exchange(late.code)).body.data).toMatchObject({ error_code: 28001007 });
    sb.registerClient("douyin", { clientId: "other", clientSecret: "other-secret" });
    const { body } = await exchange((await sb.issueCode("douyin")).code);
    expect((await refresh(body.data.refresh_token, "other")).body.data.error_code).toBe(10010);
  });
});

describe("avito", () => {
  const token = async (fields: Record<string, string>) =>
    read(
      await postForm(`${sb.baseUrls.avito}/token`, {
        client_id: AV.clientId,
        client_secret: AV.clientSecret,
        ...fields,
      }),
    );

  it("rotates: a refresh gives a new access and refresh token, and the old refresh token is spent", async () => {
    const first = await token({ grant_type: "authorization_code", code: (await sb.issueCode("avito")).code });
    expect(first.body).toMatchObject({
      expires_in: DAY,
      token_type: "Bearer",
      scope: "messenger:read,messenger:write",
    });
    const second = await token({ grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    expect(second.status).toBe(200);
    expect(second.body.access_token).not.toBe(first.body.access_token);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    const reused = await token({ grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    expect(reused).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(
      (await token({ grant_type: "refresh_token", refresh_token: second.body.refresh_token })).status,
    ).toBe(200);
  });

  it("access tokens live 24 hours; client_credentials has no refresh token", async () => {
    const app = await token({ grant_type: "client_credentials" });
    expect(app.body).toEqual({ access_token: expect.any(String), expires_in: DAY, token_type: "Bearer" });
    sb.clock.advance(DAY - 1);
    expect(sb.introspect("avito", app.body.access_token).active).toBe(true);
    sb.clock.advance(1);
    expect(sb.introspect("avito", app.body.access_token).active).toBe(false);
  });

  it("refuses a code issued to another client", async () => {
    sb.registerClient("avito", { clientId: "second", clientSecret: "second-secret" });
    const code = (await sb.issueCode("avito", { clientId: "second" })).code;
    expect(await token({ grant_type: "authorization_code", code })).toMatchObject({
      status: 400,
      body: { error: "invalid_grant" },
    });
  });
});

describe("pinterest", () => {
  const token = async (fields: Record<string, string>, auth = basic(PI.clientId, PI.clientSecret)) =>
    read(await postForm(`${sb.baseUrls.pinterest}/oauth/token`, fields, { authorization: auth }));
  const exchange = async (scope?: string) =>
    token({
      grant_type: "authorization_code",
      code: (await sb.issueCode("pinterest", { redirectUri: REDIRECT, ...(scope ? { scope } : {}) })).code,
      redirect_uri: REDIRECT,
    });

  it("continuous refresh: each refresh gives a new 60-day refresh token", async () => {
    const first = await exchange("boards:read pins:read");
    expect(first.body).toMatchObject({
      token_type: "bearer",
      expires_in: 30 * DAY,
      refresh_token_expires_in: 60 * DAY,
    });
    expect(first.body.access_token).toMatch(/^pina_/);
    expect(first.body.refresh_token).toMatch(/^pinr_/);
    sb.clock.advance(50 * DAY);
    const second = await token({ grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    expect(second.body).toMatchObject({ response_type: "refresh_token", refresh_token_expires_in: 60 * DAY });
    sb.clock.advance(50 * DAY); // 100 days after the code: alive only thanks to the renewed token
    const third = await token({ grant_type: "refresh_token", refresh_token: second.body.refresh_token });
    expect(third.status).toBe(200);
    expect(
      (await token({ grant_type: "refresh_token", refresh_token: first.body.refresh_token })).status,
    ).toBe(400);
  });

  it("narrows scope on refresh and refuses to widen it", async () => {
    const first = await exchange("boards:read pins:read");
    // The spec's scope separator (x-sdk-tokens) joins the granted scopes.
    expect(first.body.scope).toBe("boards:read pins:read");
    const narrowed = await token({
      grant_type: "refresh_token",
      refresh_token: first.body.refresh_token,
      scope: "pins:read",
    });
    expect(narrowed.body.scope).toBe("pins:read");
    const widened = await token({
      grant_type: "refresh_token",
      refresh_token: first.body.refresh_token,
      scope: "ads:write",
    });
    expect(widened).toMatchObject({ status: 400, body: { code: 1 } });
  });

  it("checks the redirect_uri and decodes RFC 6749 Basic credentials (form-encoded, UTF-8)", async () => {
    const issued = await sb.issueCode("pinterest", { redirectUri: REDIRECT });
    const mismatch = await token({
      grant_type: "authorization_code",
      code: issued.code,
      redirect_uri: "https://evil.test/",
    });
    expect(mismatch).toMatchObject({ status: 400, body: { code: 1 } });
    sb.registerClient("pinterest", { clientId: "id:with colon", clientSecret: "sécret+/=&" });
    const code = (await sb.issueCode("pinterest", { clientId: "id:with colon", redirectUri: REDIRECT })).code;
    const ok = await token(
      { grant_type: "authorization_code", code, redirect_uri: REDIRECT },
      basic("id:with colon", "sécret+/=&"),
    );
    expect(ok.status).toBe(200);
    const malformed = await token({ grant_type: "client_credentials", scope: "boards:read" }, "Basic !!!");
    expect(malformed).toMatchObject({ status: 401, body: { code: 2, message: "Authentication failed." } });
  });
});

describe("criteo", () => {
  const token = async (fields: Record<string, string>) =>
    read(
      await postForm(`${sb.baseUrls.criteo}/oauth2/token`, {
        client_id: CR.clientId,
        client_secret: CR.clientSecret,
        ...fields,
      }),
    );

  it("access tokens look like JWTs naming their client, whatever its id holds", async () => {
    const ids = ["sandbox-criteo-client", "клиент-é-😀", "x".repeat(2000)];
    const own = await startSandbox({
      specsDir: SPECS_DIR,
      providers: ["criteo"],
      clients: { criteo: ids.map((clientId) => ({ clientId, clientSecret: "s" })) },
    });
    const decode = (part: string | undefined) =>
      JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
    try {
      for (const clientId of ids) {
        const answer = await read(
          await postForm(`${own.baseUrls.criteo}/oauth2/token`, {
            grant_type: "client_credentials",
            client_id: clientId,
            client_secret: "s",
          }),
        );
        const [header, payload, signature] = answer.body.access_token.split(".");
        expect(decode(header)).toEqual({ alg: "RS256", typ: "JWT", kid: "oauth-sandbox" });
        expect(decode(payload)).toEqual({
          iss: "oauth-sandbox",
          sub: clientId,
          jti: expect.stringMatching(/^[0-9a-f]{24}$/),
        });
        expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
      }
    } finally {
      await own.close();
    }
  });

  it("900-second access tokens, rotated refresh tokens, null refresh token for client_credentials", async () => {
    const app = await token({ grant_type: "client_credentials" });
    expect(app.body).toMatchObject({ token_type: "Bearer", expires_in: 900, refresh_token: null });
    expect(app.body.access_token.split(".")).toHaveLength(3);
    const code = (await sb.issueCode("criteo", { redirectUri: REDIRECT })).code;
    const first = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT });
    sb.clock.advance(900);
    expect(sb.introspect("criteo", first.body.access_token).active).toBe(false);
    const second = await token({ grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    const reused = await token({ grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    expect(reused).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  it("a code bound to a redirect_uri needs it repeated; code-less authorization_code is invalid_request", async () => {
    const code = (await sb.issueCode("criteo", { redirectUri: REDIRECT })).code;
    expect(await token({ grant_type: "authorization_code", code })).toMatchObject({
      body: { error: "invalid_grant" },
    });
    expect(await token({ grant_type: "authorization_code" })).toMatchObject({
      status: 400,
      body: { error: "invalid_request" },
    });
  });
});

describe("sandbox endpoints", () => {
  it("POST /<provider>/_sandbox/codes issues a working code (JSON or form)", async () => {
    const json = await read(
      await fetch(`${sb.baseUrls.avito}/_sandbox/codes`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ client_id: AV.clientId, scope: ["items:info"], state: "s1" }),
      }),
    );
    expect(json).toMatchObject({
      status: 201,
      body: { client_id: AV.clientId, scope: "items:info", state: "s1", expires_in: 600 },
    });
    const form = await read(
      await postForm(`${sb.baseUrls.douyin}/_sandbox/codes`, { client_key: DY.clientId, open_id: "me" }),
    );
    expect(form.body).toMatchObject({ client_id: DY.clientId, user: "me" });
    const used = await read(
      await postForm(`${sb.baseUrls.avito}/token`, {
        grant_type: "authorization_code",
        client_id: AV.clientId,
        client_secret: AV.clientSecret,
        code: json.body.code,
      }),
    );
    expect(used.body.scope).toBe("items:info");
  });

  it("refuses codes for unknown clients and unregistered redirect URIs", async () => {
    sb.registerClient("criteo", { clientId: "strict", clientSecret: "s", redirectUris: [REDIRECT] });
    const unknown = await read(
      await postForm(`${sb.baseUrls.criteo}/_sandbox/codes`, { client_id: "nobody" }),
    );
    expect(unknown).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    // Douyin's spec names the client id client_key (x-sdk-authorization): an unknown one is refused too.
    const unknownKey = await read(
      await postForm(`${sb.baseUrls.douyin}/_sandbox/codes`, { client_key: "nobody" }),
    );
    expect(unknownKey.body).toMatchObject({
      error: "invalid_request",
      error_description: expect.stringContaining("nobody"),
    });
    const elsewhere = await read(
      await postForm(`${sb.baseUrls.criteo}/_sandbox/codes`, {
        client_id: "strict",
        redirect_uri: "https://x.test/",
      }),
    );
    expect(elsewhere.status).toBe(400);
    await expect(
      sb.issueCode("criteo", { clientId: "strict", redirectUri: "https://x.test/" }),
    ).rejects.toThrow(/redirect_uri is not registered/);
  });

  it("the consent page's Allow carries code and state, and the code is bound to the redirect_uri", async () => {
    const redirect = "http://localhost:8123/cb?keep=1";
    const url = sb.authorizeUrl("pinterest", { redirectUri: redirect, state: "xyz", clientId: PI.clientId });
    const location = new URL(await sb.consent(url, "allow"));
    expect(location.searchParams.get("keep")).toBe("1");
    expect(location.searchParams.get("state")).toBe("xyz");
    const code = location.searchParams.get("code") ?? "";
    const exchange = (redirect_uri: string) =>
      postForm(
        `${sb.baseUrls.pinterest}/oauth/token`,
        { grant_type: "authorization_code", code, redirect_uri },
        { authorization: basic(PI.clientId, PI.clientSecret) },
      );
    expect((await read(await exchange("http://localhost:8123/cb"))).status).toBe(400);
    expect((await read(await exchange(redirect))).status).toBe(200);
    const noClient = await fetch(
      `${sb.baseUrls.pinterest}/_sandbox/authorize?response_type=code&client_id=nobody&redirect_uri=${encodeURIComponent(redirect)}`,
      { redirect: "manual" },
    );
    expect(noClient.status).toBe(400);
    expect(noClient.headers.get("location")).toBeNull();
  });

  it("the clock endpoint advances, sets and reports time, and rejects nonsense", async () => {
    const before = sb.clock.nowSeconds();
    const advanced = await read(
      await fetch(`${sb.url}/_sandbox/clock`, { method: "POST", body: JSON.stringify({ advance: 90 }) }),
    );
    expect(advanced.body).toMatchObject({ epoch: before + 90, frozen: true });
    const set = await read(
      await fetch(`${sb.url}/_sandbox/clock`, {
        method: "POST",
        body: JSON.stringify({ set: "2031-05-06T07:08:09Z" }),
      }),
    );
    expect(set.body.now).toBe("2031-05-06T07:08:09.000Z");
    const bad = await fetch(`${sb.url}/_sandbox/clock`, {
      method: "POST",
      body: JSON.stringify({ advance: "soon" }),
    });
    expect(bad.status).toBe(400);
    expect((await read(await fetch(`${sb.url}/_sandbox/clock`))).body.epoch).toBe(sb.clock.nowSeconds());
  });

  it("the admin endpoints take a form body as they take JSON", async () => {
    const clock = (body: URLSearchParams) => fetch(`${sb.url}/_sandbox/clock`, { method: "POST", body });
    const before = sb.clock.nowSeconds();
    const advanced = await read(await clock(new URLSearchParams({ advance: "90" })));
    expect(advanced).toMatchObject({ status: 200, body: { epoch: before + 90, frozen: true } });
    const at = Date.UTC(2032, 0, 2);
    const set = await read(await clock(new URLSearchParams({ set: String(at), freeze: "true" })));
    expect(set.body).toEqual({ now: "2032-01-02T00:00:00.000Z", epoch: at / 1000, frozen: true });
    for (const bad of [{ advance: "soon" }, { freeze: "maybe" }, { set: "1700000000" }]) {
      const refused = await read(await clock(new URLSearchParams(bad)));
      expect(refused.status, JSON.stringify(bad)).toBe(400);
    }
    const introspected = await read(
      await fetch(`${sb.baseUrls.criteo}/_sandbox/introspect`, {
        method: "POST",
        body: new URLSearchParams({ token: "not-issued" }),
      }),
    );
    expect(introspected).toMatchObject({ status: 200, body: { active: false } });
  });

  it("introspection, reset, the index and 404s in the provider's shape", async () => {
    const app = await read(
      await postForm(`${sb.baseUrls.avito}/token`, {
        grant_type: "client_credentials",
        client_id: AV.clientId,
        client_secret: AV.clientSecret,
      }),
    );
    const seen = await read(
      await fetch(`${sb.baseUrls.avito}/_sandbox/introspect`, {
        method: "POST",
        body: JSON.stringify({ token: app.body.access_token }),
      }),
    );
    expect(seen.body).toMatchObject({ active: true, token_type: "access_token", client_id: AV.clientId });
    expect((await fetch(`${sb.url}/_sandbox/reset`, { method: "POST" })).status).toBe(204);
    expect(sb.introspect("avito", app.body.access_token).active).toBe(false);

    const index = await read(await fetch(sb.url));
    expect(Object.keys(index.body.providers)).toEqual(["avito", "criteo", "douyin", "pinterest"]);
    expect(JSON.stringify(index.body)).not.toContain(AV.clientSecret);

    expect(await read(await fetch(`${sb.baseUrls.douyin}/oauth/nothing/`))).toMatchObject({
      status: 404,
      body: { data: { error_code: 2100005 } },
    });
    expect(await read(await fetch(`${sb.baseUrls.pinterest}/nothing`))).toMatchObject({
      status: 404,
      body: { code: 1 },
    });
    expect((await fetch(`${sb.url}/nowhere`)).status).toBe(404);
  });

  it("refuses bodies over 64 KiB with 413", async () => {
    const res = await postForm(`${sb.baseUrls.avito}/token`, { grant_type: "x".repeat(70_000) });
    expect(res.status).toBe(413);
  });
});

describe("secrets", () => {
  it("never appear in log lines or error bodies", async () => {
    logs.length = 0;
    const code = (await sb.issueCode("douyin")).code;
    const query = new URLSearchParams({
      client_key: DY.clientId,
      client_secret: DY.clientSecret,
      code,
      grant_type: "x",
    });
    const bad = await (await fetch(`${sb.baseUrls.douyin}/oauth/access_token/?${query}`)).text();
    const avitoBad = await (
      await postForm(`${sb.baseUrls.avito}/token`, {
        grant_type: "refresh_token",
        client_id: AV.clientId,
        client_secret: AV.clientSecret,
        refresh_token: "secret-refresh-value",
      })
    ).text();
    const everything = [...logs, bad, avitoBad].join("\n");
    expect(logs.length).toBeGreaterThanOrEqual(2);
    for (const secret of [DY.clientSecret, code, AV.clientSecret, "secret-refresh-value"]) {
      expect(everything).not.toContain(secret);
    }
  });
});
