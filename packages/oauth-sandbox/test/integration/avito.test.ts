// @x/avito-auth against the sandbox: three methods on one POST /token, rotation, RFC 6749 errors.
import { AccessApi, ApplicationAccessApi, AvitoAuthError } from "@x/avito-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENTS, type Sandbox, startSandbox } from "../../src/index.js";
import { SPECS_DIR } from "../helpers.js";
import { expectNoSecrets, rejection } from "./support.js";

const { clientId: client_id, clientSecret: client_secret } = DEFAULT_CLIENTS.avito;
let sb: Sandbox;
let app: ApplicationAccessApi;
let personal: AccessApi;
beforeAll(async () => {
  sb = await startSandbox({ specsDir: SPECS_DIR, clock: { frozen: true } });
  app = new ApplicationAccessApi({ baseUrl: sb.baseUrls.avito });
  personal = new AccessApi({ baseUrl: sb.baseUrls.avito });
});
afterAll(() => sb.close());

describe("@x/avito-auth against the sandbox", () => {
  it("client_credentials: a 24-hour token without refresh token", async () => {
    const token = await personal.getAccessToken({ client_id, client_secret });
    expect(token).toEqual({ access_token: expect.any(String), expires_in: 86_400, token_type: "Bearer" });
  });

  it("exchanges a code, then rotates: the old refresh token is refused, the new one works", async () => {
    const { code } = await sb.issueCode("avito", { scope: "messenger:read" });
    const first = await app.getAccessTokenAuthorizationCode({ client_id, client_secret, code });
    expect(first.scope).toBe("messenger:read");
    const second = await app.refreshAccessTokenAuthorizationCode({
      client_id,
      client_secret,
      refresh_token: first.refresh_token ?? "",
    });
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const error = await rejection(
      app.refreshAccessTokenAuthorizationCode({
        client_id,
        client_secret,
        refresh_token: first.refresh_token ?? "",
      }),
      AvitoAuthError,
      { status: 400, kind: "http", code: "invalid_grant" },
    );
    expectNoSecrets(error, [client_secret, first.refresh_token]);
    await app.refreshAccessTokenAuthorizationCode({
      client_id,
      client_secret,
      refresh_token: second.refresh_token ?? "",
    });
  });

  it("codes are single-use and expire after 10 minutes", async () => {
    const { code } = await sb.issueCode("avito");
    await app.getAccessTokenAuthorizationCode({ client_id, client_secret, code });
    await rejection(app.getAccessTokenAuthorizationCode({ client_id, client_secret, code }), AvitoAuthError, {
      status: 400,
      kind: "http",
      code: "invalid_grant",
    });
    const late = await sb.issueCode("avito");
    sb.clock.advance(600);
    const error = await rejection(
      app.getAccessTokenAuthorizationCode({ client_id, client_secret, code: late.code }),
      AvitoAuthError,
      { status: 400, kind: "http", code: "invalid_grant" },
    );
    expect(error.description).toMatch(/expired/);
  });

  it("a wrong secret is a 401 invalid_client", async () => {
    const error = await rejection(
      personal.getAccessToken({ client_id, client_secret: "wrong-one" }),
      AvitoAuthError,
      {
        status: 401,
        kind: "http",
        code: "invalid_client",
      },
    );
    expectNoSecrets(error, ["wrong-one"]);
  });
});
