// A user's code against the published @x/avito-auth, compiled by test/consumer.test.ts (strict and not).
import {
  AccessApi,
  ApplicationAccessApi,
  AvitoAuthError,
  createAvitoClient,
  type GetAccessToken200Response,
  type GetAccessTokenAuthorizationCode200Response,
  OAuthApiError,
  type OAuthError,
  type RefreshAccessTokenAuthorizationCode200Response,
} from "@x/avito-auth";

const config = { baseUrl: "http://127.0.0.1:4010/avito" };
export const withDefaults = new AccessApi();

export async function tokens(code: string): Promise<string | undefined> {
  try {
    const own: GetAccessToken200Response = await new AccessApi(config).getAccessToken({
      client_id: "fakeClientId0123456789",
      client_secret: "fakeClientSecret0123456789abcdef",
    });
    const api = new ApplicationAccessApi(config);
    const user: GetAccessTokenAuthorizationCode200Response = await api.getAccessTokenAuthorizationCode({
      client_id: "fakeClientId0123456789",
      client_secret: "fakeClientSecret0123456789abcdef",
      code,
    });
    const refreshed: RefreshAccessTokenAuthorizationCode200Response =
      await api.refreshAccessTokenAuthorizationCode({
        client_id: "fakeClientId0123456789",
        client_secret: "fakeClientSecret0123456789abcdef",
        refresh_token: user.refresh_token ?? "",
      });
    const lifetime: number | undefined = own.expires_in;
    console.log(lifetime, refreshed.scope);
    return refreshed.access_token;
  } catch (error) {
    if (error instanceof AvitoAuthError) {
      const body: OAuthError | undefined = error.body;
      console.error(error.status, error.kind, error.code, error.description, body?.error);
    } else if (error instanceof OAuthApiError) {
      console.error(error.provider, error.operation);
    }
    throw error;
  }
}

export const lowLevel = createAvitoClient(config);

// @ts-expect-error code is required
new ApplicationAccessApi(config).getAccessTokenAuthorizationCode({ client_id: "i", client_secret: "s" });
// @ts-expect-error client credentials only
new AccessApi(config).getAccessToken({ client_id: "i", client_secret: "s", grant_type: "refresh_token" });
