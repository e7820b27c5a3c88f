// Vendors' own token-endpoint specs (the repository's tests/fixtures/vendor-specs, each with its SOURCE.md), served as
// they are: every grant a spec offers and the sandbox can honour gets a live token, with the answer checked against
// the spec by the sandbox itself (a 500 sandbox_response_breaks_spec would fail these tests), in the spec's status, field names and
// enums; client authentication follows each spec's security.
import { cpSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultClient, type Sandbox, startSandbox } from "../src/index.js";
import { basic, postForm, read } from "./helpers.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "..", "tests", "fixtures", "vendor-specs");
const REDIRECT = "https://app.example.test/callback";
const folder = mkdtempSync(join(tmpdir(), "oauth-sandbox-vendor-"));
const served: Sandbox[] = [];
afterAll(async () => {
  await Promise.all(served.map((sb) => sb.close()));
  rmSync(folder, { recursive: true, force: true });
});

/** The sandbox serving one vendor spec, from a folder of its own. */
async function serve(id: string): Promise<Sandbox> {
  const dir = join(folder, id);
  cpSync(join(FIXTURES, id), dir, { recursive: true });
  renameSync(join(dir, "spec.yaml"), join(dir, `${id}.yaml`));
  const sb = await startSandbox({ specsDir: dir, providers: [id], clock: { frozen: true } });
  served.push(sb);
  return sb;
}

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

/** A 2xx token answer whose access token the sandbox knows as live. */
async function expectToken(sb: Sandbox, id: string, response: Response, status = 200) {
  const answer = await read(response);
  expect(answer, JSON.stringify(answer.body)).toMatchObject({ status });
  expect(sb.introspect(id, answer.body.access_token).active).toBe(true);
  return answer.body as Record<string, unknown>;
}

/** A code issued and exchanged, then its refresh token refreshed, as form posts: both answers live; the first. */
async function codeThenRefresh(
  sb: Sandbox,
  id: string,
  url: string,
  { fields = {}, headers = {} }: { fields?: Record<string, string>; headers?: Record<string, string> },
): Promise<Record<string, unknown>> {
  const { code } = await sb.issueCode(id, { redirectUri: REDIRECT });
  const exchanged = await expectToken(
    sb,
    id,
    await postForm(
      url,
      { grant_type: "authorization_code", ...fields, code, redirect_uri: REDIRECT },
      headers,
    ),
  );
  const refreshToken = String(exchanged.refresh_token);
  await expectToken(
    sb,
    id,
    await postForm(url, { grant_type: "refresh_token", ...fields, refresh_token: refreshToken }, headers),
  );
  return exchanged;
}

describe("Box: credentials in the form body, token_type as its enum spells it, vendor formats", () => {
  const id = "box";
  const client = defaultClient(id);
  const creds = { client_id: client.clientId, client_secret: client.clientSecret };

  it("serves every grant of its enum it can honour, on the path the generated client calls", async () => {
    const sb = await serve(id);
    const url = `${sb.baseUrls[id]}/oauth2/token`;
    const { code } = await sb.issueCode(id, { redirectUri: REDIRECT });
    const exchanged = await expectToken(
      sb,
      id,
      await postForm(url, { grant_type: "authorization_code", ...creds, code }),
    );
    // The spec's enum says "bearer"; AccessToken declares no scope, so none is sent.
    expect(exchanged).toMatchObject({ token_type: "bearer", expires_in: 3600 });
    expect(exchanged).not.toHaveProperty("scope");
    const refreshed = await expectToken(
      sb,
      id,
      await postForm(url, {
        grant_type: "refresh_token",
        ...creds,
        refresh_token: String(exchanged.refresh_token),
      }),
    );
    await expectToken(
      sb,
      id,
      await postForm(url, {
        grant_type: "client_credentials",
        ...creds,
        box_subject_type: "enterprise",
        box_subject_id: "899",
      }),
    );
    await expectToken(
      sb,
      id,
      await postForm(url, {
        grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        ...creds,
        assertion: "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl",
      }),
    );
    const exchangedToken = await expectToken(
      sb,
      id,
      await postForm(url, {
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        ...creds,
        subject_token: String(refreshed.access_token),
        subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
        scope: "item_preview",
      }),
    );
    expect(exchangedToken.issued_token_type).toBe("urn:ietf:params:oauth:token-type:access_token");
    expect(sb.introspect(id, String(exchangedToken.access_token)).scope).toBe("item_preview");
  });

  it("refuses a wrong secret, a field the spec does not declare, and a subject token it never issued", async () => {
    const sb = await serve(id);
    const url = `${sb.baseUrls[id]}/oauth2/token`;
    const wrong = await read(
      await postForm(url, { grant_type: "client_credentials", ...creds, client_secret: "nope" }),
    );
    // 401 is not listed, `default` covers it.
    expect(wrong).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(wrong.body.error_description).toMatch(/client authentication failed: .*client secret is wrong/);
    expect(JSON.stringify(wrong.body)).not.toContain("nope");
    const undeclared = await read(
      await postForm(url, { grant_type: "client_credentials", ...creds, audience: "x" }),
    );
    expect(undeclared).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    expect(undeclared.body.error_description).toMatch(/audience is not a parameter this spec declares/);
    const exchange = await read(
      await postForm(url, {
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        ...creds,
        subject_token: "never-issued",
        subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
      }),
    );
    expect(exchange).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });
});

