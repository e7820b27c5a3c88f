// A Douyin 200 is a token only when it is the success model (AccessTokenSuccess, RefreshTokenSuccess: the spec's
// x-sdk-success-schema). The in-body error rule runs first; a body it calls a success must then carry every field
// Douyin always sends, with its type, or the call fails with kind "invalid-response". Real HTTP server on 127.0.0.1.

import { type ErrorContext, expectOAuthError } from "@x/test-utils/errors";
import { startTestServer, type TestServer } from "@x/test-utils/server";
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { DefaultApi, DouyinOAuthError, OAuthApiError } from "../src/index.js";

const CLIENT_KEY = "awfake1234567890";
const CLIENT_SECRET = "fake0secret0d41d8cd98f00b204e980";
const CODE = "fakecode1a2b3c4d5e6f";
const REFRESH_TOKEN = "rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const api = () => new DefaultApi({ baseUrl: `${server.url}/douyin` });
const context = (operation: string, secrets: string[]): ErrorContext => ({
  errorClass: DouyinOAuthError,
  baseClass: OAuthApiError,
  provider: "douyin",
  operation,
  secrets,
});

const tokenData = {
  error_code: 0,
  description: "",
  access_token: "act.fake1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4",
  expires_in: 1296000,
  refresh_token: REFRESH_TOKEN,
  open_id: "fake0000-b9b7-1865-7fea-44cc0000aaaa",
  scope: "user_info",
};
const { open_id: _openId, ...withoutOpenId } = tokenData;

/** 200 bodies the in-body rule calls a success (no code, or 0) that are not a token; `at`: the first bad field. */
const notTokens = (secrets: string[]) => [
  { name: '{"data":{}}', body: { data: {} }, at: "data.access_token" },
  { name: '{"data":{"error_code":0}}', body: { data: { error_code: 0 } }, at: "data.access_token" },
  { name: '{"data":{"access_token":123}}', body: { data: { access_token: 123 } }, at: "data.access_token" },
  { name: '{"message":"success"}', body: { message: "success" }, at: "data" },
  { name: "data as a string", body: { data: "success" }, at: "data" },
  { name: "a token without open_id", body: { message: "success", data: withoutOpenId }, at: "data.open_id" },
  {
    name: "expires_in as a boolean",
    body: { data: { ...tokenData, expires_in: true } },
    at: "data.expires_in",
  },
  {
    name: "no access_token, the request's secrets echoed in description",
    body: { data: { error_code: "0", description: `echo ${secrets.join(" ")}` } },
    at: "data.access_token",
  },
];

const operations = [
  {
    operation: "oauthAccessTokenGet",
    secrets: [CLIENT_SECRET, CODE],
    call: () =>
      api().oauthAccessTokenGet({ client_key: CLIENT_KEY, client_secret: CLIENT_SECRET, code: CODE }),
    success: { message: "success", data: { ...tokenData, unionid: "fake-union-0000" } },
  },
  {
    operation: "oauthRefreshTokenGet",
    secrets: [REFRESH_TOKEN],
    call: () => api().oauthRefreshTokenGet({ client_key: CLIENT_KEY, refresh_token: REFRESH_TOKEN }),
    success: { message: "success", data: tokenData },
  },
] as const;

describe.each(operations)("DefaultApi.$operation", ({ operation, secrets, call, success }) => {
  it.each(notTokens([...secrets]))(
    'rejects $name with kind "invalid-response" and status 200',
    async ({ body, at }) => {
      server.reply({ body });
      await expectOAuthError(
        call(),
        {
          status: 200,
          kind: "invalid-response",
          contentType: "application/json",
          message: `douyin ${operation} failed: HTTP 200 OK with a body that is not the success model (at ${at})`,
        },
        context(operation, [...secrets]),
      );
    },
  );

  it("resolves a full success, its token typed as a string", async () => {
    server.reply({ body: success });
    const result = await call();
    expect(result).toEqual(success);
    expectTypeOf(result.data.access_token).toEqualTypeOf<string>();
    expect(result.data.access_token).toBe(tokenData.access_token);
  });

  it('still gives kind "in-body" for a non-zero error_code, before the success model is checked', async () => {
    const body = { data: { error_code: 10010, description: "refresh_token expired" } };
    server.reply({ body });
    await expectOAuthError(
      call(),
      {
        status: 200,
        kind: "in-body",
        code: 10010,
        description: "refresh_token expired",
        body,
        contentType: "application/json",
        message: `douyin ${operation} failed: error 10010 in an HTTP 200 OK body: refresh_token expired`,
      },
      context(operation, [...secrets]),
    );
  });
});
