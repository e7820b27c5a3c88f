import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { requestSnapshot, startTestServer, type TestServer } from "../../oauth-core/test-utils/server.js";
import { type AccessTokenModel, CriteoOAuthError, OAuthApi } from "../src/index.js";

const CLIENT_ID = "fake-client-id-0123456789abcdef";
const CLIENT_SECRET = "fake-client-secret-0123456789abcdef";

let server: TestServer;
let api: OAuthApi;
beforeAll(async () => {
  server = await startTestServer();
  api = new OAuthApi({ baseUrl: `${server.url}/criteo` });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe("OAuthApi.getToken", () => {
  it("posts the form, leaves out absent fields and accepts the spec's three media types", async () => {
    server.reply({
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: '{"access_token":"eyJhbGciOiJub25lIn0.eyJzdWIiOiJmYWtlIn0.FAKE","token_type":"Bearer","expires_in":900}',
    });
    const result = await api.getToken({
      grant_type: "client_credentials",
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    expectTypeOf(result).toEqualTypeOf<AccessTokenModel>();
    expect(result).toEqual({
      access_token: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJmYWtlIn0.FAKE",
      token_type: "Bearer",
      expires_in: 900,
    });
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

  it("throws CriteoOAuthError with the OAuth error of a 401", async () => {
    server.reply({
      status: 401,
      body: { error: "invalid_client", error_description: "Client authentication failed" },
    });
    const error = await api
      .getToken({ grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CriteoOAuthError);
    expect(error).toMatchObject({
      provider: "criteo",
      operation: "getToken",
      status: 401,
      kind: "http",
      code: "invalid_client",
      description: "Client authentication failed",
    });
    expect((error as Error).message).not.toContain(CLIENT_SECRET);
  });
});
