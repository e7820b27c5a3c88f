// Generated from specs/pinterest.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate pinterest`.
export interface paths {
  "/oauth/token": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Generate OAuth access token
     * @description Generate an OAuth access token by using an authorization code or a refresh token.
     *
     *     IMPORTANT: You need to start the OAuth flow via www.pinterest.com/oauth before calling this endpoint (or have
     *     an existing refresh token). The client authenticates with HTTP Basic: `client_id:client_secret`, each
     *     form-encoded, then base64.
     *
     *     Access tokens live 30 days; continuous refresh tokens 60 days, renewed on refresh.
     */
    post: operations["oauthToken"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /**
     * @description Form body, discriminated by `grant_type` (authorization_code, refresh_token; client_credentials since API
     *     5.14). The original declares it as an object with a `grant_type` enum and a discriminator to the three
     *     variants below.
     * @example {
     *       "grant_type": "authorization_code",
     *       "code": "fakecode0123456789abcdef0123456789abcdef",
     *       "redirect_uri": "https://app.example.test/oauth/callback"
     *     }
     */
    OauthAccessTokenRequest:
      | components["schemas"]["OauthAccessTokenRequestCode"]
      | components["schemas"]["OauthAccessTokenRequestRefresh"]
      | components["schemas"]["OauthAccessTokenRequestClientCredentials"];
    /**
     * authorization_code
     * @description Exchange an authorization code for tokens. (API 5.15–5.18 also had an optional `continuous_refresh`
     *     boolean asking for a continuous rather than a legacy 1-year refresh token; it is not part of this 5.10
     *     surface, and apps created on or after 2025-09-25 get continuous refresh tokens without it.)
     * @example {
     *       "grant_type": "authorization_code",
     *       "code": "fakecode0123456789abcdef0123456789abcdef",
     *       "redirect_uri": "https://app.example.test/oauth/callback"
     *     }
     */
    OauthAccessTokenRequestCode: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      grant_type: "authorization_code";
      /** @description The authorization code from the redirect; single use. */
      code: string;
      /** @description Must match the redirect_uri used in the authorize step. */
      redirect_uri: string;
    };
    /**
     * refresh_token
     * @description Get a new access token with a refresh token.
     * @example {
     *       "grant_type": "refresh_token",
     *       "refresh_token": "pinr_FAKErefresh0123456789abcdefghijklmnopqrstuvwxyz",
     *       "scope": "boards:read pins:read"
     *     }
     */
    OauthAccessTokenRequestRefresh: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      grant_type: "refresh_token";
      /** @description The latest refresh token (`pinr_…`). */
      refresh_token: string;
      /** @description Space-separated scopes, a subset of those granted; omit to keep them all. */
      scope?: string;
    };
    /**
     * client_credentials
     * @description Get an app token without a user (API 5.14+; Pinterest's docs warned it was "not fully available" and would
     *     likely give a default error).
     * @example {
     *       "grant_type": "client_credentials",
     *       "scope": "boards:read"
     *     }
     */
    OauthAccessTokenRequestClientCredentials: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      grant_type: "client_credentials";
      /** @description Space-separated scopes. */
      scope: string;
    };
    /**
     * @description A successful OAuth access token response.
     * @example {
     *       "access_token": "pina_FAKEaccess0123456789abcdefghijklmnopqrstuvwxyz",
     *       "refresh_token": "pinr_FAKErefresh0123456789abcdefghijklmnopqrstuvwxyz",
     *       "response_type": "authorization_code",
     *       "token_type": "bearer",
     *       "expires_in": 2592000,
     *       "refresh_token_expires_in": 5184000,
     *       "scope": "boards:read boards:write pins:read"
     *     }
     */
    OauthAccessTokenResponse: {
      /**
       * @description The access token (prefix `pina_`). Lives 30 days.
       * @example pina_FAKEaccess0123456789abcdefghijklmnopqrstuvwxyz
       */
      access_token: string;
      /**
       * @description Always `bearer` (lowercase).
       * @default bearer
       * @example bearer
       */
      token_type: string;
      /**
       * @description Lifetime of the access token in seconds, e.g. 2592000 (30 days).
       * @example 2592000
       */
      expires_in: number;
      /**
       * @description Granted scopes, space-separated.
       * @example boards:read boards:write pins:read
       */
      scope: string;
      /**
       * @description Which flow produced this response. `integration_refresh` is a discriminator key but not in the enum, as
       *     in the original.
       * @example authorization_code
       * @enum {string}
       */
      response_type?: "authorization_code" | "refresh_token" | "client_credentials";
    };
    /**
     * @description OAuth access token response for the authorization code flow.
     * @example {
     *       "access_token": "pina_FAKEaccess0123456789abcdefghijklmnopqrstuvwxyz",
     *       "refresh_token": "pinr_FAKErefresh0123456789abcdefghijklmnopqrstuvwxyz",
     *       "response_type": "authorization_code",
     *       "token_type": "bearer",
     *       "expires_in": 2592000,
     *       "refresh_token_expires_in": 5184000,
     *       "scope": "boards:read boards:write pins:read"
     *     }
     */
    OauthAccessTokenResponseCode: Omit<components["schemas"]["OauthAccessTokenResponse"], "response_type"> & {
      /**
       * @description The refresh token (prefix `pinr_`). Continuous refresh tokens live 60 days.
       * @example pinr_FAKErefresh0123456789abcdefghijklmnopqrstuvwxyz
       */
      refresh_token: string;
      /**
       * @description Lifetime of the refresh token in seconds, e.g. 5184000 (60 days).
       * @example 5184000
       */
      refresh_token_expires_in: number;
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      response_type: "authorization_code";
    };
    /**
     * @description OAuth access token response for the refresh token flow. API 5.10 declares no fields beyond the base;
     *     with continuous refresh (the default now) every refresh also returns a new refresh token, which replaces
     *     the old one (API 5.23 declares `refresh_token`, `refresh_token_expires_in`, `refresh_token_expires_at`).
     *     They are optional here because a 5.10 answer had none.
     * @example {
     *       "access_token": "pina_FAKEaccess9876543210zyxwvutsrqponmlkjihgfedcba",
     *       "refresh_token": "pinr_FAKErefreshNEW0123456789abcdefghijklmnopqrstuv",
     *       "response_type": "refresh_token",
     *       "token_type": "bearer",
     *       "expires_in": 2592000,
     *       "refresh_token_expires_in": 5184000,
     *       "refresh_token_expires_at": 1767225600,
     *       "scope": "boards:read boards:write pins:read"
     *     }
     */
    OauthAccessTokenResponseRefresh: Omit<
      components["schemas"]["OauthAccessTokenResponse"],
      "response_type"
    > & {
      /**
       * @description The new refresh token (prefix `pinr_`), from continuous refresh (API 5.23); it replaces the one
       *     sent, so store it. Absent in API 5.10 answers.
       * @example pinr_FAKErefreshNEW0123456789abcdefghijklmnopqrstuv
       */
      refresh_token?: string;
      /**
       * @description Lifetime of the new refresh token in seconds, e.g. 5184000 (60 days) for continuous refresh
       *     (API 5.23). Absent in API 5.10 answers.
       * @example 5184000
       */
      refresh_token_expires_in?: number;
      /**
       * @description When the new refresh token expires, as a Unix time in seconds (API 5.23). Absent in API 5.10
       *     answers.
       * @example 1767225600
       */
      refresh_token_expires_at?: number;
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      response_type: "refresh_token";
    };
    /**
     * @description OAuth access token response for the refresh token flow, with an added refresh token.
     * @example {
     *       "access_token": "pina_FAKEaccess9876543210zyxwvutsrqponmlkjihgfedcba",
     *       "refresh_token": "pinr_FAKErefreshNEW0123456789abcdefghijklmnopqrstuv",
     *       "response_type": "refresh_token",
     *       "token_type": "bearer",
     *       "expires_in": 2592000,
     *       "refresh_token_expires_in": 5184000,
     *       "scope": "boards:read boards:write pins:read"
     *     }
     */
    OauthAccessTokenResponseIntegrationRefresh: Omit<
      components["schemas"]["OauthAccessTokenResponse"],
      "response_type"
    > & {
      /**
       * @description The new refresh token (prefix `pinr_`); replaces the one sent.
       * @example pinr_FAKErefreshNEW0123456789abcdefghijklmnopqrstuv
       */
      refresh_token: string;
      /**
       * @description Lifetime of the new refresh token in seconds.
       * @example 5184000
       */
      refresh_token_expires_in: number;
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      response_type: "integration_refresh";
    };
    /**
     * @description OAuth access token response for the client credentials flow (API 5.14+). No refresh token.
     * @example {
     *       "access_token": "pina_FAKEapp0123456789abcdefghijklmnopqrstuvwxyzABC",
     *       "response_type": "client_credentials",
     *       "token_type": "bearer",
     *       "expires_in": 2592000,
     *       "scope": "boards:read"
     *     }
     */
    OauthAccessTokenResponseClientCredentials: Omit<
      components["schemas"]["OauthAccessTokenResponse"],
      "response_type"
    > & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      response_type: "client_credentials";
    };
    /**
     * Error
     * @description Pinterest's error body, for every non-2xx answer.
     * @example {
     *       "code": 2,
     *       "message": "Authentication failed."
     *     }
     */
    Error: {
      /**
       * @description Pinterest error code (e.g. 1 invalid parameters, 2 authentication failed).
       * @example 2
       */
      code: number;
      /**
       * @description Human-readable message.
       * @example Authentication failed.
       */
      message: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  oauthToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/x-www-form-urlencoded": components["schemas"]["OauthAccessTokenRequest"];
      };
    };
    responses: {
      /** @description response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["OauthAccessTokenResponse"];
        };
      };
      /** @description Unexpected error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
}
