// AccessApi and ApplicationAccessApi against a real HTTP server on 127.0.0.1: the request each method sends, and every
// answer it can get. Bodies are the examples of specs/avito.yaml.

import {
  describeFailureMatrix,
  type ErrorContext,
  type ExpectedError,
  expectOAuthError,
} from "@x/test-utils/errors";
import { requestSnapshot, startTestServer, type TestServer } from "@x/test-utils/server";
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  AccessApi,
  ApplicationAccessApi,
  AvitoAuthError,
  type GetAccessToken200Response,
  type GetAccessTokenAuthorizationCode200Response,
  type GetAccessTokenAuthorizationCodeParams,
  OAuthApiError,
  type OAuthError,
  type operations,
  type RefreshAccessTokenAuthorizationCode200Response,
} from "../src/index.js";

const CLIENT_ID = "fakeClientId0123456789";
const CLIENT_SECRET = "fakeClientSecret0123456789abcdef";
const CODE = "fakeAuthCode0a1b2c3d4e5f";
const REFRESH_TOKEN = "QNAcwgbHQNAcwgbHkChqt9ewQNAcwgbHp4yFd5";

let server: TestServer;
const baseUrl = () => `${server.url}/avito`;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

// The three methods of the original over one `POST /token`, with the secrets each sends and its 200 example.
const METHODS = [
  {
    operation: "getAccessToken",
    call: (base = baseUrl()) =>
      new AccessApi({ baseUrl: base }).getAccessToken({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
    secrets: [CLIENT_SECRET],
    grantType: "client_credentials",
    success: { access_token: "kChqt9ewQNAcwgbHp4yFd5", expires_in: 86400, token_type: "Bearer" },
  },
  {
    operation: "getAccessTokenAuthorizationCode",
    call: (base = baseUrl()) =>
      new ApplicationAccessApi({ baseUrl: base }).getAccessTokenAuthorizationCode({
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        code: CODE,
      }),
    secrets: [CLIENT_SECRET, CODE],
    grantType: "authorization_code",
    success: {
      access_token: "kChqt9ewQNAcwgbHp4yFd5",
      expires_in: 86400,
      refresh_token: "QNAcwgbHQNAcwgbHkChqt9ewQNAcwgbHp4yFd5",
      scope: "messenger:read,messenger:write",
      token_type: "Bearer",
    },
  },
  {
    operation: "refreshAccessTokenAuthorizationCode",
    call: (base = baseUrl()) =>
      new ApplicationAccessApi({ baseUrl: base }).refreshAccessTokenAuthorizationCode({
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        refresh_token: REFRESH_TOKEN,
      }),
    secrets: [CLIENT_SECRET, REFRESH_TOKEN],
    grantType: "refresh_token",
    success: {
      access_token: "5dFy4pHbgwcANQwe9tqhCk",
      expires_in: 86400,
      refresh_token: "5dFy4pHbgwcANQwe9tqhCkHbgwcANQHbgwcANQ",
      scope: "messenger:read,messenger:write",
      token_type: "Bearer",
    },
  },
] as const;

const context = (method: (typeof METHODS)[number]): ErrorContext => ({
  errorClass: AvitoAuthError,
  baseClass: OAuthApiError,
  provider: "avito",
  operation: method.operation,
  secrets: method.secrets,
});

interface DeclaredError {
  name: string;
  status: number;
  body: OAuthError;
  expected: Pick<ExpectedError, "code" | "description">;
}
// Every error status the spec declares must have its cases: a new one fails to compile here.
const DECLARED_ERRORS: Record<
  Exclude<keyof operations["getAccessToken"]["responses"], 200>,
  DeclaredError[]
> = {
  400: [
    {
      name: "invalid_grant",
      status: 400,
      body: { error: "invalid_grant", error_description: "refresh token is invalid or expired" },
      expected: { code: "invalid_grant", description: "refresh token is invalid or expired" },
    },
  ],
  401: [
    {
      name: "invalid_client",
      status: 401,
      body: { error: "invalid_client", error_description: "client authentication failed" },
      expected: { code: "invalid_client", description: "client authentication failed" },
    },
  ],
  default: [
    {
      name: "server_error on a 500",
      status: 500,
      body: { error: "server_error", error_description: "internal error" },
      expected: { code: "server_error", description: "internal error" },
    },
  ],
};
const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  500: "Internal Server Error",
};

describe("request wire format", () => {
  it("AccessApi.getAccessToken posts the client_credentials form", async () => {
    server.reply({ body: METHODS[0].success });
    await METHODS[0].call();
    expect(server.lastRequest().body).toBe(
      `client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}&grant_type=client_credentials`,
    );
    expect(requestSnapshot(server.lastRequest())).toMatchInlineSnapshot(`
      {
        "body": {
          "client_id": "fakeClientId0123456789",
          "client_secret": "[redacted]",
          "grant_type": "client_credentials",
        },
        "headers": {
          "accept": "application/json",
          "content-length": "109",
          "content-type": "application/x-www-form-urlencoded",
        },
        "method": "POST",
        "url": "/avito/token",
      }
    `);
  });

  it("ApplicationAccessApi.getAccessTokenAuthorizationCode posts the authorization_code form to /token", async () => {
    server.reply({ body: METHODS[1].success });
    await METHODS[1].call();
    expect(server.lastRequest().body).toBe(
      `client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}&code=${CODE}&grant_type=authorization_code`,
    );
    expect(requestSnapshot(server.lastRequest())).toMatchInlineSnapshot(`
      {
        "body": {
          "client_id": "fakeClientId0123456789",
          "client_secret": "[redacted]",
          "code": "[redacted]",
          "grant_type": "authorization_code",
        },
        "headers": {
          "accept": "application/json",
          "content-length": "139",
          "content-type": "application/x-www-form-urlencoded",
        },
        "method": "POST",
        "url": "/avito/token",
      }
    `);
  });

  it("ApplicationAccessApi.refreshAccessTokenAuthorizationCode posts the refresh_token form to /token", async () => {
    server.reply({ body: METHODS[2].success });
    await METHODS[2].call();
    expect(server.lastRequest().body).toBe(
      `client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}&grant_type=refresh_token&refresh_token=${REFRESH_TOKEN}`,
    );
    expect(requestSnapshot(server.lastRequest())).toMatchInlineSnapshot(`
      {
        "body": {
          "client_id": "fakeClientId0123456789",
          "client_secret": "[redacted]",
          "grant_type": "refresh_token",
          "refresh_token": "[redacted]",
        },
        "headers": {
          "accept": "application/json",
          "content-length": "157",
          "content-type": "application/x-www-form-urlencoded",
        },
        "method": "POST",
        "url": "/avito/token",
      }
    `);
  });

  it("never sends the original's hidden-character paths (/token\\u200e)", async () => {
    for (const method of METHODS) {
      server.reply({ body: method.success });
      await method.call();
      expect(server.lastRequest().url).toBe("/avito/token");
    }
  });

  it("fills in grant_type when a JavaScript caller passes undefined, and never sends absent fields", async () => {
    server.reply({ body: METHODS[1].success });
    // What untyped code may pass: explicit undefined values, also for a field the spec does not know.
    const params = {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      code: CODE,
      grant_type: undefined,
      scope: undefined,
      redirect_uri: null,
    } as unknown as GetAccessTokenAuthorizationCodeParams;
    await new ApplicationAccessApi({ baseUrl: baseUrl() }).getAccessTokenAuthorizationCode(params);
    const body = server.lastRequest().body;
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      code: CODE,
      grant_type: "authorization_code",
    });
    expect(body).not.toContain("undefined");
    expect(body).not.toContain("null");
  });

  it("keeps the spec's content type when a caller sends JSON headers", async () => {
    server.reply({ body: METHODS[0].success });
    await new AccessApi({
      baseUrl: baseUrl(),
      headers: { "Content-Type": "application/json", Accept: "text/html" },
    }).getAccessToken({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(server.lastRequest().headers).toMatchObject({
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    });
  });
});

describe("success", () => {
  it("AccessApi.getAccessToken returns GetAccessToken200Response", async () => {
    server.reply({ body: METHODS[0].success });
    const result = await METHODS[0].call();
    expectTypeOf(result).toEqualTypeOf<GetAccessToken200Response>();
    expect(result).toEqual(METHODS[0].success);
  });

  it("getAccessTokenAuthorizationCode returns GetAccessTokenAuthorizationCode200Response", async () => {
    server.reply({ body: METHODS[1].success });
    const result = await METHODS[1].call();
    expectTypeOf(result).toEqualTypeOf<GetAccessTokenAuthorizationCode200Response>();
    expect(result).toEqual(METHODS[1].success);
  });

  it("refreshAccessTokenAuthorizationCode returns the rotated tokens", async () => {
    server.reply({ body: METHODS[2].success });
    const result = await METHODS[2].call();
    expectTypeOf(result).toEqualTypeOf<RefreshAccessTokenAuthorizationCode200Response>();
    expect(result).toEqual(METHODS[2].success);
    expect(result.refresh_token).not.toBe(REFRESH_TOKEN);
  });
});

const declaredCases = Object.entries(DECLARED_ERRORS).flatMap(([declared, errors]) =>
  errors.map((error) => ({ ...error, declared })),
);

for (const method of METHODS) {
  describe(method.operation, () => {
    it.each(declaredCases)(
      "throws AvitoAuthError for the declared $declared response: $name",
      async (error) => {
        server.reply({ status: error.status, body: error.body });
        await expectOAuthError(
          method.call(),
          {
            ...error.expected,
            status: error.status,
            kind: "http",
            body: error.body,
            contentType: "application/json",
            message: `avito ${method.operation} failed: HTTP ${error.status} ${STATUS_TEXT[error.status]}: ${error.expected.code} ${error.expected.description}`,
          },
          context(method),
        );
      },
    );

    it("takes the request's secrets out of an error that echoes them", async () => {
      const echoed = `rejected ${method.secrets.join(", ")}`;
      server.reply({ status: 400, body: { error: "invalid_request", error_description: echoed } });
      const redacted = `rejected ${method.secrets.map(() => "[redacted]").join(", ")}`;
      await expectOAuthError(
        method.call(),
        {
          status: 400,
          kind: "http",
          code: "invalid_request",
          description: redacted,
          body: { error: "invalid_request", error_description: redacted },
          contentType: "application/json",
        },
        context(method),
      );
    });

    // One method runs the matrix: all three are the one form POST /token, the same code path; each method's own
    // secrets are checked by its echo case above and by the fuzz test.
    if (method === METHODS[0])
      describeFailureMatrix({
        ...context(method),
        server: () => server,
        basePath: "/avito",
        call: method.call,
      });
  });
}
