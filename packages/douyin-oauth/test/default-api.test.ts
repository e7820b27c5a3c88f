// DefaultApi against a real HTTP server on 127.0.0.1: the request each method sends, and every answer it can get.
// Bodies are the examples of specs/douyin.yaml.

import {
  describeFailureMatrix,
  type ErrorContext,
  type ExpectedError,
  expectOAuthError,
} from "@x/test-utils/errors";
import { requestSnapshot, startTestServer, type TestServer } from "@x/test-utils/server";
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  type AccessTokenSuccess,
  DefaultApi,
  DouyinOAuthError,
  type ErrorResponse,
  type InlineResponse200,
  type InlineResponse2001,
  OAuthApiError,
  type operations,
  type RefreshTokenSuccess,
} from "../src/index.js";

const CLIENT_KEY = "awfake1234567890";
const CLIENT_SECRET = "fake0secret0d41d8cd98f00b204e980";
const CODE = "fakecode1a2b3c4d5e6f";
const REFRESH_TOKEN = "rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6";

let server: TestServer;
const baseUrl = () => `${server.url}/douyin`;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const exchange = (base = baseUrl()) =>
  new DefaultApi({ baseUrl: base }).oauthAccessTokenGet({
    client_key: CLIENT_KEY,
    client_secret: CLIENT_SECRET,
    code: CODE,
  });
const refresh = (base = baseUrl()) =>
  new DefaultApi({ baseUrl: base }).oauthRefreshTokenGet({
    client_key: CLIENT_KEY,
    refresh_token: REFRESH_TOKEN,
  });

const context = (operation: keyof operations, secrets: string[]): ErrorContext => ({
  errorClass: DouyinOAuthError,
  baseClass: OAuthApiError,
  provider: "douyin",
  operation,
  secrets,
});
const exchangeErrors = context("oauthAccessTokenGet", [CLIENT_SECRET, CODE]);
const refreshErrors = context("oauthRefreshTokenGet", [REFRESH_TOKEN]);

/** An error answer the spec declares: the HTTP status it comes with, its example body and what the error holds. */
interface DeclaredError {
  name: string;
  status: number;
  body: ErrorResponse | InlineResponse200 | InlineResponse2001;
  expected: Omit<ExpectedError, "body" | "status" | "contentType">;
}
type ErrorStatuses<Operation extends keyof operations> = Exclude<
  keyof operations[Operation]["responses"],
  200
>;
// Every error status the spec declares for an operation must have its cases: a new one fails to compile here.
type DeclaredErrors<Operation extends keyof operations> = Record<ErrorStatuses<Operation>, DeclaredError[]>;

// Errors inside HTTP 200 (x-sdk-error-in-body), from the 200 examples of the spec, and their string-code form.
const inBodyErrors: Record<keyof operations, DeclaredError[]> = {
  oauthAccessTokenGet: [
    {
      name: "errorInBody example: error 2100005 with extra.logid",
      status: 200,
      body: {
        data: { error_code: 2100005, description: "Parameter error" },
        extra: { logid: "2020070614111601022506808001045D59", now: 1594015876138 },
      },
      expected: {
        kind: "in-body",
        code: 2100005,
        description: "Parameter error",
        message: "douyin oauthAccessTokenGet failed: error 2100005 in an HTTP 200 OK body: Parameter error",
      },
    },
    {
      name: "error code sent as a string",
      status: 200,
      body: { data: { error_code: "10013", description: "client_key或client_secret错误" }, message: "error" },
      expected: {
        kind: "in-body",
        code: "10013",
        description: "client_key或client_secret错误",
        message:
          "douyin oauthAccessTokenGet failed: error 10013 in an HTTP 200 OK body: client_key或client_secret错误",
      },
    },
  ],
  oauthRefreshTokenGet: [
    {
      name: "refreshTokenExpired example: error 10010",
      status: 200,
      body: {
        data: { error_code: 10010, description: "refresh_token过期 (refresh_token expired)" },
        extra: { logid: "2021010112000001022506808001FAKE02", now: 1609502400000 },
      },
      expected: {
        kind: "in-body",
        code: 10010,
        description: "refresh_token过期 (refresh_token expired)",
        message:
          "douyin oauthRefreshTokenGet failed: error 10010 in an HTTP 200 OK body: refresh_token过期 (refresh_token expired)",
      },
    },
  ],
};