describe("Ory Hydra: HTTP Basic or OAuth 2 (public clients)", () => {
  const id = "ory-hydra";
  const client = defaultClient(id);

  it("takes Basic per RFC 6749 §2.3.1, and a public client's client_id alone", async () => {
    const sb = await serve(id);
    const url = `${sb.baseUrls[id]}/oauth2/token`;
    const auth = { authorization: basic(client.clientId, client.clientSecret) };
    await codeThenRefresh(sb, id, url, { headers: auth });
    await expectToken(sb, id, await postForm(url, { grant_type: "client_credentials" }, auth));
    // Form-encoded before base64: an id and a secret with ':' '+' ' ' and non-ASCII characters.
    sb.registerClient(id, { clientId: "app:1 +", clientSecret: "s€cret:/+ x" });
    await expectToken(
      sb,
      id,
      await postForm(
        url,
        { grant_type: "client_credentials" },
        { authorization: basic("app:1 +", "s€cret:/+ x") },
      ),
    );
    // The oauth2 alternative: a public client names itself in the body.
    const { code: publicCode } = await sb.issueCode(id, { redirectUri: REDIRECT });
    await expectToken(
      sb,
      id,
      await postForm(url, {
        grant_type: "authorization_code",
        client_id: client.clientId,
        code: publicCode,
        redirect_uri: REDIRECT,
      }),
    );
  });

  it("refuses wrong Basic credentials even though a public client could go without, and says why", async () => {
    const sb = await serve(id);
    const url = `${sb.baseUrls[id]}/oauth2/token`;
    const wrong = await read(
      await postForm(
        url,
        { grant_type: "client_credentials" },
        { authorization: basic(client.clientId, "nope") },
      ),
    );
    expect(wrong).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(wrong.body.error_description).toMatch(/Authorization header's client secret is wrong/);
    const malformed = await read(
      await postForm(url, { grant_type: "client_credentials" }, { authorization: "Basic !!!" }),
    );
    expect(malformed.body.error_description).toMatch(/RFC 6749 §2.3.1/);
    // No credentials at all: a client_credentials grant has no client to issue to.
    const none = await read(await postForm(url, { grant_type: "client_credentials" }));
    expect(none).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    const mismatched = await read(
      await postForm(
        url,
        { grant_type: "client_credentials", client_id: "someone-else" },
        { authorization: basic(client.clientId, client.clientSecret) },
      ),
    );
    expect(mismatched.body.error_description).toMatch(/names two clients/);
  });
});

describe("Pinterest's published v5 spec: HTTP Basic only", () => {
  const id = "pinterest-v5";
  const client = defaultClient(id);

  it("answers each grant with its discriminated model, and refuses a request without an Authorization header", async () => {
    const sb = await serve(id);
    const url = `${sb.baseUrls[id]}/oauth/token`;
    const auth = { authorization: basic(client.clientId, client.clientSecret) };
    const exchanged = await codeThenRefresh(sb, id, url, { headers: auth });
    expect(exchanged.response_type).toBe("authorization_code");
    await expectToken(
      sb,
      id,
      await postForm(url, { grant_type: "client_credentials", scope: "user_accounts:read" }, auth),
    );

    const missing = await read(
      await postForm(url, {
        grant_type: "client_credentials",
        scope: "user_accounts:read",
      }),
    );
    expect(missing.status).toBe(401);
    expect(JSON.stringify(missing.body)).toContain(
      "client authentication failed: this spec's security is HTTP Basic and the request sent no Authorization header",
    );
    // Credentials in the body are not what this spec declares.
    const inBody = await read(
      await postForm(url, {
        grant_type: "client_credentials",
        scope: "user_accounts:read",
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }),
    );
    expect(inBody.status).toBe(400);
    expect(JSON.stringify(inBody.body)).toMatch(/client_id is not a parameter this spec declares/);
  });
});

describe("Criteo's published Retail Media spec: a root OAuth 2 requirement on the token endpoint itself", () => {
  const id = "criteo-retail-media";
  const client = defaultClient(id);
  const creds = { client_id: client.clientId, client_secret: client.clientSecret };

  it("serves every grant with the credentials in the body (no Bearer token asked for)", async () => {
    const sb = await serve(id);
    const url = `${sb.baseUrls[id]}/oauth2/token`;
    await codeThenRefresh(sb, id, url, { fields: creds });
    await expectToken(sb, id, await postForm(url, { grant_type: "client_credentials", ...creds }));
  });
});

describe("Plaid: a JSON body, and three API keys in headers that must all be sent", () => {
  const id = "plaid";
  const client = defaultClient(id);
  const keys = {
    "PLAID-CLIENT-ID": client.clientId,
    "PLAID-SECRET": client.clientSecret,
    "Plaid-Version": "2020-09-14",
  };
  const creds = { client_id: client.clientId, client_secret: client.clientSecret };

  it("serves client credentials, refresh and token exchange from JSON bodies", async () => {
    const sb = await serve(id);
    const url = `${sb.baseUrls[id]}/oauth/token`;
    const first = await expectToken(
      sb,
      id,
      await postJson(url, { grant_type: "client_credentials", ...creds, scope: "user:read" }, keys),
    );
    // OAuthTokenResponse requires a refresh token, so even client credentials get one; and a request_id.
    expect(first).toMatchObject({ token_type: "Bearer", request_id: expect.any(String) });
    expect(sb.introspect(id, String(first.refresh_token)).active).toBe(true);
    await expectToken(
      sb,
      id,
      await postJson(
        url,
        { grant_type: "refresh_token", ...creds, refresh_token: first.refresh_token },
        keys,
      ),
    );
    await expectToken(
      sb,
      id,
      await postJson(
        url,
        {
          grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
          ...creds,
          subject_token: "user-sandbox-b0e2c4ee-a763-4df5-bfe9-46a46bce993d",
          subject_token_type: "urn:plaid:params:credit:multi-user",
        },
        keys,
      ),
    );
  });

  it("refuses a missing or wrong API key, and a form body", async () => {
    const sb = await serve(id);
    const url = `${sb.baseUrls[id]}/oauth/token`;
    const body = { grant_type: "client_credentials", ...creds };
    const { "PLAID-SECRET": _secret, ...withoutSecret } = keys;
    const missing = await read(await postJson(url, body, withoutSecret));
    expect(missing.status).toBe(401);
    expect(missing.body.error_description).toBe(
      "client authentication failed: this spec's security is an API key in the header PLAID-SECRET and the request sent none",
    );
    const wrong = await read(await postJson(url, body, { ...keys, "PLAID-SECRET": "nope" }));
    expect(wrong.body.error_description).toMatch(/name client sandbox-plaid-client but hold no secret of it/);
    const form = await read(await postForm(url, body, keys));
    expect(form).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    expect(form.body.error_description).toBe("Content-Type must be application/json.");
  });
});

describe("Discord: a JSON body, no grant_type, security none or a bot token", () => {
  const id = "discord";

  it("serves the one grant it has with a client whose id fits the spec's snowflake pattern", async () => {
    const sb = await serve(id);
    const url = `${sb.baseUrls[id]}/partner-sdk/token`;
    sb.registerClient(id, { clientId: "1234567890", clientSecret: "discord-secret" });
    const body = {
      client_id: "1234567890",
      client_secret: "discord-secret",
      external_auth_token: "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl",
      external_auth_type: "OIDC",
    };
    await expectToken(sb, id, await postJson(url, body));
    const wrong = await read(await postJson(url, { ...body, client_secret: "nope" }));
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).toMatch(/client authentication failed/);
    // The demo client's id is not a snowflake: the spec's pattern refuses it before anything else.
    const demo = await read(await postJson(url, { ...body, client_id: defaultClient(id).clientId }));
    expect(demo.status).toBe(400);
  });
});

