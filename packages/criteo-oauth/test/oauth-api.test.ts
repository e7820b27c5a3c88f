// OAuthApi against a real HTTP server on 127.0.0.1: the request of each grant type and every answer it can get,
// in each of the spec's media types (Criteo answers JSON as text/plain and text/json too). Bodies are the examples
// of specs/criteo.yaml.

import { describeFailureMatrix, type ErrorContext, expectOAuthError } from "@x/test-utils/errors";
import { requestSnapshot, startTestServer, type TestServer } from "@x/test-utils/server";
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  type AccessTokenModel,
  CriteoOAuthError,
  type GetTokenParams,
  OAuthApi,
  OAuthApiError,
  type OAuthErrorModel,
  type operations,
} from "../src/index.js";

const CLIENT_ID = "fake-client-id-0123456789abcdef";
const CLIENT_SECRET = "fake-client-secret-0123456789abcdef";
const CODE = "fake-auth-code-0123456789abcdef";
const REFRESH_TOKEN = "fake-refresh-token-fedcba9876543210";
const REDIRECT_URI = "https://app.example.test/oauth/callback";

let server: TestServer;
const baseUrl = () => `${server.url}/criteo`;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const api = (base = baseUrl()) => new OAuthApi({ baseUrl: base });

const GRANTS = [
  {
    grant: "client_credentials",
    params: { grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
    secrets: [CLIENT_SECRET],
  },
  {
    grant: "authorization_code",
    params: {
      grant_type: "authorization_code",
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      code: CODE,
      redirect_uri: REDIRECT_URI,
    },
    secrets: [CLIENT_SECRET, CODE],
  },
  {
    grant: "refresh_token",
    params: {
      grant_type: "refresh_token",
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      refresh_token: REFRESH_TOKEN,
    },
    secrets: [CLIENT_SECRET, REFRESH_TOKEN],
  },
] as const satisfies readonly { grant: string; params: GetTokenParams; secrets: readonly string[] }[];

const context = (grant: (typeof GRANTS)[number]): ErrorContext => ({
  errorClass: CriteoOAuthError,
  baseClass: OAuthApiError,
  provider: "criteo",
  operation: "getToken",
  secrets: grant.secrets,
});

const TEXT_PLAIN = "text/plain; charset=utf-8";
const TEXT_JSON = "text/json; charset=utf-8";
const APPLICATION_JSON = "application/json; charset=utf-8";

// The 200 examples of the spec, per media type.
const SUCCESSES: { name: string; contentType: string; body: AccessTokenModel }[] = [
  {
    name: "text/plain",
    contentType: TEXT_PLAIN,
    body: {
      access_token: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJmYWtlIn0.FAKE",
      token_type: "Bearer",
      expires_in: 900,
    },
  },
  {
    name: "application/json, clientCredentials with a null refresh_token",
    contentType: APPLICATION_JSON,
    body: {
      access_token: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJmYWtlIn0.FAKE",
      token_type: "Bearer",
      refresh_token: null,
      expires_in: 900,
    },
  },
  {
    name: "application/json, authorizationCode",
    contentType: APPLICATION_JSON,
    body: {
      access_token: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJmYWtlMiJ9.FAKE",
      token_type: "Bearer",
      refresh_token: "fake-refresh-token-fedcba9876543210",
      expires_in: 900,
    },
  },
  {
    name: "text/json",
    contentType: TEXT_JSON,
    body: {
      access_token: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJmYWtlIn0.FAKE",
      token_type: "Bearer",
      expires_in: 900,
    },
  },
];

interface DeclaredError {
  name: string;
  contentType: string;
  body: OAuthErrorModel & { error: string; error_description: string };
}
// Every error status the spec declares must have its cases: a new one fails to compile here.
const DECLARED_ERRORS: Record<Exclude<keyof operations["getToken"]["responses"], 200>, DeclaredError[]> = {
  400: [
    {
      name: "text/plain invalid_request",
      contentType: TEXT_PLAIN,
      body: { error: "invalid_request", error_description: "The grant_type parameter is missing." },
    },
    {
      name: "application/json invalid_grant",
      contentType: APPLICATION_JSON,
      body: {
        error: "invalid_grant",
        error_description: "The authorization code is invalid or has expired.",
      },
    },
    {
      name: "text/json unsupported_grant_type",
      contentType: TEXT_JSON,
      body: { error: "unsupported_grant_type", error_description: "The grant type is not supported." },
    },
  ],
  401: [TEXT_PLAIN, APPLICATION_JSON, TEXT_JSON].map((contentType) => ({
    name: `${contentType.split(";")[0]} invalid_client`,
    contentType,
    body: { error: "invalid_client", error_description: "Client authentication failed." },
  })),
};
const STATUS_TEXT: Record<string, string> = { 400: "Bad Request", 401: "Unauthorized" };

describe("request wire format", () => {
  it("client_credentials: the form without the absent optional fields", async () => {
    server.reply({ body: SUCCESSES[0]?.body });
    await api().getToken(GRANTS[0].params);
    expect(server.lastRequest().body).toBe(
      `client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}&grant_type=client_credentials`,
    );
    expect(requestSnapshot(server.lastRequest())).toMatchInlineSnapshot(`
      {
        "body": {
          "client_id": "fake-client-id-0123456789abcdef",
          "client_secret": "[redacted]",
          "grant_type": "client_credentials",
        },
        "headers": {
          "accept": "text/plain, application/json, text/json",
          "content-length": "121",
          "content-type": "application/x-www-form-urlencoded",
        },
        "method": "POST",
        "url": "/criteo/oauth2/token",
      }
    `);
  });

  it("authorization_code: code and redirect_uri", async () => {
    server.reply({ body: SUCCESSES[2]?.body });
    await api().getToken(GRANTS[1].params);
    expect(requestSnapshot(server.lastRequest())).toMatchInlineSnapshot(`
      {
        "body": {
          "client_id": "fake-client-id-0123456789abcdef",
          "client_secret": "[redacted]",
          "code": "[redacted]",
          "grant_type": "authorization_code",
          "redirect_uri": "https://app.example.test/oauth/callback",
        },
        "headers": {
          "accept": "text/plain, application/json, text/json",
          "content-length": "221",
          "content-type": "application/x-www-form-urlencoded",
        },
        "method": "POST",
        "url": "/criteo/oauth2/token",
      }
    `);
  });

  it("refresh_token: the refresh token", async () => {
    server.reply({ body: SUCCESSES[2]?.body });
    await api().getToken(GRANTS[2].params);
    expect(requestSnapshot(server.lastRequest())).toMatchInlineSnapshot(`
      {
        "body": {
          "client_id": "fake-client-id-0123456789abcdef",
          "client_secret": "[redacted]",
          "grant_type": "refresh_token",
          "refresh_token": "[redacted]",
        },
        "headers": {
          "accept": "text/plain, application/json, text/json",
          "content-length": "166",
          "content-type": "application/x-www-form-urlencoded",
        },
        "method": "POST",
        "url": "/criteo/oauth2/token",
      }
    `);
  });

  it("never sends undefined or null optional fields from a JavaScript caller", async () => {
    server.reply({ body: SUCCESSES[0]?.body });
    const params = {
      ...GRANTS[0].params,
      code: undefined,
      redirect_uri: null,
      refresh_token: undefined,
    } as unknown as GetTokenParams;
    await api().getToken(params);
    expect(server.lastRequest().body).toBe(
      `client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}&grant_type=client_credentials`,
    );
  });

  it("sends no Authorization header although the original's root security names the oauth scheme", async () => {
    server.reply({ body: SUCCESSES[0]?.body });
    await api().getToken(GRANTS[0].params);
    expect(server.lastRequest().headers.authorization).toBeUndefined();
  });
});

describe("success", () => {
  it.each(SUCCESSES)("parses the AccessTokenModel answered as $name", async ({ contentType, body }) => {
    server.reply({ headers: { "content-type": contentType }, body: JSON.stringify(body) });
    const result = await api().getToken(GRANTS[0].params);
    expectTypeOf(result).toEqualTypeOf<AccessTokenModel>();
    expect(result).toEqual(body);
  });

  it("keeps a null refresh_token as null", async () => {
    server.reply({ body: SUCCESSES[1]?.body });
    const result = await api().getToken(GRANTS[0].params);
    expectTypeOf(result.refresh_token).toEqualTypeOf<string | null | undefined>();
    expect(result.refresh_token).toBeNull();
  });
});

const declaredCases = Object.entries(DECLARED_ERRORS).flatMap(([status, errors]) =>
  errors.map((error) => ({ ...error, status: Number(status) })),
);

for (const grant of GRANTS) {
  describe(`getToken with ${grant.grant}`, () => {
    it.each(declaredCases)(
      "throws CriteoOAuthError for the declared $status response: $name",
      async (error) => {
        server.reply({
          status: error.status,
          headers: { "content-type": error.contentType },
          body: JSON.stringify(error.body),
        });
        await expectOAuthError(
          api().getToken(grant.params),
          {
            status: error.status,
            kind: "http",
            code: error.body.error,
            description: error.body.error_description,
            body: error.body,
            contentType: error.contentType,
            message: `criteo getToken failed: HTTP ${error.status} ${STATUS_TEXT[error.status]}: ${error.body.error} ${error.body.error_description}`,
          },
          context(grant),
        );
      },
    );

    // One grant runs the matrix: every grant of getToken takes the same code path (one form POST), and each grant's
    // own secrets are checked by its declared-error cases above and by the fuzz test.
    if (grant === GRANTS[0])
      describeFailureMatrix({
        ...context(grant),
        server: () => server,
        basePath: "/criteo",
        call: (base) => api(base).getToken(grant.params),
      });
  });
}
