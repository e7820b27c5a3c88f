// OauthApi against a real HTTP server on 127.0.0.1: the request of each grant type, HTTP Basic client
// authentication, and every answer it can get. Bodies are the examples of specs/pinterest.yaml.

import { describeFailureMatrix, type ErrorContext, expectOAuthError } from "@x/test-utils/errors";
import { requestSnapshot, startTestServer, type TestServer } from "@x/test-utils/server";
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  type Error as ErrorModel,
  OAuthApiError,
  type OauthAccessTokenResponse,
  type OauthAccessTokenResponseClientCredentials,
  type OauthAccessTokenResponseCode,
  type OauthAccessTokenResponseRefresh,
  OauthApi,
  type OauthTokenParams,
  type operations,
  PinterestOAuthError,
} from "../src/index.js";

// Outside Latin-1 on purpose (btoa would throw), with characters that form encoding must escape.
const CLIENT_ID = "клиент-1234567";
const CLIENT_SECRET = "秘密:pässwörd/ü+% ok";
const CODE = "fakecode0123456789abcdef0123456789abcdef";
const REFRESH_TOKEN = "pinr_FAKErefresh0123456789abcdefghijklmnopqrstuvwxyz";
const REDIRECT_URI = "https://app.example.test/oauth/callback";

let server: TestServer;
const baseUrl = () => `${server.url}/pinterest`;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const api = (base = baseUrl()) =>
  new OauthApi({ baseUrl: base, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });

// One method, one case per grant type: the form it sends, the secrets in it and the spec's 200 example.
const GRANTS = [
  {
    grant: "authorization_code",
    params: { grant_type: "authorization_code", code: CODE, redirect_uri: REDIRECT_URI },
    secrets: [CLIENT_SECRET, CODE],
    success: {
      access_token: "pina_FAKEaccess0123456789abcdefghijklmnopqrstuvwxyz",
      refresh_token: "pinr_FAKErefresh0123456789abcdefghijklmnopqrstuvwxyz",
      response_type: "authorization_code",
      token_type: "bearer",
      expires_in: 2592000,
      refresh_token_expires_in: 5184000,
      scope: "boards:read boards:write pins:read",
    },
  },
  {
    grant: "refresh_token",
    params: { grant_type: "refresh_token", refresh_token: REFRESH_TOKEN, scope: "boards:read" },
    secrets: [CLIENT_SECRET, REFRESH_TOKEN],
    // Continuous refresh: a new refresh token with every refresh (API 5.23 declares its fields).
    success: {
      access_token: "pina_FAKEaccess9876543210zyxwvutsrqponmlkjihgfedcba",
      refresh_token: "pinr_FAKErefreshNEW0123456789abcdefghijklmnopqrstuv",
      response_type: "refresh_token",
      token_type: "bearer",
      expires_in: 2592000,
      refresh_token_expires_in: 5184000,
      refresh_token_expires_at: 1767225600,
      scope: "boards:read boards:write pins:read",
    },
  },
  {
    grant: "client_credentials",
    params: { grant_type: "client_credentials", scope: "ads:read" },
    secrets: [CLIENT_SECRET],
    success: {
      access_token: "pina_FAKEclientcredentials0123456789",
      response_type: "client_credentials",
      token_type: "bearer",
      expires_in: 2592000,
      scope: "ads:read",
    },
  },
] as const satisfies readonly {
  grant: string;
  params: OauthTokenParams;
  secrets: readonly string[];
  success:
    | OauthAccessTokenResponseCode
    | OauthAccessTokenResponseRefresh
    | OauthAccessTokenResponseClientCredentials;
}[];

const context = (grant: (typeof GRANTS)[number]): ErrorContext => ({
  errorClass: PinterestOAuthError,
  baseClass: OAuthApiError,
  provider: "pinterest",
  operation: "oauthToken",
  secrets: grant.secrets,
});

interface DeclaredError {
  name: string;
  status: number;
  statusText: string;
  body: ErrorModel;
}
// Every error status the spec declares must have its cases: a new one fails to compile here.
const DECLARED_ERRORS: Record<Exclude<keyof operations["oauthToken"]["responses"], 200>, DeclaredError[]> = {
  default: [
    {
      name: "authenticationFailed on a 401",
      status: 401,
      statusText: "Unauthorized",
      body: { code: 2, message: "Authentication failed." },
    },
    {
      name: "invalidParameters on a 400",
      status: 400,
      statusText: "Bad Request",
      body: { code: 1, message: "Invalid parameters." },
    },
  ],
};

