// Generated from specs/avito.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate avito`.
export interface paths {
  "/token": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Получение access token (Get access token)
     * @description Получения временного ключа для авторизации (obtaining a temporary key for authorization). One operation for
     *     the three grants, chosen by the form field `grant_type`:
     *     - `client_credentials` (`GetTokenRequest`, method `getAccessToken`, tag Access);
     *     - `authorization_code` (`GetTokenOAuthRequest`, method `getAccessTokenAuthorizationCode`): получения
     *       временного ключа для авторизации запроса от лица пользователя (a key for requests on behalf of a user);
     *     - `refresh_token` (`RefreshRequest`, method `refreshAccessTokenAuthorizationCode`): обновление временного
     *       ключа для авторизации запроса от лица пользователя (refreshing that key). The answer carries a new
     *       access_token and a new refresh_token; the old refresh_token must be replaced.
     */
    post: operations["getAccessToken"];
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
     * @description Form body of the `client_credentials` grant (method `getAccessToken`).
     * @example {
     *       "grant_type": "client_credentials",
     *       "client_id": "fakeClientId0123456789",
     *       "client_secret": "fakeClientSecret0123456789abcdef"
     *     }
     */
    GetTokenRequest: {
      /**
       * @description OAuth flow type, the string `client_credentials`. (enum property replaced by openapi-typescript)
       * @enum {string}
       */
      grant_type: "client_credentials";
      /** @description Client id of your account (from the Avito Pro API page). */
      client_id: string;
      /** @description Client secret of your account. */
      client_secret: string;
    };
    /**
     * @description Form body of the `authorization_code` grant (method `getAccessTokenAuthorizationCode`).
     * @example {
     *       "grant_type": "authorization_code",
     *       "client_id": "fakeClientId0123456789",
     *       "client_secret": "fakeClientSecret0123456789abcdef",
     *       "code": "fakeAuthCode0a1b2c3d4e5f"
     *     }
     */
    GetTokenOAuthRequest: {
      /**
       * @description Тип OAuth flow. Строка authorization_code (OAuth flow type, the string `authorization_code`). (enum property replaced by openapi-typescript)
       * @enum {string}
       */
      grant_type: "authorization_code";
      /** @description Client id of the application. */
      client_id: string;
      /** @description Client secret of the application. */
      client_secret: string;
      /** @description Authorization code from the redirect (`?code=…`); single use. */
      code: string;
    };
    /**
     * @description Form body of the `refresh_token` grant (method `refreshAccessTokenAuthorizationCode`). The refresh_token is
     *     rotated: use the one from the latest token response.
     * @example {
     *       "grant_type": "refresh_token",
     *       "client_id": "fakeClientId0123456789",
     *       "client_secret": "fakeClientSecret0123456789abcdef",
     *       "refresh_token": "QNAcwgbHQNAcwgbHkChqt9ewQNAcwgbHp4yFd5"
     *     }
     */
    RefreshRequest: {
      /**
       * @description Тип OAuth flow. Строка refresh_token (OAuth flow type, the string `refresh_token`). (enum property replaced by openapi-typescript)
       * @enum {string}
       */
      grant_type: "refresh_token";
      /** @description Client id of the application. */
      client_id: string;
      /** @description Client secret of the application. */
      client_secret: string;
      /** @description The refresh_token from the latest token response. */
      refresh_token: string;
    };
    /**
     * @description Token of the `client_credentials` grant. Lives 24 hours; there is no refresh_token, ask again.
     * @example {
     *       "access_token": "kChqt9ewQNAcwgbHp4yFd5",
     *       "expires_in": 86400,
     *       "token_type": "Bearer"
     *     }
     */
    GetAccessToken200Response: {
      /**
       * @description Ключ для временной авторизации в системе (key for temporary authorization in the system).
       * @example kChqt9ewQNAcwgbHp4yFd5
       */
      access_token: string;
      /**
       * Format: int32
       * @description Время жизни ключа в секундах (key lifetime in seconds); 86400 (24 hours).
       * @example 86400
       */
      expires_in: number;
      /**
       * @description Тип ключа авторизации (authorization key type).
       * @example Bearer
       */
      token_type: string;
    };
    /**
     * @description Tokens of the `authorization_code` grant. The access_token lives 24 hours.
     * @example {
     *       "access_token": "kChqt9ewQNAcwgbHp4yFd5",
     *       "expires_in": 86400,
     *       "refresh_token": "QNAcwgbHQNAcwgbHkChqt9ewQNAcwgbHp4yFd5",
     *       "scope": "messenger:read,messenger:write",
     *       "token_type": "Bearer"
     *     }
     */
    GetAccessTokenAuthorizationCode200Response: {
      /**
       * @description Ключ для временной авторизации в системе (key for temporary authorization in the system).
       * @example kChqt9ewQNAcwgbHp4yFd5
       */
      access_token: string;
      /**
       * Format: int32
       * @description Время жизни ключа в секундах (key lifetime in seconds); 86400 (24 hours).
       * @example 86400
       */
      expires_in: number;
      /**
       * @description Ключ для обновления токена доступа (key for refreshing the access token).
       * @example QNAcwgbHQNAcwgbHkChqt9ewQNAcwgbHp4yFd5
       */
      refresh_token: string;
      /**
       * @description Полученный скоуп (granted scope), comma-separated.
       * @example messenger:read,messenger:write
       */
      scope?: string;
      /**
       * @description Тип ключа авторизации (authorization key type).
       * @example Bearer
       */
      token_type: string;
    };
    /**
     * @description Tokens of the `refresh_token` grant: a new access_token (24 hours) and a new refresh_token. Обновите оба
     *     значения (update both values): the previous refresh_token must not be used again.
     * @example {
     *       "access_token": "5dFy4pHbgwcANQwe9tqhCk",
     *       "expires_in": 86400,
     *       "refresh_token": "5dFy4pHbgwcANQwe9tqhCkHbgwcANQHbgwcANQ",
     *       "scope": "messenger:read,messenger:write",
     *       "token_type": "Bearer"
     *     }
     */
    RefreshAccessTokenAuthorizationCode200Response: {
      /**
       * @description Новый ключ для временной авторизации в системе (new key for temporary authorization in the system).
       * @example 5dFy4pHbgwcANQwe9tqhCk
       */
      access_token: string;
      /**
       * Format: int32
       * @description Время жизни ключа в секундах (key lifetime in seconds); 86400 (24 hours).
       * @example 86400
       */
      expires_in: number;
      /**
       * @description Новый ключ для обновления токена доступа (new key for refreshing the access token).
       * @example 5dFy4pHbgwcANQwe9tqhCkHbgwcANQHbgwcANQ
       */
      refresh_token: string;
      /**
       * @description Полученный скоуп (granted scope), comma-separated.
       * @example messenger:read,messenger:write
       */
      scope?: string;
      /**
       * @description Тип ключа авторизации (authorization key type).
       * @example Bearer
       */
      token_type: string;
    };
    /**
     * @description Error body declared after RFC 6749 §5.2, because Avito does not document its token errors (the original
     *     spec declares only the 200 response). Not a model of the original.
     * @example {
     *       "error": "invalid_grant",
     *       "error_description": "refresh token is invalid or expired"
     *     }
     */
    OAuthError: {
      /**
       * @description RFC 6749 error code, e.g. invalid_request, invalid_client, invalid_grant, unsupported_grant_type.
       * @example invalid_grant
       */
      error?: string;
      /**
       * @description Human-readable explanation.
       * @example refresh token is invalid or expired
       */
      error_description?: string;
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
  getAccessToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/x-www-form-urlencoded":
          | components["schemas"]["GetTokenRequest"]
          | components["schemas"]["GetTokenOAuthRequest"]
          | components["schemas"]["RefreshRequest"];
      };
    };
    responses: {
      /**
       * @description Успешный ответ (successful response). Which of the three models arrives depends on the grant. They
       *     share their fields, so this is `anyOf` (a body can match several) and the model is known from the
       *     request (see `x-sdk-methods`), not from the body.
       */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | components["schemas"]["GetAccessToken200Response"]
            | components["schemas"]["GetAccessTokenAuthorizationCode200Response"]
            | components["schemas"]["RefreshAccessTokenAuthorizationCode200Response"];
        };
      };
      /**
       * @description Bad request: missing or invalid field, unknown grant_type, invalid or used code, invalid refresh_token.
       *     Not documented by Avito: the body is declared as an RFC 6749 §5.2 error.
       */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": "invalid_grant",
           *       "error_description": "refresh token is invalid or expired"
           *     }
           */
          "application/json": components["schemas"]["OAuthError"];
        };
      };
      /**
       * @description Client authentication failed (unknown client_id or wrong client_secret). Not documented by Avito: the
       *     body is declared as an RFC 6749 §5.2 error.
       */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": "invalid_client",
           *       "error_description": "client authentication failed"
           *     }
           */
          "application/json": components["schemas"]["OAuthError"];
        };
      };
      /** @description Any other failure. Not documented by Avito; declared as an RFC 6749 §5.2 error. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": "server_error",
           *       "error_description": "internal error"
           *     }
           */
          "application/json": components["schemas"]["OAuthError"];
        };
      };
    };
  };
}
