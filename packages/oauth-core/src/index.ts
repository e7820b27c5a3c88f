export {
  type AuthorizationFlow,
  type AuthorizationUrlInput,
  type AuthorizationUrlOptionsBase,
  authorizationUrlFromOptions,
  buildAuthorizationUrl,
} from "./authorization-url.js";
export { type BasicCredentials, basicAuthHeader, basicAuthorization } from "./basic-auth.js";
export { createClientOptions, specMiddleware } from "./client.js";
export {
  OAuthApiError,
  type OAuthApiErrorClass,
  type OAuthApiErrorInit,
  type OAuthErrorKind,
} from "./errors.js";
export { type FormValue, formBody, formEncode } from "./form.js";
export type { RefusalRule, TokenEndpoint, TokenGrant } from "./lifecycle/endpoint.js";
export { FileTokenStore } from "./lifecycle/file-token-store.js";
export {
  createProviderTokenManager,
  createProviderTokenManagers,
  type GrantCall,
  type GrantParams,
  type ProviderTokenManagerOptions,
  type ProviderTokenTable,
} from "./lifecycle/provider-token-manager.js";
export { ReauthorizationRequiredError } from "./lifecycle/reauthorization-error.js";
export {
  openStoredField,
  TokenEncryption,
  type TokenEncryptionKey,
  type TokenEncryptionOptions,
} from "./lifecycle/token-encryption.js";
export {
  type RefreshTokenExpiringEvent,
  TokenManager,
  type TokenManagerOptions,
} from "./lifecycle/token-manager.js";
export { TokenManagers } from "./lifecycle/token-managers.js";
export {
  DEFAULT_TOKEN_LIFETIME_MS,
  type TokenFieldMap,
  type TokenSet,
  type ToTokenSetOptions,
  tokenSetFromResult,
} from "./lifecycle/token-set.js";
export {
  MemoryTokenStore,
  type RefusedTokenSet,
  type StoredTokenSet,
  type TokenLease,
  type TokenStore,
  TokenStoreError,
  type WriteOptions,
} from "./lifecycle/token-store.js";
export {
  callOperation,
  type ErrorFieldPaths,
  type ErrorInBodyRule,
  type FetchClient,
  type OperationContext,
  type OperationSpec,
  type OperationWire,
  type RequestOptions,
} from "./operation.js";
export { valueAtPath } from "./path.js";
export { REDACTED, redact, redactText, SECRET_KEYS, scrubValues } from "./redact.js";
export type { RetryOptions } from "./retry.js";
export type { BasicClientConfig, CallLimits, ClientConfig, Simplify, WithDefaults } from "./types.js";
export { invalidAt, type ResultShape, type ResultShapes } from "./validate.js";