/** The Authorization header decoded the way a server reads RFC 6749 §2.3.1 credentials. */
function basicCredentials(header: string | undefined): { id: string; secret: string } {
  expect(header).toMatch(/^Basic [A-Za-z0-9+/]+=*$/);
  const decoded = Buffer.from(header?.slice("Basic ".length) ?? "", "base64").toString("utf8");
  const [id = "", secret = ""] = decoded.split(":");
  const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, " "));
  return { id: formDecode(id), secret: formDecode(secret) };
}

describe("request wire format", () => {
  it("authorization_code: Basic client authentication and the code form", async () => {
    server.reply({ body: GRANTS[0].success });
    await api().oauthToken(GRANTS[0].params);
    expect(requestSnapshot(server.lastRequest())).toMatchInlineSnapshot(`
      {
        "body": {
          "code": "[redacted]",
          "grant_type": "authorization_code",
          "redirect_uri": "https://app.example.test/oauth/callback",
        },
        "headers": {
          "accept": "application/json",
          "authorization": "Basic [redacted]",
          "content-length": "138",
          "content-type": "application/x-www-form-urlencoded",
        },
        "method": "POST",
        "url": "/pinterest/oauth/token",
      }
    `);
  });

  it("refresh_token: the refresh form with its optional scope", async () => {
    server.reply({ body: GRANTS[1].success });
    await api().oauthToken(GRANTS[1].params);
    expect(requestSnapshot(server.lastRequest())).toMatchInlineSnapshot(`
      {
        "body": {
          "grant_type": "refresh_token",
          "refresh_token": "[redacted]",
          "scope": "boards:read",
        },
        "headers": {
          "accept": "application/json",
          "authorization": "Basic [redacted]",
          "content-length": "111",
          "content-type": "application/x-www-form-urlencoded",
        },
        "method": "POST",
        "url": "/pinterest/oauth/token",
      }
    `);
  });

  it("refresh_token without scope leaves it out", async () => {
    server.reply({ body: GRANTS[1].success });
    await api().oauthToken({ grant_type: "refresh_token", refresh_token: REFRESH_TOKEN });
    expect(server.lastRequest().body).toBe(`grant_type=refresh_token&refresh_token=${REFRESH_TOKEN}`);
  });

  it("client_credentials: the scope form", async () => {
    server.reply({ body: GRANTS[2].success });
    await api().oauthToken(GRANTS[2].params);
    expect(requestSnapshot(server.lastRequest())).toMatchInlineSnapshot(`
      {
        "body": {
          "grant_type": "client_credentials",
          "scope": "ads:read",
        },
        "headers": {
          "accept": "application/json",
          "authorization": "Basic [redacted]",
          "content-length": "46",
          "content-type": "application/x-www-form-urlencoded",
        },
        "method": "POST",
        "url": "/pinterest/oauth/token",
      }
    `);
  });
});

describe("HTTP Basic client authentication (RFC 6749 §2.3.1)", () => {
  it.each(GRANTS)(
    "form-encodes non-Latin-1 credentials, then base64 of UTF-8 ($grant)",
    async ({ params, success }) => {
      server.reply({ body: success });
      await api().oauthToken(params);
      const request = server.lastRequest();
      expect(request.headers.authorization).toBe(
        `Basic ${Buffer.from(
          "%D0%BA%D0%BB%D0%B8%D0%B5%D0%BD%D1%82-1234567:%E7%A7%98%E5%AF%86%3Ap%C3%A4ssw%C3%B6rd%2F%C3%BC%2B%25+ok",
        ).toString("base64")}`,
      );
      expect(basicCredentials(request.headers.authorization)).toEqual({
        id: CLIENT_ID,
        secret: CLIENT_SECRET,
      });
      expect(request.body).not.toContain("client_id");
      expect(request.body).not.toContain("client_secret");
    },
  );

  it.each([
    ["no credentials", {}],
    ["only clientId", { clientId: CLIENT_ID }],
    ["only clientSecret", { clientSecret: CLIENT_SECRET }],
  ])("refuses %s at construction, before any request", (_name, credentials) => {
    expect(() => new OauthApi({ baseUrl: baseUrl(), ...credentials })).toThrow(
      new TypeError("clientId and clientSecret are required (HTTP Basic client authentication)"),
    );
    expect(server.requests).toHaveLength(0);
  });

  it("sends a caller's own Authorization header instead", async () => {
    server.reply({ body: GRANTS[2].success });
    await new OauthApi({
      baseUrl: baseUrl(),
      headers: { Authorization: "Basic b3duOmhlYWRlcg==" },
    }).oauthToken(GRANTS[2].params);
    expect(server.lastRequest().headers.authorization).toBe("Basic b3duOmhlYWRlcg==");
  });
});

