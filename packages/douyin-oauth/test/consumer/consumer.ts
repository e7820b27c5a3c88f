// A user's code against the published @x/douyin-oauth, compiled by test/consumer.test.ts (strict and not).
import {
  type AccessTokenSuccess,
  createDouyinClient,
  DefaultApi,
  DouyinOAuthError,
  type DouyinOAuthErrorBody,
  type InlineResponse200,
  OAuthApiError,
  type RefreshTokenSuccess,
} from "@x/douyin-oauth";

const api = new DefaultApi({ baseUrl: "http://127.0.0.1:4010/douyin", headers: { "x-request-id": "1" } });
export const withDefaults = new DefaultApi();
export const withFetch = new DefaultApi({ fetch: (input, init) => fetch(input, init) });

export async function signIn(code: string): Promise<string | undefined> {
  try {
    const token: AccessTokenSuccess = await api.oauthAccessTokenGet({
      client_key: "awfake1234567890",
      client_secret: "fake0secret0d41d8cd98f00b204e980",
      code,
    });
    // A success always carries its token fields: no optional chaining, no cast.
    const expiresIn: string | number = token.data.expires_in;
    console.log(expiresIn, token.data.open_id, token.extra?.logid);
    const refreshed: RefreshTokenSuccess = await api.oauthRefreshTokenGet({
      client_key: "awfake1234567890",
      refresh_token: token.data.refresh_token,
    });
    const accessToken: string = refreshed.data.access_token;
    return accessToken;
  } catch (error) {
    if (error instanceof DouyinOAuthError) {
      const body: DouyinOAuthErrorBody | undefined = error.body;
      const code: string | number | undefined = error.code;
      console.error(error.status, error.kind, code, error.description, body?.data);
    } else if (error instanceof OAuthApiError) {
      console.error(error.provider, error.operation);
    }
    throw error;
  }
}

export async function lowLevel(): Promise<InlineResponse200 | undefined> {
  const { data } = await createDouyinClient({ baseUrl: "http://127.0.0.1:4010/douyin" }).GET(
    "/oauth/access_token/",
    {
      params: { query: { client_key: "k", client_secret: "s", code: "c", grant_type: "authorization_code" } },
    },
  );
  return data;
}

// @ts-expect-error code is required
api.oauthAccessTokenGet({ client_key: "k", client_secret: "s" });
// @ts-expect-error the refresh's grant_type is refresh_token
api.oauthRefreshTokenGet({ client_key: "k", refresh_token: "r", grant_type: "authorization_code" });
