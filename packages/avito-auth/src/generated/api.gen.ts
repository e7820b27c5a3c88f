// Generated from specs/avito.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate avito`.
import { apiContext, type CallContext, callOperation, type RequestOptions, formBody } from "@x/oauth-core";
import { type Configuration, DEFAULT_BASE_URL } from "./client.gen.js";
import { AvitoAuthError } from "./errors.gen.js";
import type {
  GetAccessToken200Response,
  GetAccessTokenAuthorizationCode200Response,
  GetAccessTokenAuthorizationCodeParams,
  GetAccessTokenParams,
  RefreshAccessTokenAuthorizationCode200Response,
  RefreshAccessTokenAuthorizationCodeParams,
} from "./models.gen.js";
import { operationTable } from "./operations.gen.js";

/**
 * Персональная авторизация (personal authorization): the `client_credentials` grant for your own account, with
 * the client_id and client_secret from https://www.avito.ru/professionals/api. The token lives 24 hours.
 * For `{ data, error }` results and middleware, use the low-level client: `createAvitoClient(config)`.
 */
export class AccessApi {
  readonly #context: CallContext<AvitoAuthError>;

  /** @throws {TypeError} naming the option, when the configuration cannot work. */
  constructor(config: Configuration = {}) {
    this.#context = apiContext(config, {
      baseUrl: DEFAULT_BASE_URL,
      errorClass: AvitoAuthError,
      bodySerializers: { "application/x-www-form-urlencoded": formBody },
    });
  }

  /**
   * Получение access token (Get access token)
   *
   * Получения временного ключа для авторизации (obtaining a temporary key for authorization). One operation for
   * the three grants, chosen by the form field `grant_type`:
   * - `client_credentials` (`GetTokenRequest`, method `getAccessToken`, tag Access);
   * - `authorization_code` (`GetTokenOAuthRequest`, method `getAccessTokenAuthorizationCode`): получения
   *   временного ключа для авторизации запроса от лица пользователя (a key for requests on behalf of a user);
   * - `refresh_token` (`RefreshRequest`, method `refreshAccessTokenAuthorizationCode`): обновление временного
   *   ключа для авторизации запроса от лица пользователя (refreshing that key). The answer carries a new
   *   access_token and a new refresh_token; the old refresh_token must be replaced.
   *
   * `POST /token` (application/x-www-form-urlencoded).
   * @throws {AvitoAuthError} on HTTP 400, 401; any other error status; an empty or non-JSON body; no response.
   */
  getAccessToken(params: GetAccessTokenParams, options?: RequestOptions): Promise<GetAccessToken200Response> {
    return callOperation<GetAccessToken200Response>(
      this.#context,
      operationTable.getAccessToken,
      params,
      options,
    );
  }
}

/**
 * Авторизация для приложений (authorization for applications): the `authorization_code` and `refresh_token`
 * grants for third-party apps registered at developers.avito.ru (currently only trusted partner apps). The user
 * is sent to `https://avito.ru/oauth?response_type=code&client_id=…&scope=messenger:read,messenger:write` and
 * comes back with `?code=…`. Scopes are comma-separated. The access token lives 24 hours; refreshing rotates
 * both the access_token and the refresh_token.
 *
 * The original spec declares two unused OAuth2 security schemes, `ClientCredentials` (token URL
 * https://api.avito.ru/token) and `AuthorizationCode` (authorization URL https://avito.ru/oauth), with the
 * scopes autoload:reports, items:apply_vas, items:info, job:applications, job:cv, job:vacancy, job:write,
 * messenger:read, messenger:write, short_term_rent:read, short_term_rent:write, stats:read, user:read,
 * user_balance:read, user_operations:read. This spec keeps `AuthorizationCode` (the package's `authorizationUrl` is
 * built from it). The token endpoint itself takes the credentials in the form body.
 * For `{ data, error }` results and middleware, use the low-level client: `createAvitoClient(config)`.
 */
export class ApplicationAccessApi {
  readonly #context: CallContext<AvitoAuthError>;

  /** @throws {TypeError} naming the option, when the configuration cannot work. */
  constructor(config: Configuration = {}) {
    this.#context = apiContext(config, {
      baseUrl: DEFAULT_BASE_URL,
      errorClass: AvitoAuthError,
      bodySerializers: { "application/x-www-form-urlencoded": formBody },
    });
  }

  /**
   * Получение access token (Get access token)
   *
   * Получения временного ключа для авторизации (obtaining a temporary key for authorization). One operation for
   * the three grants, chosen by the form field `grant_type`:
   * - `client_credentials` (`GetTokenRequest`, method `getAccessToken`, tag Access);
   * - `authorization_code` (`GetTokenOAuthRequest`, method `getAccessTokenAuthorizationCode`): получения
   *   временного ключа для авторизации запроса от лица пользователя (a key for requests on behalf of a user);
   * - `refresh_token` (`RefreshRequest`, method `refreshAccessTokenAuthorizationCode`): обновление временного
   *   ключа для авторизации запроса от лица пользователя (refreshing that key). The answer carries a new
   *   access_token and a new refresh_token; the old refresh_token must be replaced.
   *
   * `POST /token` (application/x-www-form-urlencoded).
   * The original client requested "/token\u200E".
   * @throws {AvitoAuthError} on HTTP 400, 401; any other error status; an empty or non-JSON body; no response.
   */
  getAccessTokenAuthorizationCode(
    params: GetAccessTokenAuthorizationCodeParams,
    options?: RequestOptions,
  ): Promise<GetAccessTokenAuthorizationCode200Response> {
    return callOperation<GetAccessTokenAuthorizationCode200Response>(
      this.#context,
      operationTable.getAccessTokenAuthorizationCode,
      params,
      options,
    );
  }

  /**
   * Обновление access token (Refresh access token)
   *
   * Получения временного ключа для авторизации (obtaining a temporary key for authorization). One operation for
   * the three grants, chosen by the form field `grant_type`:
   * - `client_credentials` (`GetTokenRequest`, method `getAccessToken`, tag Access);
   * - `authorization_code` (`GetTokenOAuthRequest`, method `getAccessTokenAuthorizationCode`): получения
   *   временного ключа для авторизации запроса от лица пользователя (a key for requests on behalf of a user);
   * - `refresh_token` (`RefreshRequest`, method `refreshAccessTokenAuthorizationCode`): обновление временного
   *   ключа для авторизации запроса от лица пользователя (refreshing that key). The answer carries a new
   *   access_token and a new refresh_token; the old refresh_token must be replaced.
   *
   * `POST /token` (application/x-www-form-urlencoded).
   * The original client requested "/token\u200E\u200E".
   * @throws {AvitoAuthError} on HTTP 400, 401; any other error status; an empty or non-JSON body; no response.
   */
  refreshAccessTokenAuthorizationCode(
    params: RefreshAccessTokenAuthorizationCodeParams,
    options?: RequestOptions,
  ): Promise<RefreshAccessTokenAuthorizationCode200Response> {
    return callOperation<RefreshAccessTokenAuthorizationCode200Response>(
      this.#context,
      operationTable.refreshAccessTokenAuthorizationCode,
      params,
      options,
    );
  }
}
