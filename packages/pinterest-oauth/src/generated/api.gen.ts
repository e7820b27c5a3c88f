// Generated from specs/pinterest.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate pinterest`.
import {
  basicAuthorization,
  apiContext,
  type CallContext,
  callOperation,
  overloadResultShape,
  type RequestOptions,
  formBody,
} from "@x/oauth-core";
import { type Configuration, DEFAULT_BASE_URL } from "./client.gen.js";
import { PinterestOAuthError } from "./errors.gen.js";
import type {
  OauthAccessTokenResponseClientCredentials,
  OauthAccessTokenResponseCode,
  OauthAccessTokenResponseRefresh,
  OauthTokenAuthorizationCodeParams,
  OauthTokenClientCredentialsParams,
  OauthTokenParams,
  OauthTokenRefreshTokenParams,
} from "./models.gen.js";
import { operationTable } from "./operations.gen.js";

/**
 * OAuth access tokens. Start the flow at https://www.pinterest.com/oauth/ to get a code.
 * For `{ data, error }` results and middleware, use the low-level client: `createPinterestClient(config)`.
 */
export class OauthApi {
  readonly #context: CallContext<PinterestOAuthError>;

  /** @throws {TypeError} naming the option, when the configuration cannot work. */
  constructor(config: Configuration = {}) {
    this.#context = apiContext(config, {
      baseUrl: DEFAULT_BASE_URL,
      errorClass: PinterestOAuthError,
      auth: basicAuthorization,
      bodySerializers: { "application/x-www-form-urlencoded": formBody },
      overloadResult: overloadResultShape,
    });
  }

  /**
   * Exchange an authorization code for an access token and a refresh token
   *
   * Generate an OAuth access token by using an authorization code or a refresh token.
   *
   * IMPORTANT: You need to start the OAuth flow via www.pinterest.com/oauth before calling this endpoint (or have
   * an existing refresh token). The client authenticates with HTTP Basic: `client_id:client_secret`, each
   * form-encoded, then base64.
   *
   * Access tokens live 30 days; continuous refresh tokens 60 days, renewed on refresh.
   *
   * Resolves to `OauthAccessTokenResponseCode` when called with `grant_type: "authorization_code"`.
   *
   * `POST /oauth/token` (application/x-www-form-urlencoded), HTTP Basic client authentication.
   * @throws {PinterestOAuthError} on any error status; an empty or non-JSON body; no response.
   */
  oauthToken(
    params: OauthTokenAuthorizationCodeParams,
    options?: RequestOptions,
  ): Promise<OauthAccessTokenResponseCode>;
  /**
   * Refresh an access token (continuous refresh also returns a new refresh token)
   *
   * Generate an OAuth access token by using an authorization code or a refresh token.
   *
   * IMPORTANT: You need to start the OAuth flow via www.pinterest.com/oauth before calling this endpoint (or have
   * an existing refresh token). The client authenticates with HTTP Basic: `client_id:client_secret`, each
   * form-encoded, then base64.
   *
   * Access tokens live 30 days; continuous refresh tokens 60 days, renewed on refresh.
   *
   * Resolves to `OauthAccessTokenResponseRefresh` when called with `grant_type: "refresh_token"`.
   *
   * `POST /oauth/token` (application/x-www-form-urlencoded), HTTP Basic client authentication.
   * @throws {PinterestOAuthError} on any error status; an empty or non-JSON body; no response.
   */
  oauthToken(
    params: OauthTokenRefreshTokenParams,
    options?: RequestOptions,
  ): Promise<OauthAccessTokenResponseRefresh>;
  /**
   * Get an app access token with client credentials (API 5.14+)
   *
   * Generate an OAuth access token by using an authorization code or a refresh token.
   *
   * IMPORTANT: You need to start the OAuth flow via www.pinterest.com/oauth before calling this endpoint (or have
   * an existing refresh token). The client authenticates with HTTP Basic: `client_id:client_secret`, each
   * form-encoded, then base64.
   *
   * Access tokens live 30 days; continuous refresh tokens 60 days, renewed on refresh.
   *
   * Resolves to `OauthAccessTokenResponseClientCredentials` when called with `grant_type: "client_credentials"`.
   *
   * `POST /oauth/token` (application/x-www-form-urlencoded), HTTP Basic client authentication.
   * @throws {PinterestOAuthError} on any error status; an empty or non-JSON body; no response.
   */
  oauthToken(
    params: OauthTokenClientCredentialsParams,
    options?: RequestOptions,
  ): Promise<OauthAccessTokenResponseClientCredentials>;
  /**
   * Generate OAuth access token
   *
   * Generate an OAuth access token by using an authorization code or a refresh token.
   *
   * IMPORTANT: You need to start the OAuth flow via www.pinterest.com/oauth before calling this endpoint (or have
   * an existing refresh token). The client authenticates with HTTP Basic: `client_id:client_secret`, each
   * form-encoded, then base64.
   *
   * Access tokens live 30 days; continuous refresh tokens 60 days, renewed on refresh.
   *
   * Takes the parameters of any overload above and resolves to any of their results.
   *
   * `POST /oauth/token` (application/x-www-form-urlencoded), HTTP Basic client authentication.
   * @throws {PinterestOAuthError} on any error status; an empty or non-JSON body; no response.
   */
  oauthToken(
    params: OauthTokenParams,
    options?: RequestOptions,
  ): Promise<
    OauthAccessTokenResponseCode | OauthAccessTokenResponseRefresh | OauthAccessTokenResponseClientCredentials
  >;
  oauthToken(
    params: OauthTokenParams,
    options?: RequestOptions,
  ): Promise<
    OauthAccessTokenResponseCode | OauthAccessTokenResponseRefresh | OauthAccessTokenResponseClientCredentials
  > {
    return callOperation<
      | OauthAccessTokenResponseCode
      | OauthAccessTokenResponseRefresh
      | OauthAccessTokenResponseClientCredentials
    >(this.#context, operationTable.oauthToken, params, options);
  }
}
