import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { requestSnapshot, startTestServer, type TestServer } from "../../oauth-core/test-utils/server.js";
import { type OauthAccessTokenResponse, OauthApi, PinterestOAuthError } from "../src/index.js";

const CLIENT_ID = "1234567";
const CLIENT_SECRET = "fake-secret:with/odd chars";
const CODE = "fake-auth-code-0123";
const TOKEN = {
  access_token: "pina_FAKEACCESS",
  refresh_token: "pinr_FAKEREFRESH",
  response_type: "authorization_code",
  token_type: "bearer",
  expires_in: 2592000,
  refresh_token_expires_in: 5184000,
  scope: "boards:read pins:read",
};

let server: TestServer;
let api: OauthApi;
beforeAll(async () => {
  server = await startTestServer();
  api = new OauthApi({
    baseUrl: `${server.url}/pinterest`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe("OauthApi.oauthToken", () => {
  it("authenticates with HTTP Basic per RFC 6749 §2.3.1 and posts the form", async () => {
    server.reply({ body: TOKEN });
    const result = await api.oauthToken({
      grant_type: "authorization_code",
      code: CODE,
      redirect_uri: "https://app.example.test/cb",
    });
    expectTypeOf(result).toEqualTypeOf<OauthAccessTokenResponse>();
    expect(result).toEqual(TOKEN);
    const request = server.lastRequest();
    const credentials = Buffer.from(
      request.headers.authorization?.replace(/^Basic /, "") ?? "",
      "base64",
    ).toString();
    expect(credentials).toBe("1234567:fake-secret%3Awith%2Fodd+chars");
    expect(request.body).not.toContain("client_secret");
    expect(requestSnapshot(request)).toMatchInlineSnapshot(`
      {
        "body": {
          "code": "[redacted]",
          "grant_type": "authorization_code",
          "redirect_uri": "https://app.example.test/cb",
        },
        "headers": {
          "accept": "application/json",
          "authorization": "Basic [redacted]",
          "content-length": "103",
          "content-type": "application/x-www-form-urlencoded",
        },
        "method": "POST",
        "url": "/pinterest/oauth/token",
      }
    `);
  });

  it("throws PinterestOAuthError with Pinterest's code and message", async () => {
    server.reply({ status: 401, body: { code: 2, message: "Authentication failed." } });
    const error = await api
      .oauthToken({ grant_type: "refresh_token", refresh_token: "pinr_FAKE" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PinterestOAuthError);
    expect(error).toMatchObject({
      status: 401,
      kind: "http",
      code: 2,
      description: "Authentication failed.",
    });
    expect((error as Error).message).toBe(
      "pinterest oauthToken failed: HTTP 401 Unauthorized: 2 Authentication failed.",
    );
  });

  it("refuses to send without client credentials", async () => {
    const bare = new OauthApi({ baseUrl: `${server.url}/pinterest` });
    await expect(bare.oauthToken({ grant_type: "client_credentials", scope: "ads:read" })).rejects.toThrow(
      TypeError,
    );
    expect(server.requests).toHaveLength(0);
  });
});
