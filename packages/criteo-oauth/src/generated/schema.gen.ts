// Generated from specs/criteo.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate criteo`.
export interface paths {
  "/oauth2/token": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Creates a token based either on supplied client credentials or on single use authorization code
     * @description Creates a token when the supplied client credentials are valid.
     *
     *     The access token lives 900 seconds (15 minutes). With `grant_type=refresh_token`, the answer carries a new
     *     refresh_token that replaces the one sent. The original operationId is `GetToken`.
     */
    post: operations["getToken"];
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
     * @description Token request, one form per grant type. Criteo requires the form content type, as OAuth 2 does.
     * @example {
     *       "grant_type": "client_credentials",
     *       "client_id": "fake-client-id-0123456789abcdef",
     *       "client_secret": "fake-client-secret-0123456789abcdef"
     *     }
     */
    AccessTokenRequest:
      | components["schemas"]["AccessTokenRequestClientCredentials"]
      | components["schemas"]["AccessTokenRequestAuthorizationCode"]
      | components["schemas"]["AccessTokenRequestRefreshToken"];
    /**
     * client_credentials
     * @description An access token for the application itself.
     * @example {
     *       "grant_type": "client_credentials",
     *       "client_id": "fake-client-id-0123456789abcdef",
     *       "client_secret": "fake-client-secret-0123456789abcdef"
     *     }
     */
    AccessTokenRequestClientCredentials: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      grant_type: "client_credentials";
      /** @description The application's client id. */
      client_id: string;
      /** @description The application's client secret. */
      client_secret: string;
    };
    /**
     * authorization_code
     * @description Only for Authorization Code apps; exchanges the single-use code.
     * @example {
     *       "grant_type": "authorization_code",
     *       "client_id": "fake-client-id-0123456789abcdef",
     *       "client_secret": "fake-client-secret-0123456789abcdef",
     *       "code": "fake-auth-code-0123456789",
     *       "redirect_uri": "https://app.example.test/criteo/callback"
     *     }
     */
    AccessTokenRequestAuthorizationCode: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      grant_type: "authorization_code";
      /** @description The application's client id. */
      client_id: string;
      /** @description The application's client secret. */
      client_secret: string;
      /** @description The single-use authorization code. */
      code: string;
      /** @description Must match the one of the authorization request. */
      redirect_uri?: string;
    };
    /**
     * refresh_token
     * @description A new access token from the latest refresh token (it rotates).
     * @example {
     *       "grant_type": "refresh_token",
     *       "client_id": "fake-client-id-0123456789abcdef",
     *       "client_secret": "fake-client-secret-0123456789abcdef",
     *       "refresh_token": "fake-refresh-token-0123456789abcdef"
     *     }
     */
    AccessTokenRequestRefreshToken: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      grant_type: "refresh_token";
      /** @description The application's client id. */
      client_id: string;
      /** @description The application's client secret. */
      client_secret: string;
      /** @description The latest refresh token (it rotates). */
      refresh_token: string;
    };
    /**
     * @description Access Token to be used with other services. The access token lives 900 seconds (15 minutes); a
     *     refresh_token, when present, replaces the stored one.
     * @example {
     *       "access_token": "eyJhbGciOiJub25lIn0.eyJzdWIiOiJmYWtlIn0.FAKE",
     *       "token_type": "Bearer",
     *       "refresh_token": null,
     *       "expires_in": 900
     *     }
     */
    AccessTokenModel: {
      /**
       * @description The access token issued by the authorization server.
       * @example eyJhbGciOiJub25lIn0.eyJzdWIiOiJmYWtlIn0.FAKE
       */
      access_token: string;
      /**
       * @description The type of the token issued.
       * @example Bearer
       */
      token_type: string;
      /**
       * @description The refresh token issued by the authorization server. Null or absent for client credentials; rotates on
       *     every refresh, so persist the latest one.
       * @example fake-refresh-token-fedcba9876543210
       */
      refresh_token?: string | null;
      /**
       * Format: int32
       * @description The lifetime in seconds of the access token.For example, the value "3600" denotes that the access token
       *     will expire in one hour from the time the response was generated. If omitted, the authorization server
       *     SHOULD provide the expiration time via other means or document the default value. Criteo issues 900
       *     (15 minutes).
       * @example 900
       */
      expires_in: number;
    };
    /**
     * @description The answer to an authorization code or a refresh token, which always carries a refresh_token.
     * @example {
     *       "access_token": "eyJhbGciOiJub25lIn0.eyJzdWIiOiJmYWtlMiJ9.FAKE",
     *       "token_type": "Bearer",
     *       "refresh_token": "fake-refresh-token-fedcba9876543210",
     *       "expires_in": 900
     *     }
     */
    AccessTokenModelWithRefreshToken: components["schemas"]["AccessTokenModel"] & {
      /**
       * @description The refresh token; it rotates, so it replaces the stored one.
       * @example fake-refresh-token-fedcba9876543210
       */
      refresh_token: string;
    };
    /**
     * @description OAuth error (RFC 6749 §5.2). Criteo does not document the concrete `error` values.
     * @example {
     *       "error": "invalid_client",
     *       "error_description": "Client authentication failed."
     *     }
     */
    OAuthErrorModel: {
      /**
       * @description Error code, e.g. invalid_request, invalid_client, invalid_grant.
       * @example invalid_client
       */
      error?: string;
      /**
       * @description Human-readable explanation.
       * @example Client authentication failed.
       */
      error_description?: string;
      /**
       * @description A page describing the error.
       * @example https://developers.criteo.com/retail-media/docs/authentication
       */
      error_uri?: string;
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
  getToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/x-www-form-urlencoded": components["schemas"]["AccessTokenRequest"];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "access_token": "eyJhbGciOiJub25lIn0.eyJzdWIiOiJmYWtlIn0.FAKE",
           *       "token_type": "Bearer",
           *       "expires_in": 900
           *     }
           */
          "text/plain":
            | components["schemas"]["AccessTokenModelWithRefreshToken"]
            | components["schemas"]["AccessTokenModel"];
          "application/json":
            | components["schemas"]["AccessTokenModelWithRefreshToken"]
            | components["schemas"]["AccessTokenModel"];
          /**
           * @example {
           *       "access_token": "eyJhbGciOiJub25lIn0.eyJzdWIiOiJmYWtlIn0.FAKE",
           *       "token_type": "Bearer",
           *       "expires_in": 900
           *     }
           */
          "text/json":
            | components["schemas"]["AccessTokenModelWithRefreshToken"]
            | components["schemas"]["AccessTokenModel"];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": "invalid_request",
           *       "error_description": "The grant_type parameter is missing."
           *     }
           */
          "text/plain": components["schemas"]["OAuthErrorModel"];
          /**
           * @example {
           *       "error": "invalid_grant",
           *       "error_description": "The authorization code is invalid or has expired."
           *     }
           */
          "application/json": components["schemas"]["OAuthErrorModel"];
          /**
           * @example {
           *       "error": "unsupported_grant_type",
           *       "error_description": "The grant type is not supported."
           *     }
           */
          "text/json": components["schemas"]["OAuthErrorModel"];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": "invalid_client",
           *       "error_description": "Client authentication failed."
           *     }
           */
          "text/plain": components["schemas"]["OAuthErrorModel"];
          /**
           * @example {
           *       "error": "invalid_client",
           *       "error_description": "Client authentication failed."
           *     }
           */
          "application/json": components["schemas"]["OAuthErrorModel"];
          /**
           * @example {
           *       "error": "invalid_client",
           *       "error_description": "Client authentication failed."
           *     }
           */
          "text/json": components["schemas"]["OAuthErrorModel"];
        };
      };
    };
  };
}