const accessTokenErrors: DeclaredErrors<"oauthAccessTokenGet"> = {
  default: [
    {
      name: "default example on a 500: invalid ClientKey",
      status: 500,
      body: {
        data: { error_code: 29002002, description: "invalid ClientKey" },
        extra: { logid: "2021010112000001022506808001FAKE01", now: 1609502400000 },
      },
      expected: {
        kind: "http",
        code: 29002002,
        description: "invalid ClientKey",
        message:
          "douyin oauthAccessTokenGet failed: HTTP 500 Internal Server Error: 29002002 invalid ClientKey",
      },
    },
  ],
};
const refreshTokenErrors: DeclaredErrors<"oauthRefreshTokenGet"> = {
  default: [
    {
      name: "default example on a 502: parameter error",
      status: 502,
      body: {
        data: { error_code: 10002, description: "参数错误 (parameter error)" },
        extra: { logid: "2021010112000001022506808001FAKE03", now: 1609502400000 },
      },
      expected: {
        kind: "http",
        code: 10002,
        description: "参数错误 (parameter error)",
        message: "douyin oauthRefreshTokenGet failed: HTTP 502 Bad Gateway: 10002 参数错误 (parameter error)",
      },
    },
  ],
};

// The cases of a table, each with the status key it is declared under, for it.each.
const declaredCases = (inBody: DeclaredError[], byStatus: Record<string, DeclaredError[]>) => [
  ...inBody.map((error) => ({ ...error, declared: "200 (in body)" })),
  ...Object.entries(byStatus).flatMap(([declared, errors]) =>
    errors.map((error) => ({ ...error, declared })),
  ),
];

describe("DefaultApi.oauthAccessTokenGet", () => {
  const successes: { name: string; body: AccessTokenSuccess }[] = [
    {
      name: "success example (numbers)",
      body: {
        message: "success",
        data: {
          error_code: 0,
          description: "",
          access_token: "act.fake1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4",
          expires_in: 1296000,
          refresh_token: "rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6",
          open_id: "fake0000-b9b7-1865-7fea-44cc0000aaaa",
          scope: "user_info",
          unionid: "fake-union-0000-1111-2222",
        },
      },
    },
    {
      name: 'successStrings example: error_code "0", expires_in "86400", message <nil>',
      body: {
        message: "<nil>",
        data: {
          error_code: "0",
          description: "",
          access_token: "act.fakeaccesstoken00000000000000000",
          expires_in: "86400",
          refresh_token: "rft.fakerefreshtoken0000000000000000",
          open_id: "aaa-bbb-ccc",
          scope: "user_info",
        },
      },
    },
    {
      name: "a body without error_code, with extra.logid",
      body: {
        data: {
          access_token: "act.fakenoerrorcode",
          expires_in: 1296000,
          refresh_token: "rft.fakenoerrorcode",
          open_id: "fake-open-id",
          scope: "user_info",
        },
        extra: { logid: "2021010112000001022506808001FAKE09", now: 1609502400000 },
      },
    },
  ];

  it("sends a GET with every parameter in the query and grant_type filled in", async () => {
    server.reply({ body: successes[0]?.body });
    await exchange();
    expect(server.lastRequest().query).toEqual({
      client_key: CLIENT_KEY,
      client_secret: CLIENT_SECRET,
      code: CODE,
      grant_type: "authorization_code",
    });
    expect(requestSnapshot(server.lastRequest())).toMatchInlineSnapshot(`
      {
        "body": "",
        "headers": {
          "accept": "application/json",
        },
        "method": "GET",
        "url": "/douyin/oauth/access_token/?client_key=awfake1234567890&client_secret=[redacted]&code=[redacted]&grant_type=authorization_code",
      }
    `);
  });

  it("sends the grant_type a caller gives", async () => {
    server.reply({ body: successes[0]?.body });
    await new DefaultApi({ baseUrl: baseUrl() }).oauthAccessTokenGet({
      client_key: CLIENT_KEY,
      client_secret: CLIENT_SECRET,
      code: CODE,
      grant_type: "authorization_code",
    });
    expect(server.lastRequest().query.grant_type).toBe("authorization_code");
    expect(server.lastRequest().url.match(/grant_type=/g)).toHaveLength(1);
  });

  it.each(successes)("returns the AccessTokenSuccess of $name", async ({ body }) => {
    server.reply({ body });
    const result = await exchange();
    expectTypeOf(result).toEqualTypeOf<AccessTokenSuccess>();
    expect(result).toEqual(body);
  });

  it("keeps the platform's extra fields and extra.logid on success", async () => {
    server.reply({
      body: {
        message: "success",
        data: { ...successes[0]?.body.data, log_id: "20240101FAKE", captcha: "" },
        extra: { logid: "2021010112000001022506808001FAKE10", now: 1609502400000 },
      },
    });
    const result = await exchange();
    expect(result.extra?.logid).toBe("2021010112000001022506808001FAKE10");
    expect(result.data).toMatchObject({ log_id: "20240101FAKE" });
  });

  it.each(declaredCases(inBodyErrors.oauthAccessTokenGet, accessTokenErrors))(
    "throws DouyinOAuthError for the declared $declared response: $name",
    async (declared) => {
      server.reply({ status: declared.status, body: declared.body });
      await expectOAuthError(
        exchange(),
        {
          ...declared.expected,
          status: declared.status,
          body: declared.body,
          contentType: "application/json",
        },
        exchangeErrors,
      );
    },
  );

  it("gives the logid of an in-body error through the typed body", async () => {
    server.reply({ body: inBodyErrors.oauthAccessTokenGet[0]?.body });
    const error = await exchange().catch((caught: unknown) => caught);
    if (!(error instanceof DouyinOAuthError)) throw error;
    const body = error.body;
    expect(body && "extra" in body ? body.extra?.logid : undefined).toBe(
      "2020070614111601022506808001045D59",
    );
  });

  describeFailureMatrix({ ...exchangeErrors, server: () => server, basePath: "/douyin", call: exchange });
});

