// Type tests, checked by tsc inside `vitest run` (typecheck.enabled): what a caller may write and what comes back.
import { describe, expectTypeOf, it } from "vitest";
import {
  type AccessTokenModel,
  type CriteoOAuthError,
  type GetTokenParams,
  OAuthApi,
  type OAuthApiError,
  type OAuthErrorModel,
} from "../src/index.js";

const api = new OAuthApi();

describe("OAuthApi.getToken", () => {
  it("resolves to exactly the original's AccessTokenModel, with a nullable refresh_token", () => {
    expectTypeOf(api.getToken).returns.resolves.toEqualTypeOf<AccessTokenModel>();
    expectTypeOf<AccessTokenModel["refresh_token"]>().toEqualTypeOf<string | null | undefined>();
  });

  it("takes the original's six form fields", () => {
    expectTypeOf<GetTokenParams>().toEqualTypeOf<{
      grant_type: "client_credentials" | "authorization_code" | "refresh_token";
      client_id: string;
      client_secret: string;
      redirect_uri?: string;
      code?: string;
      refresh_token?: string;
    }>();
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
