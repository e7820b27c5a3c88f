// Generated from specs/criteo.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate criteo`.
import {
  apiContext,
  type CallContext,
  callOperation,
  overloadResultShape,
  type RequestOptions,
  formBody,
} from "@x/oauth-core";
import { type Configuration, DEFAULT_BASE_URL } from "./client.gen.js";
import { CriteoOAuthError } from "./errors.gen.js";
import type {
  AccessTokenModel,
  AccessTokenModelWithRefreshToken,
  GetTokenAuthorizationCodeParams,
  GetTokenClientCredentialsParams,
  GetTokenParams,
  GetTokenRefreshTokenParams,
} from "./models.gen.js";
import { operationTable } from "./operations.gen.js";

/**
 * Access tokens for the Retail Media API (client credentials, authorization code, refresh token).
 * For `{ data, error }` results and middleware, use the low-level client: `createCriteoClient(config)`.
 */
export class OAuthApi {
  readonly #context: CallContext<CriteoOAuthError>;

  /** @throws {TypeError} naming the option, when the configuration cannot work. */
  constructor(config: Configuration = {}) {
    this.#context = apiContext(config, {
      baseUrl: DEFAULT_BASE_URL,
      errorClass: CriteoOAuthError,
      bodySerializers: { "application/x-www-form-urlencoded": formBody },
      overloadResult: overloadResultShape,
    });
  }

  /**
   * Get an access token with client credentials
   *
   * Creates a token when the supplied client credentials are valid.
   *
   * The access token lives 900 seconds (15 minutes). With `grant_type=refresh_token`, the answer carries a new
   * refresh_token that replaces the one sent. The original operationId is `GetToken`.
   *
   * Resolves to `AccessTokenModel` when called with `grant_type: "client_credentials"`.
   *
   * `POST /oauth2/token` (application/x-www-form-urlencoded).
   * @throws {CriteoOAuthError} on HTTP 400, 401; an empty or non-JSON body; no response.
   */
  getToken(params: GetTokenClientCredentialsParams, options?: RequestOptions): Promise<AccessTokenModel>;
  /**
   * Exchange a single-use authorization code for an access token and a refresh token
   *
   * Creates a token when the supplied client credentials are valid.
   *
   * The access token lives 900 seconds (15 minutes). With `grant_type=refresh_token`, the answer carries a new
   * refresh_token that replaces the one sent. The original operationId is `GetToken`.
   *
   * Resolves to `AccessTokenModelWithRefreshToken` when called with `grant_type: "authorization_code"`.
   *
   * `POST /oauth2/token` (application/x-www-form-urlencoded).
   * @throws {CriteoOAuthError} on HTTP 400, 401; an empty or non-JSON body; no response.
   */
  getToken(
    params: GetTokenAuthorizationCodeParams,
    options?: RequestOptions,
  ): Promise<AccessTokenModelWithRefreshToken>;
  /**
   * Refresh an access token; the answer's refresh_token replaces the one sent
   *
   * Creates a token when the supplied client credentials are valid.
   *
   * The access token lives 900 seconds (15 minutes). With `grant_type=refresh_token`, the answer carries a new
   * refresh_token that replaces the one sent. The original operationId is `GetToken`.
   *
   * Resolves to `AccessTokenModelWithRefreshToken` when called with `grant_type: "refresh_token"`.
   *
   * `POST /oauth2/token` (application/x-www-form-urlencoded).
   * @throws {CriteoOAuthError} on HTTP 400, 401; an empty or non-JSON body; no response.
   */
  getToken(
    params: GetTokenRefreshTokenParams,
    options?: RequestOptions,
  ): Promise<AccessTokenModelWithRefreshToken>;
  /**
   * Creates a token based either on supplied client credentials or on single use authorization code
   *
   * Creates a token when the supplied client credentials are valid.
   *
   * The access token lives 900 seconds (15 minutes). With `grant_type=refresh_token`, the answer carries a new
   * refresh_token that replaces the one sent. The original operationId is `GetToken`.
   *
   * Takes the parameters of any overload above and resolves to any of their results.
   *
   * `POST /oauth2/token` (application/x-www-form-urlencoded).
   * @throws {CriteoOAuthError} on HTTP 400, 401; an empty or non-JSON body; no response.
   */
  getToken(
    params: GetTokenParams,
    options?: RequestOptions,
  ): Promise<AccessTokenModel | AccessTokenModelWithRefreshToken>;
  getToken(
    params: GetTokenParams,
    options?: RequestOptions,
  ): Promise<AccessTokenModel | AccessTokenModelWithRefreshToken> {
    return callOperation<AccessTokenModel | AccessTokenModelWithRefreshToken>(
      this.#context,
      operationTable.getToken,
      params,
      options,
    );
  }
}
