// @x/pinterest-oauth against the sandbox: HTTP Basic, continuous refresh, {code, message} errors.
import { OauthApi, PinterestOAuthError } from "@x/pinterest-oauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENTS, type Sandbox, startSandbox } from "../../src/index.js";
import { SPECS_DIR } from "../helpers.js";
import { expectNoSecrets, rejection } from "./support.js";

const { clientId, clientSecret } = DEFAULT_CLIENTS.pinterest;
const DAY = 86_400;
const redirect_uri = "https://app.example.test/pinterest/callback";
let sb: Sandbox;
let api: OauthApi;
beforeAll(async () => {
  sb = await startSandbox({ specsDir: SPECS_DIR, clock: { frozen: true } });
  api = new OauthApi({ baseUrl: sb.baseUrls.pinterest, clientId, clientSecret });
});
afterAll(() => sb.close());

async function exchange() {
  const { code } = await sb.issueCode("pinterest", { redirectUri: redirect_uri });
  return api.oauthToken({ grant_type: "authorization_code", code, redirect_uri });
}

describe("@x/pinterest-oauth against the sandbox", () => {
  it("exchanges a code with Basic client authentication and refreshes continuously", async () => {
    const first = await exchange();
    expect(first).toMatchObject({
      token_type: "bearer",
      expires_in: 30 * DAY,
      response_type: "authorization_code",
    });
    expect(first.access_token).toMatch(/^pina_/);
    // The code grant's result types its refresh token (OauthAccessTokenResponseCode).
    const firstRefresh: string = first.refresh_token;
    expect(firstRefresh).toMatch(/^pinr_/);
    expect(first.refresh_token_expires_in).toBe(60 * DAY);
    sb.clock.advance(59 * DAY);
    const second = await api.oauthToken({ grant_type: "refresh_token", refresh_token: firstRefresh });
    // Continuous refresh: a new 60-day refresh token, declared (optional) by OauthAccessTokenResponseRefresh.
    const secondRefresh = second.refresh_token ?? "";
    expect(secondRefresh).toMatch(/^pinr_/);
    expect(secondRefresh).not.toBe(firstRefresh);
    expect(second.refresh_token_expires_in).toBe(60 * DAY);
    expect(second.refresh_token_expires_at).toBe(sb.clock.nowSeconds() + 60 * DAY);
    sb.clock.advance(2 * DAY); // the first refresh token is past its 60 days, the renewed one is not
    await rejection(
      api.oauthToken({ grant_type: "refresh_token", refresh_token: firstRefresh }),
      PinterestOAuthError,
      {
        status: 400,
        kind: "http",
        code: 1,
      },
    );
    await api.oauthToken({ grant_type: "refresh_token", refresh_token: secondRefresh });
  });

  it("codes are single-use; a reused code is a 400 with code 1", async () => {
    const { code } = await sb.issueCode("pinterest", { redirectUri: redirect_uri });
    await api.oauthToken({ grant_type: "authorization_code", code, redirect_uri });
    const error = await rejection(
      api.oauthToken({ grant_type: "authorization_code", code, redirect_uri }),
      PinterestOAuthError,
      { status: 400, kind: "http", code: 1 },
    );
    expectNoSecrets(error, [code, clientSecret]);
  });

  it("wrong Basic credentials: 401, code 2, Authentication failed.", async () => {
    const wrong = new OauthApi({ baseUrl: sb.baseUrls.pinterest, clientId, clientSecret: "not-it" });
    const { code } = await sb.issueCode("pinterest", { redirectUri: redirect_uri });
    const error = await rejection(
      wrong.oauthToken({ grant_type: "authorization_code", code, redirect_uri }),
      PinterestOAuthError,
      { status: 401, kind: "http", code: 2 },
    );
    expect(error.description).toBe("Authentication failed.");
    expectNoSecrets(error, ["not-it", code]);
  });
});
