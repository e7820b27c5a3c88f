// Each provider's code exchange and refresh made through its own package, so tests speak the wire format the
// specs and codegen define instead of re-encoding it by hand.
import { ApplicationAccessApi } from "@x/avito-auth";
import { OAuthApi } from "@x/criteo-oauth";
import { DefaultApi } from "@x/douyin-oauth";
import { OauthApi } from "@x/pinterest-oauth";
import type { Sandbox, SandboxClient } from "../src/index.js";
import type { Provider } from "./helpers.js";

export interface IssuedTokens {
  access: string | undefined;
  refresh: string | undefined;
}

export interface ProviderClient {
  exchange(code: string, redirectUri: string): Promise<IssuedTokens>;
  refresh(refreshToken: string): Promise<IssuedTokens>;
}

/** The `code` of the package error for a refused code and for a refused refresh token. */
export const REFUSED: Record<Provider, { code: string | number; refresh: string | number }> = {
  douyin: { code: 28001007, refresh: 10010 },
  avito: { code: "invalid_grant", refresh: "invalid_grant" },
  pinterest: { code: 1, refresh: 1 },
  criteo: { code: "invalid_grant", refresh: "invalid_grant" },
};

export function providerClient(sb: Sandbox, provider: Provider, client: SandboxClient): ProviderClient {
  const baseUrl = sb.baseUrls[provider];
  const { clientId: client_id, clientSecret: client_secret } = client;
  switch (provider) {
    case "douyin": {
      const api = new DefaultApi({ baseUrl });
      const tokens = (answer: { data?: { access_token?: string; refresh_token?: string } }) => ({
        access: answer.data?.access_token,
        refresh: answer.data?.refresh_token,
      });
      return {
        exchange: async (code) =>
          tokens(await api.oauthAccessTokenGet({ client_key: client_id, client_secret, code })),
        refresh: async (refresh_token) =>
          tokens(await api.oauthRefreshTokenGet({ client_key: client_id, refresh_token })),
      };
    }
    case "avito": {
      const api = new ApplicationAccessApi({ baseUrl });
      return {
        exchange: async (code) =>
          tokens(await api.getAccessTokenAuthorizationCode({ client_id, client_secret, code })),
        refresh: async (refresh_token) =>
          tokens(await api.refreshAccessTokenAuthorizationCode({ client_id, client_secret, refresh_token })),
      };
    }
    case "pinterest": {
      const api = new OauthApi({ baseUrl, clientId: client_id, clientSecret: client_secret });
      return {
        exchange: async (code, redirect_uri) =>
          tokens(await api.oauthToken({ grant_type: "authorization_code", code, redirect_uri })),
        refresh: async (refresh_token) =>
          tokens(await api.oauthToken({ grant_type: "refresh_token", refresh_token })),
      };
    }
    case "criteo": {
      const api = new OAuthApi({ baseUrl });
      const grant = { client_id, client_secret };
      return {
        exchange: async (code, redirect_uri) =>
          tokens(await api.getToken({ grant_type: "authorization_code", ...grant, code, redirect_uri })),
        refresh: async (refresh_token) =>
          tokens(await api.getToken({ grant_type: "refresh_token", ...grant, refresh_token })),
      };
    }
  }
}

function tokens(answer: { access_token?: string; refresh_token?: string | null }): IssuedTokens {
  return { access: answer.access_token, refresh: answer.refresh_token ?? undefined };
}

/** The rejection of a promise (undefined when it resolved). */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ code?: unknown } | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => error as { code?: unknown },
  );
}
