// A user's code against the published @x/criteo-oauth, compiled by test/consumer.test.ts (strict and not).
import {
  type AccessTokenModel,
  CriteoOAuthError,
  createCriteoClient,
  OAuthApi,
  OAuthApiError,
  type OAuthErrorModel,
} from "@x/criteo-oauth";

const api = new OAuthApi({ baseUrl: "http://127.0.0.1:4010/criteo" });
export const withDefaults = new OAuthApi();

export async function token(): Promise<string | undefined> {
  try {
    const result: AccessTokenModel = await api.getToken({
      grant_type: "client_credentials",
      client_id: "fake-client-id",
      client_secret: "fake-client-secret",
    });
    const refresh: string | null | undefined = result.refresh_token;
    if (refresh) {
      await api.getToken({
        grant_type: "refresh_token",
        client_id: "fake-client-id",
        client_secret: "fake-client-secret",
        refresh_token: refresh,
      });
    }
    return result.access_token;
  } catch (error) {
    if (error instanceof CriteoOAuthError) {
      const body: OAuthErrorModel | undefined = error.body;
      console.error(error.status, error.kind, error.code, error.description, body?.error_uri);
    } else if (error instanceof OAuthApiError) {
      console.error(error.provider, error.operation);
    }
    throw error;
  }
}

export const lowLevel = createCriteoClient({ baseUrl: "http://127.0.0.1:4010/criteo" });

// @ts-expect-error client_secret is required
api.getToken({ grant_type: "client_credentials", client_id: "i" });
// @ts-expect-error not a grant type of the spec
api.getToken({ grant_type: "password", client_id: "i", client_secret: "s" });
