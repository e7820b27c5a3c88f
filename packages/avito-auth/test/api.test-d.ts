// Type tests, checked by tsc inside `vitest run` (typecheck.enabled): what a caller may write and what comes back.
import { describe, expectTypeOf, it } from "vitest";
import {
  AccessApi,
  ApplicationAccessApi,
  type AvitoAuthError,
  type AvitoAuthErrorBody,
  type GetAccessToken200Response,
  type GetAccessTokenAuthorizationCode200Response,
  type GetAccessTokenAuthorizationCodeParams,
  type GetAccessTokenParams,
  type OAuthApiError,
  type OAuthError,
  type RefreshAccessTokenAuthorizationCode200Response,
  type RefreshAccessTokenAuthorizationCodeParams,
} from "../src/index.js";

const access = new AccessApi();
const application = new ApplicationAccessApi();

describe("return types are exactly the original's models", () => {
  it("per method", () => {
    expectTypeOf(access.getAccessToken).returns.resolves.toEqualTypeOf<GetAccessToken200Response>();
    expectTypeOf(
      application.getAccessTokenAuthorizationCode,
    ).returns.resolves.toEqualTypeOf<GetAccessTokenAuthorizationCode200Response>();
    expectTypeOf(
      application.refreshAccessTokenAuthorizationCode,
    ).returns.resolves.toEqualTypeOf<RefreshAccessTokenAuthorizationCode200Response>();
  });
});

describe("parameters are the original's form fields, grant_type optional and fixed", () => {
  it("per method", () => {
    expectTypeOf<GetAccessTokenParams>().toEqualTypeOf<{
      client_id: string;
      client_secret: string;
      grant_type?: "client_credentials";
    }>();
    expectTypeOf<GetAccessTokenAuthorizationCodeParams>().toEqualTypeOf<{
      client_id: string;
      client_secret: string;
      code: string;
      grant_type?: "authorization_code";
    }>();
    expectTypeOf<RefreshAccessTokenAuthorizationCodeParams>().toEqualTypeOf<{
      client_id: string;
      client_secret: string;
      refresh_token: string;
      grant_type?: "refresh_token";
    }>();
  });

  it("rejects a missing parameter, a wrong grant_type and a misspelled field", () => {
    // @ts-expect-error client_secret is required
    access.getAccessToken({ client_id: "i" });
    // @ts-expect-error code is required
    application.getAccessTokenAuthorizationCode({ client_id: "i", client_secret: "s" });
    // @ts-expect-error refresh_token is required
    application.refreshAccessTokenAuthorizationCode({ client_id: "i", client_secret: "s" });

    // @ts-expect-error client credentials only
    access.getAccessToken({ client_id: "i", client_secret: "s", grant_type: "authorization_code" });
    application.getAccessTokenAuthorizationCode({
      client_id: "i",
      client_secret: "s",
      code: "c",
      // @ts-expect-error the code exchange's grant_type is authorization_code
      grant_type: "refresh_token",
    });
    application.refreshAccessTokenAuthorizationCode({
      client_id: "i",
      client_secret: "s",
      refresh_token: "r",
      // @ts-expect-error the refresh's grant_type is refresh_token
      grant_type: "client_credentials",
    });

    application.getAccessTokenAuthorizationCode({
      client_id: "i",
      client_secret: "s",
      // @ts-expect-error code, not auth_code
      auth_code: "c",
    });
    // @ts-expect-error clientId, not client_id
    access.getAccessToken({ clientId: "i", client_secret: "s" });
  });
});

describe("errors", () => {
  it("AvitoAuthError carries the OAuth error body", () => {
    expectTypeOf<AvitoAuthErrorBody>().toEqualTypeOf<OAuthError>();
    expectTypeOf<AvitoAuthError>().toExtend<OAuthApiError<OAuthError>>();
    expectTypeOf<AvitoAuthError["body"]>().toEqualTypeOf<OAuthError | undefined>();
  });
});
