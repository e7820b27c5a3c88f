import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { requestSnapshot, startTestServer, type TestServer } from "../../oauth-core/test-utils/server.js";
import {
  AccessApi,
  ApplicationAccessApi,
  AvitoAuthError,
  type GetAccessToken200Response,
  type GetAccessTokenAuthorizationCode200Response,
  type RefreshAccessTokenAuthorizationCode200Response,
} from "../src/index.js";

const CLIENT_ID = "fakeClientId0123456789";
const CLIENT_SECRET = "fakeClientSecret0123456789abcdef";
const CODE = "fakeAuthCode0a1b2c3d4e5f";
const REFRESH_TOKEN = "QNAcwgbHQNAcwgbHkChqt9ewQNAcwgbHp4yFd5";
const TOKEN = { access_token: "kChqt9ewQNAcwgbHp4yFd5", expires_in: 86400, token_type: "Bearer" };

let server: TestServer;
let baseUrl: string;
beforeAll(async () => {
  server = await startTestServer();
  baseUrl = `${server.url}/avito`;
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe("ApplicationAccessApi", () => {
  it("getAccessTokenAuthorizationCode posts the form with grant_type=authorization_code", async () => {
    const body = { ...TOKEN, refresh_token: REFRESH_TOKEN, scope: "messenger:read" };
    server.reply({ body });
    const result = await new ApplicationAccessApi({ baseUrl }).getAccessTokenAuthorizationCode({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      code: CODE,
    });
    expectTypeOf(result).toEqualTypeOf<GetAccessTokenAuthorizationCode200Response>();
    expect(result).toEqual(body);
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

  it("refreshAccessTokenAuthorizationCode posts the form with grant_type=refresh_token", async () => {
    server.reply({ body: { ...TOKEN, refresh_token: "rotated" } });
    const result = await new ApplicationAccessApi({ baseUrl }).refreshAccessTokenAuthorizationCode({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      refresh_token: REFRESH_TOKEN,
    });
    expectTypeOf(result).toEqualTypeOf<RefreshAccessTokenAuthorizationCode200Response>();
    expect(result.refresh_token).toBe("rotated");
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

  it("throws AvitoAuthError with the OAuth error fields for a 400", async () => {
    server.reply({
      status: 400,
      body: { error: "invalid_grant", error_description: "refresh token is invalid or expired" },
    });
    const error = await new ApplicationAccessApi({ baseUrl })
      .refreshAccessTokenAuthorizationCode({
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        refresh_token: REFRESH_TOKEN,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AvitoAuthError);
    expect(error).toMatchObject({
      provider: "avito",
      operation: "refreshAccessTokenAuthorizationCode",
      status: 400,
      kind: "http",
      code: "invalid_grant",
      description: "refresh token is invalid or expired",
    });
    for (const secret of [CLIENT_SECRET, REFRESH_TOKEN])
      expect((error as Error).message).not.toContain(secret);
  });
});

describe("AccessApi", () => {
  it("getAccessToken posts the client_credentials form", async () => {
    server.reply({ body: TOKEN });
    const result = await new AccessApi({ baseUrl }).getAccessToken({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    expectTypeOf(result).toEqualTypeOf<GetAccessToken200Response>();
    expect(result).toEqual(TOKEN);
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
});