describe("specs the reader does not take yet, with what it lacks filled in", () => {
  it("Ory Hydra (no servers) is served once a server is named", async () => {
    const sb = await serve("ory-hydra");
    expect(sb.providers).toEqual(["ory-hydra"]);
  });

  it("Avito's published spec: three paths told apart by invisible characters, no declared errors", async () => {
    const id = "avito-authorization";
    const sb = await serve(id);
    const client = defaultClient(id);
    const creds = { client_id: client.clientId, client_secret: client.clientSecret };
    const base = sb.baseUrls[id];
    await expectToken(
      sb,
      id,
      await postForm(`${base}/token`, { grant_type: "client_credentials", ...creds }),
    );
    const { code } = await sb.issueCode(id, { redirectUri: REDIRECT });
    const exchanged = await expectToken(
      sb,
      id,
      await postForm(`${base}/token%E2%80%8E`, { grant_type: "authorization_code", ...creds, code }),
    );
    await expectToken(
      sb,
      id,
      await postForm(`${base}/token%E2%80%8E%E2%80%8E`, {
        grant_type: "refresh_token",
        ...creds,
        refresh_token: String(exchanged.refresh_token),
      }),
    );
    // No error response declared: the refusal is RFC 6749's, and no 500.
    const wrong = await read(
      await postForm(`${base}/token`, { grant_type: "client_credentials", ...creds, client_secret: "x" }),
    );
    expect(wrong).toMatchObject({ status: 401, body: { error: "invalid_client" } });
  });

  it("Square: a JSON body, an expires_at date-time, no declared errors", async () => {
    const id = "square";
    const sb = await serve(id);
    const client = defaultClient(id);
    const creds = { client_id: client.clientId, client_secret: client.clientSecret };
    const url = `${sb.baseUrls[id]}/oauth2/token`;
    const { code } = await sb.issueCode(id, { redirectUri: REDIRECT });
    const exchanged = await expectToken(
      sb,
      id,
      await postJson(url, { grant_type: "authorization_code", ...creds, code, redirect_uri: REDIRECT }),
    );
    expect(exchanged.expires_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    await expectToken(
      sb,
      id,
      await postJson(url, { grant_type: "refresh_token", ...creds, refresh_token: exchanged.refresh_token }),
    );
  });

  it("Supabase Auth: grant_type in the query, an API key header, password and PKCE grants", async () => {
    const id = "supabase-auth";
    const sb = await serve(id);
    const client = defaultClient(id);
    const url = `${sb.baseUrls[id]}/token`;
    const key = { apikey: client.clientSecret };
    const password = await expectToken(
      sb,
      id,
      await postJson(`${url}?grant_type=password`, { email: "user@example.com", password: "password1" }, key),
    );
    await expectToken(
      sb,
      id,
      await postJson(`${url}?grant_type=refresh_token`, { refresh_token: password.refresh_token }, key),
    );
    const { code } = await sb.issueCode(id, { redirectUri: REDIRECT });
    await expectToken(
      sb,
      id,
      await postJson(`${url}?grant_type=pkce`, { auth_code: code, code_verifier: "v".repeat(43) }, key),
    );
    const nokey = await read(
      await postJson(`${url}?grant_type=password`, { email: "u@example.com", password: "p" }),
    );
    expect(nokey.status).toBe(401);
    expect(JSON.stringify(nokey.body)).toContain("API key in the header apikey and the request sent none");
  });

  it("Twilio: 201, PascalCase form fields, HTTP Basic at the root overridden by none", async () => {
    const id = "twilio-oauth";
    const sb = await serve(id);
    const client = defaultClient(id);
    const creds = { ClientId: client.clientId, ClientSecret: client.clientSecret };
    const url = `${sb.baseUrls[id]}/v1/token`;
    const { code } = await sb.issueCode(id, { redirectUri: REDIRECT });
    const exchanged = await expectToken(
      sb,
      id,
      await postForm(url, { GrantType: "authorization_code", ...creds, Code: code, RedirectUri: REDIRECT }),
      201,
    );
    expect(exchanged).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    await expectToken(
      sb,
      id,
      await postForm(url, {
        GrantType: "refresh_token",
        ...creds,
        RefreshToken: String(exchanged.refresh_token),
      }),
      201,
    );
    // The refresh token is nullable: a client-credentials token has none, sent as null.
    const credentials = await expectToken(
      sb,
      id,
      await postForm(url, { GrantType: "client_credentials", ...creds }),
      201,
    );
    expect(credentials.refresh_token).toBeNull();
    const wrong = await read(
      await postForm(url, { GrantType: "client_credentials", ...creds, ClientSecret: "nope" }),
    );
    expect(wrong).toMatchObject({ status: 401, body: { error: "invalid_client" } });
  });

  it("Dropbox Sign: JSON bodies on two operations, one of them at a path with a query string", async () => {
    const id = "dropbox-sign";
    const sb = await serve(id);
    const client = defaultClient(id);
    const creds = { client_id: client.clientId, client_secret: client.clientSecret };
    const { code } = await sb.issueCode(id, { redirectUri: REDIRECT });
    const exchanged = await expectToken(
      sb,
      id,
      await postJson(`${sb.baseUrls[id]}/oauth/token`, {
        grant_type: "authorization_code",
        ...creds,
        code,
        state: "900e06e2",
      }),
    );
    await expectToken(
      sb,
      id,
      await postJson(`${sb.baseUrls[id]}/oauth/token?refresh`, {
        grant_type: "refresh_token",
        ...creds,
        refresh_token: exchanged.refresh_token,
      }),
    );
  });
});