describe("DefaultApi.oauthRefreshTokenGet", () => {
  const successes: { name: string; body: RefreshTokenSuccess }[] = [
    {
      name: "success example",
      body: {
        message: "success",
        data: {
          error_code: 0,
          description: "",
          access_token: "act.fake2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a",
          expires_in: 1296000,
          refresh_token: "rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6",
          open_id: "fake0000-b9b7-1865-7fea-44cc0000aaaa",
          scope: "user_info",
        },
      },
    },
    {
      name: 'numbers as strings: error_code "0", expires_in "86400"',
      body: {
        message: "<nil>",
        data: {
          error_code: "0",
          access_token: "act.fakestr",
          expires_in: "86400",
          refresh_token: "rft.fakestr",
          open_id: "aaa-bbb-ccc",
          scope: "user_info",
        },
      },
    },
  ];

  it("sends client_key, grant_type=refresh_token and refresh_token in the query, no client_secret", async () => {
    server.reply({ body: successes[0]?.body });
    await refresh();
    expect(server.lastRequest().query).toEqual({
      client_key: CLIENT_KEY,
      grant_type: "refresh_token",
      refresh_token: REFRESH_TOKEN,
    });
    expect(requestSnapshot(server.lastRequest())).toMatchInlineSnapshot(`
      {
        "body": "",
        "headers": {
          "accept": "application/json",
        },
        "method": "GET",
        "url": "/douyin/oauth/refresh_token/?client_key=awfake1234567890&grant_type=refresh_token&refresh_token=[redacted]",
      }
    `);
  });

  it.each(successes)("returns the RefreshTokenSuccess of $name", async ({ body }) => {
    server.reply({ body });
    const result = await refresh();
    expectTypeOf(result).toEqualTypeOf<RefreshTokenSuccess>();
    expect(result).toEqual(body);
  });

  it.each(declaredCases(inBodyErrors.oauthRefreshTokenGet, refreshTokenErrors))(
    "throws DouyinOAuthError for the declared $declared response: $name",
    async (declared) => {
      server.reply({ status: declared.status, body: declared.body });
      await expectOAuthError(
        refresh(),
        {
          ...declared.expected,
          status: declared.status,
          body: declared.body,
          contentType: "application/json",
        },
        refreshErrors,
      );
    },
  );

  // No failure matrix here: the refresh is the same query GET with the same in-body rule as the exchange, whose
  // matrix above covers that code path; the refresh's own secret is checked by its in-body error cases and the fuzz test.
});
