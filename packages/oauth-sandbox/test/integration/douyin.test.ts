// @x/douyin-oauth against the sandbox: errors in HTTP 200 bodies, refresh without client_secret.
import { DefaultApi, DouyinOAuthError } from "@x/douyin-oauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENTS, type Sandbox, startSandbox } from "../../src/index.js";
import { SPECS_DIR } from "../helpers.js";
import { expectNoSecrets, rejection } from "./support.js";

const { clientId: client_key, clientSecret: client_secret } = DEFAULT_CLIENTS.douyin;
const DAY = 86_400;
let sb: Sandbox;
let api: DefaultApi;
beforeAll(async () => {
  sb = await startSandbox({ specsDir: SPECS_DIR, clock: { frozen: true } });
  api = new DefaultApi({ baseUrl: sb.baseUrls.douyin });
});
afterAll(() => sb.close());

describe("@x/douyin-oauth against the sandbox", () => {
  it("exchanges a code and refreshes without client_secret (grant_type filled in by the package)", async () => {
    const { code } = await sb.issueCode("douyin", { user: "open-1" });
    const token = await api.oauthAccessTokenGet({ client_key, client_secret, code });
    expect(token.data).toMatchObject({ error_code: 0, open_id: "open-1", expires_in: 15 * DAY });
    const refresh_token = token.data?.refresh_token ?? "";
    sb.clock.advance(16 * DAY);
    const refreshed = await api.oauthRefreshTokenGet({ client_key, refresh_token });
    expect(refreshed.data?.refresh_token).toBe(refresh_token);
    expect(refreshed.data?.access_token).not.toBe(token.data?.access_token);
  });

  it("a code is single-use: the second exchange is an in-body error 28001007", async () => {
    const { code } = await sb.issueCode("douyin");
    await api.oauthAccessTokenGet({ client_key, client_secret, code });
    const error = await rejection(
      api.oauthAccessTokenGet({ client_key, client_secret, code }),
      DouyinOAuthError,
      {
        status: 200,
        kind: "in-body",
        code: 28001007,
      },
    );
    expectNoSecrets(error, [client_secret, code]);
  });

  it("the refresh token expires 30 days after authorization: 10010", async () => {
    const { code } = await sb.issueCode("douyin");
    const token = await api.oauthAccessTokenGet({ client_key, client_secret, code });
    const refresh_token = token.data?.refresh_token ?? "";
    sb.clock.advance(30 * DAY);
    const error = await rejection(api.oauthRefreshTokenGet({ client_key, refresh_token }), DouyinOAuthError, {
      status: 200,
      kind: "in-body",
      code: 10010,
    });
    expectNoSecrets(error, [refresh_token]);
  });

  it("wrong secret and unknown client_key carry Douyin's codes and descriptions", async () => {
    const { code } = await sb.issueCode("douyin");
    const wrong = await rejection(
      api.oauthAccessTokenGet({ client_key, client_secret: "not-the-secret", code }),
      DouyinOAuthError,
      { status: 200, kind: "in-body", code: 10013 },
    );
    expect(wrong.description).toMatch(/client_secret/);
    expectNoSecrets(wrong, ["not-the-secret", code]);
    await rejection(
      api.oauthRefreshTokenGet({ client_key: "nobody", refresh_token: "x" }),
      DouyinOAuthError,
      {
        status: 200,
        kind: "in-body",
        code: 10003,
      },
    );
  });
});
