// Type tests, checked by tsc inside `vitest run` (typecheck.enabled): what a caller may write and what comes back.
import { describe, expectTypeOf, it } from "vitest";
import {
  type AccessTokenSuccess,
  createDouyinClient,
  DefaultApi,
  type DouyinOAuthError,
  type DouyinOAuthErrorBody,
  type ExpiresIn,
  type InlineResponse200,
  type InlineResponse2001,
  type OAuthApiError,
  type OauthAccessTokenGetParams,
  type OauthRefreshTokenGetParams,
  type RefreshTokenSuccess,
} from "../src/index.js";

const api = new DefaultApi();

describe("DefaultApi.oauthAccessTokenGet", () => {
  it("resolves to AccessTokenSuccess: the original's InlineResponse200 with the token's fields required", () => {
    expectTypeOf(api.oauthAccessTokenGet).returns.resolves.toEqualTypeOf<AccessTokenSuccess>();
    expectTypeOf<AccessTokenSuccess>().toExtend<InlineResponse200>();
  });

  it("types result.data.access_token as a string, no cast needed", async () => {
    const result = await api.oauthAccessTokenGet({ client_key: "k", client_secret: "s", code: "c" });
    expectTypeOf(result.data.access_token).toEqualTypeOf<string>();
    expectTypeOf(result.data.refresh_token).toEqualTypeOf<string>();
    expectTypeOf(result.data.open_id).toEqualTypeOf<string>();
    expectTypeOf(result.data.scope).toEqualTypeOf<string>();
    expectTypeOf(result.data.expires_in).toEqualTypeOf<number | string>();
    expectTypeOf(result.data.unionid).toEqualTypeOf<string | undefined>();
  });

  it("takes the original's query parameters, grant_type optional and fixed", () => {
    expectTypeOf<OauthAccessTokenGetParams>().toEqualTypeOf<{
      client_key: string;
      client_secret: string;
      code: string;
      grant_type?: "authorization_code";
    }>();
    expectTypeOf(api.oauthAccessTokenGet).toBeCallableWith({
      client_key: "k",
      client_secret: "s",
      code: "c",
    });
  });

  it("rejects a missing parameter, a wrong grant_type and a misspelled field", () => {
    // @ts-expect-error code is required
    api.oauthAccessTokenGet({ client_key: "k", client_secret: "s" });
    api.oauthAccessTokenGet({
      client_key: "k",
      client_secret: "s",
      code: "c",
      // @ts-expect-error the exchange's grant_type is authorization_code
      grant_type: "refresh_token",
    });
    api.oauthAccessTokenGet({
      client_key: "k",
      // @ts-expect-error client_secret, not clientSecret
      clientSecret: "s",
      code: "c",
    });
  });
});

describe("DefaultApi.oauthRefreshTokenGet", () => {
  it("resolves to RefreshTokenSuccess: the original's InlineResponse2001 with the token's fields required", () => {
    expectTypeOf(api.oauthRefreshTokenGet).returns.resolves.toEqualTypeOf<RefreshTokenSuccess>();
    expectTypeOf<RefreshTokenSuccess>().toExtend<InlineResponse2001>();
    expectTypeOf<RefreshTokenSuccess["data"]["access_token"]>().toEqualTypeOf<string>();
    expectTypeOf<RefreshTokenSuccess["data"]["refresh_token"]>().toEqualTypeOf<string>();
  });

  it("takes client_key and refresh_token, no client_secret", () => {
    expectTypeOf<OauthRefreshTokenGetParams>().toEqualTypeOf<{
      client_key: string;
      refresh_token: string;
      grant_type?: "refresh_token";
    }>();
  });

  it("rejects a missing parameter, a wrong grant_type and a misspelled field", () => {
    // @ts-expect-error refresh_token is required
    api.oauthRefreshTokenGet({ client_key: "k" });
    // @ts-expect-error the refresh's grant_type is refresh_token
    api.oauthRefreshTokenGet({ client_key: "k", refresh_token: "r", grant_type: "authorization_code" });
    // @ts-expect-error the refresh sends no client_secret
    api.oauthRefreshTokenGet({ client_key: "k", refresh_token: "r", client_secret: "s" });
  });
});

describe("models and errors", () => {
  it("types Douyin's numbers that may arrive as strings", () => {
    expectTypeOf<ExpiresIn>().toEqualTypeOf<number | string>();
    expectTypeOf<NonNullable<InlineResponse200["data"]>["error_code"]>().toEqualTypeOf<
      number | string | undefined
    >();
  });

  it("gives DouyinOAuthError the typed body of the spec", () => {
    expectTypeOf<DouyinOAuthError>().toExtend<OAuthApiError<DouyinOAuthErrorBody>>();
    expectTypeOf<DouyinOAuthError["body"]>().toEqualTypeOf<DouyinOAuthErrorBody | undefined>();
    expectTypeOf<DouyinOAuthError["code"]>().toEqualTypeOf<string | number | undefined>();
  });

  it("types the low-level client by the spec's paths", async () => {
    const { data } = await createDouyinClient().GET("/oauth/access_token/", {
      params: { query: { client_key: "k", client_secret: "s", code: "c", grant_type: "authorization_code" } },
    });
    expectTypeOf(data).toEqualTypeOf<InlineResponse200 | undefined>();
  });
});
