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
  OauthApi,
  type OauthTokenParams,
  type PinterestOAuthError,
} from "../src/index.js";

const api = new OauthApi({ clientId: "id", clientSecret: "secret" });

describe("OauthApi.oauthToken", () => {
  it("resolves to exactly the original's OauthAccessTokenResponse", () => {
    expectTypeOf(api.oauthToken).returns.resolves.toEqualTypeOf<OauthAccessTokenResponse>();
  });

  it("takes the form discriminated by grant_type, which is required as in the original", () => {
    expectTypeOf<OauthTokenParams>().toEqualTypeOf<
      OauthAccessTokenRequestCode | OauthAccessTokenRequestRefresh | OauthAccessTokenRequestClientCredentials
    >();
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
