// @x/criteo-oauth against the sandbox: 900-second tokens, rotation, OAuthErrorModel 400/401.
import { CriteoOAuthError, OAuthApi } from "@x/criteo-oauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENTS, type Sandbox, startSandbox } from "../../src/index.js";
import { SPECS_DIR } from "../helpers.js";
import { expectNoSecrets, rejection } from "./support.js";

const { clientId: client_id, clientSecret: client_secret } = DEFAULT_CLIENTS.criteo;
const redirect_uri = "https://app.example.test/criteo/callback";
let sb: Sandbox;
let api: OAuthApi;
beforeAll(async () => {
  sb = await startSandbox({ specsDir: SPECS_DIR, clock: { frozen: true } });
  api = new OAuthApi({ baseUrl: sb.baseUrls.criteo });
});
afterAll(() => sb.close());

describe("@x/criteo-oauth against the sandbox", () => {
  it("client_credentials: 900 seconds, no refresh token", async () => {
    const token = await api.getToken({ grant_type: "client_credentials", client_id, client_secret });
    expect(token).toMatchObject({ token_type: "Bearer", expires_in: 900 });
    expect(token.refresh_token ?? null).toBeNull();
  });

  it("exchanges a code and rotates the refresh token", async () => {
    const { code } = await sb.issueCode("criteo", { redirectUri: redirect_uri });
    const first = await api.getToken({
      grant_type: "authorization_code",
      client_id,
      client_secret,
      code,
      redirect_uri,
    });
    const refresh_token = first.refresh_token ?? "";
    expect(refresh_token).not.toBe("");
    sb.clock.advance(900); // the access token is spent; the refresh token is what matters now
    expect(sb.introspect("criteo", first.access_token ?? "").active).toBe(false);
    const second = await api.getToken({
      grant_type: "refresh_token",
      client_id,
      client_secret,
      refresh_token,
    });
    expect(second.refresh_token).not.toBe(refresh_token);
    const error = await rejection(
      api.getToken({ grant_type: "refresh_token", client_id, client_secret, refresh_token }),
      CriteoOAuthError,
      { status: 400, kind: "http", code: "invalid_grant" },
    );
    expectNoSecrets(error, [refresh_token, client_secret]);
  });

  it("codes are single-use and bound to their redirect_uri", async () => {
    const { code } = await sb.issueCode("criteo", { redirectUri: redirect_uri });
    await rejection(
      api.getToken({
        grant_type: "authorization_code",
        client_id,
        client_secret,
        code,
        redirect_uri: "https://x.test/",
      }),
      CriteoOAuthError,
      { status: 400, kind: "http", code: "invalid_grant" },
    );
    await api.getToken({ grant_type: "authorization_code", client_id, client_secret, code, redirect_uri });
    await rejection(
      api.getToken({ grant_type: "authorization_code", client_id, client_secret, code, redirect_uri }),
      CriteoOAuthError,
      { status: 400, kind: "http", code: "invalid_grant" },
    );
  });

  it("a wrong secret is a 401 invalid_client, whatever media type the answer is labelled with", async () => {
    const error = await rejection(
      api.getToken({ grant_type: "client_credentials", client_id, client_secret: "wrong-secret" }),
      CriteoOAuthError,
      { status: 401, kind: "http", code: "invalid_client" },
    );
    expectNoSecrets(error, ["wrong-secret"]);
  });
});
