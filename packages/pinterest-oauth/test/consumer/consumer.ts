// A user's code against the published @x/pinterest-oauth, compiled by test/consumer.test.ts (strict and not).
import {
  createPinterestClient,
  OAuthApiError,
  type OauthAccessTokenResponse,
  OauthApi,
  type Error as PinterestError,
  PinterestOAuthError,
} from "@x/pinterest-oauth";

const api = new OauthApi({
  baseUrl: "http://127.0.0.1:4010/pinterest",
  clientId: "1234567",
  clientSecret: "fake-secret",
});
export const withDefaults = new OauthApi({ clientId: "1234567", clientSecret: "fake-secret" });

export async function signIn(code: string): Promise<OauthAccessTokenResponse> {
  try {
    const token = await api.oauthToken({
      grant_type: "authorization_code",
      code,
      redirect_uri: "https://app.example.test/oauth/callback",
    });
    const lifetime: number = token.expires_in;
    // The code grant's result types its refresh token: no cast.
    const refreshToken: string = token.refresh_token;
    console.log(lifetime, token.response_type, token.refresh_token_expires_in);
    const renewed = await api.oauthToken({
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      scope: "boards:read",
    });
    // Continuous refresh hands out a new refresh token; an API 5.10 answer had none.
    const next: string | undefined = renewed.refresh_token;
    console.log(next ?? refreshToken, renewed.refresh_token_expires_at);
    return renewed;
  } catch (error) {
    if (error instanceof PinterestOAuthError) {
      const body: PinterestError | undefined = error.body;
      console.error(error.status, error.kind, error.code, error.description, body?.message);
    } else if (error instanceof OAuthApiError) {
      console.error(error.provider, error.operation);
    }
    throw error;
  }
}

export const lowLevel = createPinterestClient({ clientId: "1234567", clientSecret: "fake-secret" });

// @ts-expect-error redirect_uri is required with a code
api.oauthToken({ grant_type: "authorization_code", code: "c" });
// @ts-expect-error not a grant type of the spec
api.oauthToken({ grant_type: "password", scope: "ads:read" });
