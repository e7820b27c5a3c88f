// Generated from specs/douyin.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate douyin`.
export interface paths {
  "/oauth/access_token/": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * 获取access_token (Get access_token)
     * @description 获取access_token (exchange an authorization code for the user's access_token).
     *
     *     The access_token lives 15 days and the refresh_token 30 days. A code can be exchanged once; authorizing
     *     again makes an earlier, not yet exchanged code expire.
     */
    get: operations["oauthAccessTokenGet"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/oauth/refresh_token/": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * 刷新access_token (Refresh access_token)
     * @description 刷新access_token (refresh the user's access_token). No client_secret is sent, in the original client and in
     *     the platform docs.
     *
     *     Gives an access_token valid for 15 days; if the current access_token has not expired it is kept and only
     *     its expiry is extended. The refresh_token is not renewed by this call (30 days from authorization); once
     *     it has expired the call fails with error 10010 and the user must authorize again.
     */
    get: operations["oauthRefreshTokenGet"];
    put?: never;
    post?: never;
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
     * @description 错误码 (error code). `0` means success. An empty model in the original (a primitive alias); the platform
     *     sends an int64, sometimes as a string (`"0"`), so both are accepted. Codes seen: 10002 参数错误 (parameter
     *     error), 10003 client_key不存在 (client_key does not exist), 10005 缺少参数 (missing parameter), 10008 /
     *     2190008 access_token过期 (access_token expired), 10010 refresh_token过期 (refresh_token expired), 10013
     *     client_key或client_secret错误 (wrong client_key or client_secret), 2100005 参数错误 (parameter error),
     *     28001007 参数不合法 (invalid parameter), 29002002 ClientKey无效 (invalid ClientKey).
     * @example 0
     */
    ErrorCode: number | string;
    /**
     * @description 错误码描述 (description of the error code). Empty on success. An empty model (a primitive alias) in the original.
     * @example
     */
    Description: string;
    /**
     * @description Lifetime in seconds. Typed `string` in the original spec; the platform sends a number (`1296000`) or a
     *     numeric string (`"86400"`), so both are accepted.
     * @example 1296000
     */
    ExpiresIn: number | string;
    /**
     * @description Request metadata the platform adds at the top level, mostly on errors. Not in the original models.
     * @example {
     *       "logid": "2020070614111601022506808001045D59",
     *       "now": 1594015876138
     *     }
     */
    Extra: {
      /**
       * @description Request log id, for support tickets.
       * @example 2020070614111601022506808001045D59
       */
      logid?: string;
      /**
       * Format: int64
       * @description Server time in milliseconds since the epoch.
       * @example 1594015876138
       */
      now?: number;
    };
    /**
     * @description Response of `GET /oauth/access_token/`. Also the shape of errors, which arrive with HTTP 200 and a non-zero
     *     `data.error_code`; a success is also an `AccessTokenSuccess`, what the method resolves to.
     * @example {
     *       "message": "success",
     *       "data": {
     *         "error_code": 0,
     *         "description": "",
     *         "access_token": "act.fake1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4",
     *         "expires_in": 1296000,
     *         "refresh_token": "rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6",
     *         "open_id": "fake0000-b9b7-1865-7fea-44cc0000aaaa",
     *         "scope": "user_info"
     *       }
     *     }
     */
    InlineResponse200: {
      /**
       * @description Status text, e.g. `success` (older responses show `<nil>`). No description in the original.
       * @example success
       */
      message?: string;
      data: components["schemas"]["InlineResponse200Data"];
      extra?: components["schemas"]["Extra"];
    };
    /**
     * @description Token data of `GET /oauth/access_token/`, or `error_code` + `description` on failure.
     * @example {
     *       "error_code": 0,
     *       "description": "",
     *       "access_token": "act.fake1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4",
     *       "expires_in": 1296000,
     *       "refresh_token": "rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6",
     *       "open_id": "fake0000-b9b7-1865-7fea-44cc0000aaaa",
     *       "scope": "user_info",
     *       "unionid": "fake-union-0000-1111-2222"
     *     }
     */
    InlineResponse200Data: {
      error_code?: components["schemas"]["ErrorCode"];
      description?: components["schemas"]["Description"];
      /**
       * @description 接口调用凭证 (credential for calling the APIs). Valid 15 days on Douyin.
       * @example act.fake1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4
       */
      access_token?: string;
      /**
       * @description access_token接口调用凭证超时时间，单位（秒 (timeout of the access_token credential, unit: seconds; the
       *     closing parenthesis is missing in the original). Douyin: 1296000 (15 days).
       */
      expires_in?: components["schemas"]["ExpiresIn"];
      /**
       * @description 用户刷新access_token (used to refresh the user's access_token). Valid 30 days on Douyin.
       * @example rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6
       */
      refresh_token?: string;
      /**
       * @description 授权用户唯一标识 (unique identifier of the authorizing user).
       * @example fake0000-b9b7-1865-7fea-44cc0000aaaa
       */
      open_id?: string;
      /**
       * @description 用户授权的作用域(Scope)，使用逗号（,）分隔，开放平台几乎几乎每个接口都需要特定的Scope。 (scopes granted by
       *     the user, comma-separated; almost every open-platform API needs a specific scope.)
       * @example user_info,video.list
       */
      scope?: string;
      /**
       * @description 当且仅当该网站应用已获得该用户的userinfo授权时，才会出现该字段。 (present if and only if this web app has the
       *     user's userinfo authorization.)
       * @example fake-union-0000-1111-2222
       */
      unionid?: string;
    };
    /**
     * @description Response of `GET /oauth/refresh_token/`. Also the shape of errors, which arrive with HTTP 200 and a non-zero
     *     `data.error_code`; a success is also a `RefreshTokenSuccess`, what the method resolves to.
     * @example {
     *       "message": "success",
     *       "data": {
     *         "error_code": 0,
     *         "description": "",
     *         "access_token": "act.fake2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a",
     *         "expires_in": 1296000,
     *         "refresh_token": "rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6",
     *         "open_id": "fake0000-b9b7-1865-7fea-44cc0000aaaa",
     *         "scope": "user_info"
     *       }
     *     }
     */
    InlineResponse2001: {
      /**
       * @description Status text, e.g. `success`. No description in the original.
       * @example success
       */
      message?: string;
      data: components["schemas"]["InlineResponse2001Data"];
      extra?: components["schemas"]["Extra"];
    };
    /**
     * @description Token data of `GET /oauth/refresh_token/`, or `error_code` + `description` on failure.
     * @example {
     *       "error_code": 0,
     *       "description": "",
     *       "access_token": "act.fake2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a",
     *       "expires_in": 1296000,
     *       "refresh_token": "rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6",
     *       "open_id": "fake0000-b9b7-1865-7fea-44cc0000aaaa",
     *       "scope": "user_info"
     *     }
     */
    InlineResponse2001Data: {
      error_code?: components["schemas"]["ErrorCode"];
      description?: components["schemas"]["Description"];
      /**
       * @description 接口调用凭证 (API call credential). A new 15-day token, or the current one with its expiry extended.
       * @example act.fake2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a
       */
      access_token?: string;
      /** @description 过期时间，单位（秒） (expiry time, unit: seconds). Douyin: 1296000 (15 days). */
      expires_in?: components["schemas"]["ExpiresIn"];
      /**
       * @description 用户刷新 (user refresh token). Not renewed by refreshing: it keeps its 30-day expiry from authorization.
       * @example rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6
       */
      refresh_token?: string;
      /**
       * @description 当前应用下，授权用户唯一标识 (unique id of the authorizing user under the current app).
       * @example fake0000-b9b7-1865-7fea-44cc0000aaaa
       */
      open_id?: string;
      /**
       * @description 用户授权的作用域 (scope authorized by the user).
       * @example user_info
       */
      scope?: string;
    };
    /**
     * @description A successful `GET /oauth/access_token/` answer (`data.error_code` absent or 0): `InlineResponse200` with the
     *     token fields Douyin always sends required. What `oauthAccessTokenGet` resolves to; not a model of the
     *     original, which returned `InlineResponse200`.
     * @example {
     *       "message": "success",
     *       "data": {
     *         "error_code": 0,
     *         "description": "",
     *         "access_token": "act.fake1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4",
     *         "expires_in": 1296000,
     *         "refresh_token": "rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6",
     *         "open_id": "fake0000-b9b7-1865-7fea-44cc0000aaaa",
     *         "scope": "user_info",
     *         "unionid": "fake-union-0000-1111-2222"
     *       }
     *     }
     */
    AccessTokenSuccess: {
      /**
       * @description Status text, e.g. `success` (older responses show `<nil>`).
       * @example success
       */
      message?: string;
      data: components["schemas"]["AccessTokenSuccessData"];
      extra?: components["schemas"]["Extra"];
    };
    /**
     * @description Token data of a successful `GET /oauth/access_token/`.
     * @example {
     *       "error_code": 0,
     *       "description": "",
     *       "access_token": "act.fake1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4",
     *       "expires_in": 1296000,
     *       "refresh_token": "rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6",
     *       "open_id": "fake0000-b9b7-1865-7fea-44cc0000aaaa",
     *       "scope": "user_info",
     *       "unionid": "fake-union-0000-1111-2222"
     *     }
     */
    AccessTokenSuccessData: {
      error_code?: components["schemas"]["ErrorCode"];
      description?: components["schemas"]["Description"];
      /**
       * @description 接口调用凭证 (credential for calling the APIs). Valid 15 days on Douyin.
       * @example act.fake1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4
       */
      access_token: string;
      /**
       * @description access_token接口调用凭证超时时间，单位（秒 (timeout of the access_token credential, unit: seconds).
       *     Douyin: 1296000 (15 days).
       */
      expires_in: components["schemas"]["ExpiresIn"];
      /**
       * @description 用户刷新access_token (used to refresh the user's access_token). Valid 30 days on Douyin.
       * @example rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6
       */
      refresh_token: string;
      /**
       * @description 授权用户唯一标识 (unique identifier of the authorizing user).
       * @example fake0000-b9b7-1865-7fea-44cc0000aaaa
       */
      open_id: string;
      /**
       * @description 用户授权的作用域(Scope)，使用逗号（,）分隔 (scopes granted by the user, comma-separated).
       * @example user_info,video.list
       */
      scope: string;
      /**
       * @description 当且仅当该网站应用已获得该用户的userinfo授权时，才会出现该字段。 (present if and only if this web app has the
       *     user's userinfo authorization.)
       * @example fake-union-0000-1111-2222
       */
      unionid?: string;
    };
    /**
     * @description A successful `GET /oauth/refresh_token/` answer (`data.error_code` absent or 0): `InlineResponse2001` with
     *     the token fields Douyin always sends required. What `oauthRefreshTokenGet` resolves to; not a model of the
     *     original, which returned `InlineResponse2001`.
     * @example {
     *       "message": "success",
     *       "data": {
     *         "error_code": 0,
     *         "description": "",
     *         "access_token": "act.fake2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a",
     *         "expires_in": 1296000,
     *         "refresh_token": "rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6",
     *         "open_id": "fake0000-b9b7-1865-7fea-44cc0000aaaa",
     *         "scope": "user_info"
     *       }
     *     }
     */
    RefreshTokenSuccess: {
      /**
       * @description Status text, e.g. `success`.
       * @example success
       */
      message?: string;
      data: components["schemas"]["RefreshTokenSuccessData"];
      extra?: components["schemas"]["Extra"];
    };
    /**
     * @description Token data of a successful `GET /oauth/refresh_token/`.
     * @example {
     *       "error_code": 0,
     *       "description": "",
     *       "access_token": "act.fake2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a",
     *       "expires_in": 1296000,
     *       "refresh_token": "rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6",
     *       "open_id": "fake0000-b9b7-1865-7fea-44cc0000aaaa",
     *       "scope": "user_info"
     *     }
     */
    RefreshTokenSuccessData: {
      error_code?: components["schemas"]["ErrorCode"];
      description?: components["schemas"]["Description"];
      /**
       * @description 接口调用凭证 (API call credential). A new 15-day token, or the current one with its expiry extended.
       * @example act.fake2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a
       */
      access_token: string;
      /** @description 过期时间，单位（秒） (expiry time, unit: seconds). Douyin: 1296000 (15 days). */
      expires_in: components["schemas"]["ExpiresIn"];
      /**
       * @description 用户刷新 (user refresh token). Not renewed by refreshing: it keeps its 30-day expiry from authorization.
       * @example rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6
       */
      refresh_token: string;
      /**
       * @description 当前应用下，授权用户唯一标识 (unique id of the authorizing user under the current app).
       * @example fake0000-b9b7-1865-7fea-44cc0000aaaa
       */
      open_id: string;
      /**
       * @description 用户授权的作用域 (scope authorized by the user).
       * @example user_info
       */
      scope: string;
    };
    /**
     * @description The platform's error envelope: `data.error_code` (non-zero) and `data.description`, with an optional
     *     top-level `extra`. The same shape arrives inside HTTP 200 responses. Not a model of the original.
     * @example {
     *       "data": {
     *         "error_code": 2100005,
     *         "description": "Parameter error"
     *       },
     *       "extra": {
     *         "logid": "2020070614111601022506808001045D59",
     *         "now": 1594015876138
     *       }
     *     }
     */
    ErrorResponse: {
      /**
       * @description Status text, when present.
       * @example error
       */
      message?: string;
      data: components["schemas"]["ErrorResponseData"];
      extra?: components["schemas"]["Extra"];
    };
    /**
     * @description Error code and its description.
     * @example {
     *       "error_code": 2100005,
     *       "description": "Parameter error"
     *     }
     */
    ErrorResponseData: {
      error_code: components["schemas"]["ErrorCode"];
      description: components["schemas"]["Description"];
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
  oauthAccessTokenGet: {
    parameters: {
      query: {
        /**
         * @description 应用唯一标识 (unique application identifier, the app key).
         * @example awfake1234567890
         */
        client_key: string;
        /**
         * @description 应用唯一标识对应的密钥 (secret corresponding to the application identifier).
         * @example fake0secret0d41d8cd98f00b204e980
         */
        client_secret: string;
        /**
         * @description 授权码 (authorization code).
         * @example fakecode1a2b3c4d5e6f
         */
        code: string;
        /**
         * @description 写死"authorization_code"即可 (hard-code "authorization_code"). The original declares a plain string;
         *     the enum and default make the fixed value explicit so clients fill it in.
         * @example authorization_code
         */
        grant_type: "authorization_code";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /**
       * @description Token response, or an error reported with HTTP 200: a non-zero `data.error_code` with
       *     `data.description` means failure.
       */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["InlineResponse200"];
        };
      };
      /** @description Transport-level failure (gateway or server error) with the platform's error envelope. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": {
           *         "error_code": 29002002,
           *         "description": "invalid ClientKey"
           *       },
           *       "extra": {
           *         "logid": "2021010112000001022506808001FAKE01",
           *         "now": 1609502400000
           *       }
           *     }
           */
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  oauthRefreshTokenGet: {
    parameters: {
      query: {
        /**
         * @description 应用唯一标识 (unique application identifier, the app key).
         * @example awfake1234567890
         */
        client_key: string;
        /**
         * @description 填refresh_token (fill in "refresh_token"). The original declares a plain string; the enum and default
         *     make the fixed value explicit so clients fill it in.
         * @example refresh_token
         */
        grant_type: "refresh_token";
        /**
         * @description 填写通过access_token获取到的refresh_token参数 (the refresh_token obtained together with the access_token).
         * @example rft.fake9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6
         */
        refresh_token: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /**
       * @description Refreshed token, or an error reported with HTTP 200: a non-zero `data.error_code` with
       *     `data.description` means failure (10010: refresh_token expired).
       */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["InlineResponse2001"];
        };
      };
      /** @description Transport-level failure (gateway or server error) with the platform's error envelope. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": {
           *         "error_code": 10002,
           *         "description": "参数错误 (parameter error)"
           *       },
           *       "extra": {
           *         "logid": "2021010112000001022506808001FAKE03",
           *         "now": 1609502400000
           *       }
           *     }
           */
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
}
