import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { requestSnapshot, startTestServer, type TestServer } from "../../oauth-core/test-utils/server.js";
import {
  DefaultApi,
  DouyinOAuthError,
  type InlineResponse200,
  type InlineResponse2001,
  OAuthApiError,
} from "../src/index.js";

const CLIENT_SECRET = "fake0secret0d41d8cd98f00b204e980";
const CODE = "fakecode1a2b3c4d5e6f";
const REFRESH_TOKEN = "rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6";

let server: TestServer;
let api: DefaultApi;
beforeAll(async () => {
  server = await startTestServer();
  api = new DefaultApi({ baseUrl: `${server.url}/douyin` });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe("DefaultApi.oauthAccessTokenGet", () => {
  it("sends a GET with every parameter in the query and grant_type filled in", async () => {
    server.reply({
      body: { message: "success", data: { error_code: 0, access_token: "act.fake", expires_in: 1296000 } },
    });
    await api.oauthAccessTokenGet({
      client_key: "awfake1234567890",
      client_secret: CLIENT_SECRET,
      code: CODE,
    });
    expect(server.lastRequest().query).toEqual({
      client_key: "awfake1234567890",
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

  it("returns the InlineResponse200 body", async () => {
    const body = {
      message: "success",
      data: { error_code: 0, access_token: "act.fake", open_id: "o-1", expires_in: "86400" },
    };
    server.reply({ body });
    const result = await api.oauthAccessTokenGet({
      client_key: "k",
      client_secret: CLIENT_SECRET,
      code: CODE,
    });
    expectTypeOf(result).toEqualTypeOf<InlineResponse200>();
    expect(result).toEqual(body);
  });

  it("throws DouyinOAuthError for an error reported inside HTTP 200", async () => {
    const body = {
      data: { description: "Parameter error", error_code: 2100005 },
      extra: { logid: "2020", now: 1594015876138 },
    };
    server.reply({ body });
    const error = await api
      .oauthAccessTokenGet({ client_key: "k", client_secret: CLIENT_SECRET, code: CODE })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DouyinOAuthError);
    expect(error).toBeInstanceOf(OAuthApiError);
    expect(error).toMatchObject({
      name: "DouyinOAuthError",
      provider: "douyin",
      operation: "oauthAccessTokenGet",
      status: 200,
      kind: "in-body",
      code: 2100005,
      description: "Parameter error",
      body,
    });
    expect((error as Error).message).toBe(
      "douyin oauthAccessTokenGet failed: error 2100005 in an HTTP 200 OK body: Parameter error",
    );
    expect((error as Error).message).not.toContain(CLIENT_SECRET);
  });
});

describe("DefaultApi.oauthRefreshTokenGet", () => {
  it("sends client_key, grant_type=refresh_token and refresh_token in the query, no client_secret", async () => {
    server.reply({ body: { message: "success", data: { error_code: 0, access_token: "act.fake2" } } });
    const result = await api.oauthRefreshTokenGet({
      client_key: "awfake1234567890",
      refresh_token: REFRESH_TOKEN,
    });
    expectTypeOf(result).toEqualTypeOf<InlineResponse2001>();
    expect(server.lastRequest().query).toEqual({
      client_key: "awfake1234567890",
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

  it("throws with status and body for an HTTP error carrying the platform's envelope", async () => {
    server.reply({ status: 502, body: { data: { error_code: 10002, description: "参数错误" } } });
    const error = await api
      .oauthRefreshTokenGet({ client_key: "k", refresh_token: REFRESH_TOKEN })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DouyinOAuthError);
    expect(error).toMatchObject({ status: 502, kind: "http", code: 10002, description: "参数错误" });
    expect((error as Error).message).not.toContain(REFRESH_TOKEN);
  });
});
