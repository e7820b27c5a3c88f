export {
  AuthorizationCallbackError,
  type AuthorizationCallbackReason,
  type ParseCallbackOptions,
  parseCallbackWithFlow,
} from "./authorization/callback.js";
export { pkceChallenge } from "./authorization/pkce.js";
export {
  type AuthorizationFlow,
  type AuthorizationRequest,
  type AuthorizationUrlInput,
  type AuthorizationUrlOptionsBase,
  authorizationUrlFromOptions,
  buildAuthorizationUrl,
  MIN_STATE_LENGTH,
  pkceAuthorizationUrlFromOptions,
} from "./authorization/url.js";
export { basicAuthHeader, basicAuthorization, optionalBasicAuthorization } from "./call/basic-auth.js";
export { createClientOptions, specMiddleware } from "./call/client.js";
export {
  apiContext,
  type BodySerializer,
  type CallContext,
  type CallContextInit,
  type CheckedConfig,
  callContext,
  checkedConfig,
  type PathSerializer,
  type QuerySerializer,
} from "./call/context.js";
export {
  OAuthApiError,
  type OAuthApiErrorClass,
  type OAuthApiErrorInit,
  type OAuthErrorKind,
} from "./call/errors.js";
export { type FormValue, formBody, formEncode } from "./call/form.js";
export { inBodyError } from "./call/in-body.js";
export { callOperation, type RequestOptions } from "./call/operation.js";
export type {
  ClientAuthMethod,
  ErrorFieldPaths,
  ErrorInBodyRule,
  OperationTableEntry,
  OperationWire,
  VariantDefaults,
} from "./call/operation-table.js";
export { overloadResultShape } from "./call/overloads.js";
export { type PlacedFields, placeFields } from "./call/parameters.js";
export { valueAtPath } from "./call/path.js";
export { placeQuery, scalarQuerySerializer } from "./call/query.js";
export { REDACTED, redact, redactText, SECRET_KEYS, scrubValues } from "./call/redact.js";
export type {
  BasicClientConfig,
  BasicCredentials,
  CallLimits,
  ClientConfig,
  RetryOptions,
  Simplify,
  WithDefaults,
} from "./call/types.js";
export { invalidAt, type JsonType, type ResultShape, type ResultShapes } from "./call/validate.js";
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
export { DEFAULT_REFRESHES_AT_ONCE, RefreshQueue } from "./lifecycle/refresh-queue.js";
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
export { whenFreeFor } from "./lifecycle/when-free-for.js";
