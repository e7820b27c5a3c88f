// Type tests, checked by tsc inside `vitest run` (typecheck.enabled): what a caller may write and what comes back.
import { describe, expectTypeOf, it } from "vitest";
import {
  type AccessTokenModel,
  type AccessTokenModelWithRefreshToken,
  type CriteoOAuthError,
  type GetTokenParams,
  OAuthApi,
  type OAuthApiError,
  type OAuthErrorModel,
} from "../src/index.js";

const api = new OAuthApi();

describe("OAuthApi.getToken", () => {
  it("resolves each grant to its own model: access_token always, refresh_token where the grant returns one", async () => {
    const credentials = { client_id: "i", client_secret: "s" };
    const app = await api.getToken({ grant_type: "client_credentials", ...credentials });
    expectTypeOf(app).toEqualTypeOf<AccessTokenModel>();
    expectTypeOf(app.access_token).toEqualTypeOf<string>();
    expectTypeOf(app.expires_in).toEqualTypeOf<number>();
    expectTypeOf<AccessTokenModel["refresh_token"]>().toEqualTypeOf<string | null | undefined>();
    const user = await api.getToken({ grant_type: "authorization_code", code: "c", ...credentials });
    expectTypeOf(user).toEqualTypeOf<AccessTokenModelWithRefreshToken>();
    expectTypeOf(user.refresh_token).toEqualTypeOf<string>();
    // The refresh token of one answer goes straight into the next refresh.
    const renewed = await api.getToken({
      grant_type: "refresh_token",
      refresh_token: user.refresh_token,
      ...credentials,
    });
    expectTypeOf(renewed.refresh_token).toEqualTypeOf<string>();
  });

  it("takes the original's six form fields across its grants", () => {
    expectTypeOf<GetTokenParams["grant_type"]>().toEqualTypeOf<
      "client_credentials" | "authorization_code" | "refresh_token"
    >();
    expectTypeOf<Extract<GetTokenParams, { grant_type: "authorization_code" }>>().toEqualTypeOf<{
      grant_type: "authorization_code";
      client_id: string;
      client_secret: string;
      code: string;
      redirect_uri?: string;
    }>();
  });

  it("rejects a refresh without refresh_token and a code exchange without code", () => {
    // @ts-expect-error refresh_token is required with grant_type refresh_token
    api.getToken({ grant_type: "refresh_token", client_id: "i", client_secret: "s" });
    // @ts-expect-error code is required with grant_type authorization_code
    api.getToken({ grant_type: "authorization_code", client_id: "i", client_secret: "s" });
  });

  it("rejects a missing parameter, a wrong grant_type and a misspelled field", () => {
    // @ts-expect-error client_secret is required
    api.getToken({ grant_type: "client_credentials", client_id: "i" });
    // @ts-expect-error grant_type is required, as in the original
    api.getToken({ client_id: "i", client_secret: "s" });
    // @ts-expect-error not a grant type of the spec
    api.getToken({ grant_type: "password", client_id: "i", client_secret: "s" });
    api.getToken({
      grant_type: "authorization_code",
      client_id: "i",
      client_secret: "s",
      // @ts-expect-error redirect_uri, not redirect_url
      redirect_url: "https://app.example.test/cb",
    });
  });
});

describe("errors", () => {
  it("CriteoOAuthError carries the OAuthErrorModel body", () => {
    expectTypeOf<CriteoOAuthError>().toExtend<OAuthApiError<OAuthErrorModel>>();
    expectTypeOf<CriteoOAuthError["body"]>().toEqualTypeOf<OAuthErrorModel | undefined>();
  });
});