describe("success: the grant_type picks the result model", () => {
  it("authorization_code resolves to OauthAccessTokenResponseCode, its refresh token typed", async () => {
    server.reply({ body: GRANTS[0].success });
    const result = await api().oauthToken({
      grant_type: "authorization_code",
      code: CODE,
      redirect_uri: REDIRECT_URI,
    });
    expectTypeOf(result).toEqualTypeOf<OauthAccessTokenResponseCode>();
    expectTypeOf(result.refresh_token).toEqualTypeOf<string>();
    expect(result).toEqual(GRANTS[0].success);
    expect(result.refresh_token).toBe("pinr_FAKErefresh0123456789abcdefghijklmnopqrstuvwxyz");
    expect(result.refresh_token_expires_in).toBe(5184000);
  });

  it("refresh_token resolves to OauthAccessTokenResponseRefresh with continuous refresh's new token", async () => {
    server.reply({ body: GRANTS[1].success });
    const result = await api().oauthToken({ grant_type: "refresh_token", refresh_token: REFRESH_TOKEN });
    expectTypeOf(result).toEqualTypeOf<OauthAccessTokenResponseRefresh>();
    expectTypeOf(result.refresh_token).toEqualTypeOf<string | undefined>();
    expect(result).toEqual(GRANTS[1].success);
    expect(result.refresh_token).toBe("pinr_FAKErefreshNEW0123456789abcdefghijklmnopqrstuv");
    expect(result.refresh_token_expires_in).toBe(5184000);
    expect(result.refresh_token_expires_at).toBe(1767225600);
  });

  it("refresh_token: an API 5.10 answer without refresh fields still resolves", async () => {
    const legacy = {
      access_token: "pina_FAKEaccess9876543210zyxwvutsrqponmlkjihgfedcba",
      response_type: "refresh_token",
      token_type: "bearer",
      expires_in: 2592000,
      scope: "boards:read boards:write pins:read",
    } as const satisfies OauthAccessTokenResponseRefresh;
    server.reply({ body: legacy });
    const result = await api().oauthToken({ grant_type: "refresh_token", refresh_token: REFRESH_TOKEN });
    expect(result).toEqual(legacy);
    expect(result.refresh_token).toBeUndefined();
  });

  it("client_credentials resolves to OauthAccessTokenResponseClientCredentials", async () => {
    server.reply({ body: GRANTS[2].success });
    const result = await api().oauthToken({ grant_type: "client_credentials", scope: "ads:read" });
    expectTypeOf(result).toEqualTypeOf<OauthAccessTokenResponseClientCredentials>();
    expect(result).toEqual(GRANTS[2].success);
  });

  it.each(GRANTS)(
    "a body of the union type resolves to any result, each an OauthAccessTokenResponse ($grant)",
    async ({ params, success }) => {
      server.reply({ body: success });
      const body: OauthTokenParams = params;
      const result = await api().oauthToken(body);
      expectTypeOf(result).toEqualTypeOf<
        | OauthAccessTokenResponseCode
        | OauthAccessTokenResponseRefresh
        | OauthAccessTokenResponseClientCredentials
      >();
      expectTypeOf(result).toExtend<OauthAccessTokenResponse>();
      expect(result).toEqual(success);
    },
  );
});

const declaredCases = Object.entries(DECLARED_ERRORS).flatMap(([declared, errors]) =>
  errors.map((error) => ({ ...error, declared })),
);

for (const grant of GRANTS) {
  describe(`oauthToken with ${grant.grant}`, () => {
    it.each(declaredCases)(
      "throws PinterestOAuthError for the declared $declared response: $name",
      async (error) => {
        server.reply({ status: error.status, body: error.body });
        await expectOAuthError(
          api().oauthToken(grant.params),
          {
            status: error.status,
            kind: "http",
            code: error.body.code,
            description: error.body.message,
            body: error.body,
            contentType: "application/json",
            message: `pinterest oauthToken failed: HTTP ${error.status} ${error.statusText}: ${error.body.code} ${error.body.message}`,
          },
          context(grant),
        );
      },
    );

    // One grant runs the matrix: every grant of oauthToken takes the same code path (one form POST with HTTP Basic);
    // each grant's own secrets are checked by its declared-error cases above and by the fuzz test.
    if (grant === GRANTS[0])
      describeFailureMatrix({
        ...context(grant),
        server: () => server,
        basePath: "/pinterest",
        call: (base) => api(base).oauthToken(grant.params),
      });
  });
}
