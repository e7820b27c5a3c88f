// Type tests, checked by tsc inside `vitest run` (typecheck.enabled): what a caller may write and what comes back.
import { describe, expectTypeOf, it } from "vitest";
import {
  type Configuration,
  type Error as ErrorModel,
  type OAuthApiError,
  type OauthAccessTokenRequestClientCredentials,
  type OauthAccessTokenRequestCode,
  type OauthAccessTokenRequestRefresh,
  type OauthAccessTokenResponse,
  type OauthAccessTokenResponseClientCredentials,
  type OauthAccessTokenResponseCode,
  type OauthAccessTokenResponseRefresh,
  OauthApi,
  type OauthTokenAuthorizationCodeParams,
  type OauthTokenClientCredentialsParams,
  type OauthTokenParams,
  type OauthTokenRefreshTokenParams,
  type PinterestOAuthError,
} from "../src/index.js";

const api = new OauthApi({ clientId: "id", clientSecret: "secret" });

describe("OauthApi.oauthToken", () => {
  it("resolves to the result model of the grant_type passed (one overload per grant type)", () => {
    const code = api.oauthToken({
      grant_type: "authorization_code",
      code: "c",
      redirect_uri: "https://a.test/cb",
    });
    expectTypeOf(code).toEqualTypeOf<Promise<OauthAccessTokenResponseCode>>();
    expectTypeOf(code).resolves.toHaveProperty("refresh_token").toEqualTypeOf<string>();
    expectTypeOf(code).resolves.toHaveProperty("refresh_token_expires_in").toEqualTypeOf<number>();

    const refresh = api.oauthToken({ grant_type: "refresh_token", refresh_token: "r" });
    expectTypeOf(refresh).toEqualTypeOf<Promise<OauthAccessTokenResponseRefresh>>();
    // Continuous refresh's new refresh token: declared, optional (API 5.10 sent none).
    expectTypeOf(refresh).resolves.toHaveProperty("refresh_token").toEqualTypeOf<string | undefined>();
    expectTypeOf(refresh)
      .resolves.toHaveProperty("refresh_token_expires_in")
      .toEqualTypeOf<number | undefined>();
    expectTypeOf(refresh)
      .resolves.toHaveProperty("refresh_token_expires_at")
      .toEqualTypeOf<number | undefined>();

    const app = api.oauthToken({ grant_type: "client_credentials", scope: "boards:read" });
    expectTypeOf(app).toEqualTypeOf<Promise<OauthAccessTokenResponseClientCredentials>>();
    expectTypeOf(app).resolves.not.toHaveProperty("refresh_token");
  });

  it("a body of the union type resolves to any result, each still the original's OauthAccessTokenResponse", () => {
    const body = {} as OauthTokenParams;
    const any = api.oauthToken(body);
    expectTypeOf(any).toEqualTypeOf<
      Promise<
        | OauthAccessTokenResponseCode
        | OauthAccessTokenResponseRefresh
        | OauthAccessTokenResponseClientCredentials
      >
    >();
    expectTypeOf(any).resolves.toExtend<OauthAccessTokenResponse>();
  });

  it("takes the form discriminated by grant_type, which is required as in the original", () => {
    expectTypeOf<OauthTokenParams>().toEqualTypeOf<
      OauthAccessTokenRequestCode | OauthAccessTokenRequestRefresh | OauthAccessTokenRequestClientCredentials
    >();
    expectTypeOf<OauthTokenAuthorizationCodeParams>().toEqualTypeOf<OauthAccessTokenRequestCode>();
    expectTypeOf<OauthTokenRefreshTokenParams>().toEqualTypeOf<OauthAccessTokenRequestRefresh>();
    expectTypeOf<OauthTokenClientCredentialsParams>().toEqualTypeOf<OauthAccessTokenRequestClientCredentials>();
    // Each overload's grant_type is required: it picks the overload, as the original required it.
    expectTypeOf<OauthTokenAuthorizationCodeParams>()
      .toHaveProperty("grant_type")
      .toEqualTypeOf<"authorization_code">();
    expectTypeOf<Pick<OauthTokenRefreshTokenParams, "grant_type">>().toEqualTypeOf<{
      grant_type: "refresh_token";
    }>();
    expectTypeOf<OauthTokenParams["grant_type"]>().toEqualTypeOf<
      "authorization_code" | "refresh_token" | "client_credentials"
    >();
    expectTypeOf(api.oauthToken).toBeCallableWith({ grant_type: "refresh_token", refresh_token: "r" });
  });

  it("rejects a missing parameter, a wrong grant_type and a misspelled field", () => {
    // @ts-expect-error redirect_uri is required with a code
    api.oauthToken({ grant_type: "authorization_code", code: "c" });
    // @ts-expect-error grant_type is required
    api.oauthToken({ code: "c", redirect_uri: "https://app.example.test/cb" });
    // @ts-expect-error grant_type is required for a refresh too
    api.oauthToken({ refresh_token: "r" });
    // @ts-expect-error client_credentials needs a scope
    api.oauthToken({ grant_type: "client_credentials" });
    // @ts-expect-error not a grant type of the spec
    api.oauthToken({ grant_type: "password", code: "c", redirect_uri: "https://app.example.test/cb" });
    // @ts-expect-error a code belongs to authorization_code, not to refresh_token
    api.oauthToken({ grant_type: "refresh_token", code: "c", redirect_uri: "https://app.example.test/cb" });
    api.oauthToken({
      grant_type: "authorization_code",
      code: "c",
      // @ts-expect-error redirect_uri, not redirectUri
      redirectUri: "https://app.example.test/cb",
    });
  });

  it("configures Basic credentials with clientId and clientSecret", () => {
    expectTypeOf<Configuration>().toHaveProperty("clientId").toEqualTypeOf<string | undefined>();
    expectTypeOf<Configuration>().toHaveProperty("clientSecret").toEqualTypeOf<string | undefined>();
    // @ts-expect-error clientSecret, not client_secret
    new OauthApi({ clientId: "id", client_secret: "secret" });
  });
});

describe("errors", () => {
  it("PinterestOAuthError carries Pinterest's Error body", () => {
    expectTypeOf<PinterestOAuthError>().toExtend<OAuthApiError<ErrorModel>>();
    expectTypeOf<PinterestOAuthError["body"]>().toEqualTypeOf<ErrorModel | undefined>();
  });
});
