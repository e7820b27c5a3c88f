// Generated from specs/douyin.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate douyin`.
import {
  apiContext,
  type CallContext,
  callOperation,
  inBodyError,
  placeQuery,
  type RequestOptions,
} from "@x/oauth-core";
import { type Configuration, DEFAULT_BASE_URL } from "./client.gen.js";
import { DouyinOAuthError } from "./errors.gen.js";
import type {
  AccessTokenSuccess,
  OauthAccessTokenGetParams,
  OauthRefreshTokenGetParams,
  RefreshTokenSuccess,
} from "./models.gen.js";
import { operationTable } from "./operations.gen.js";

/**
 * 获取/刷新access_token (get and refresh the user's access_token). The original spec had no tag; Swagger Codegen
 * named the class `DefaultApi`.
 * For `{ data, error }` results and middleware, use the low-level client: `createDouyinClient(config)`.
 */
export class DefaultApi {
  readonly #context: CallContext<DouyinOAuthError>;

  /** @throws {TypeError} naming the option, when the configuration cannot work. */
  constructor(config: Configuration = {}) {
    this.#context = apiContext(config, {
      baseUrl: DEFAULT_BASE_URL,
      errorClass: DouyinOAuthError,
      place: placeQuery,
      inBody: inBodyError,
    });
  }

  /**
   * 获取access_token (Get access_token)
   *
   * 获取access_token (exchange an authorization code for the user's access_token).
   *
   * The access_token lives 15 days and the refresh_token 30 days. A code can be exchanged once; authorizing
   * again makes an earlier, not yet exchanged code expire.
   *
   * `GET /oauth/access_token/` (query parameters).
   * @throws {DouyinOAuthError} on any error status; an error code in a 200 body (`data.error_code`); an empty or non-JSON body; no response.
   */
  oauthAccessTokenGet(
    params: OauthAccessTokenGetParams,
    options?: RequestOptions,
  ): Promise<AccessTokenSuccess> {
    return callOperation<AccessTokenSuccess>(
      this.#context,
      operationTable.oauthAccessTokenGet,
      params,
      options,
    );
  }

  /**
   * 刷新access_token (Refresh access_token)
   *
   * 刷新access_token (refresh the user's access_token). No client_secret is sent, in the original client and in
   * the platform docs.
   *
   * Gives an access_token valid for 15 days; if the current access_token has not expired it is kept and only
   * its expiry is extended. The refresh_token is not renewed by this call (30 days from authorization); once
   * it has expired the call fails with error 10010 and the user must authorize again.
   *
   * `GET /oauth/refresh_token/` (query parameters).
   * @throws {DouyinOAuthError} on any error status; an error code in a 200 body (`data.error_code`); an empty or non-JSON body; no response.
   */
  oauthRefreshTokenGet(
    params: OauthRefreshTokenGetParams,
    options?: RequestOptions,
  ): Promise<RefreshTokenSuccess> {
    return callOperation<RefreshTokenSuccess>(
      this.#context,
      operationTable.oauthRefreshTokenGet,
      params,
      options,
    );
  }
}
