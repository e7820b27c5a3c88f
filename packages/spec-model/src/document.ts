// The parts of an OpenAPI 3.0 document that the model reads, with our x-sdk* extensions (specs/README.md).

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  description?: string;
  title?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  "x-sdk-error"?: ErrorFieldsExtension;
}

/** `x-sdk-error` on an error schema: dotted paths of the provider's code and message. */
export interface ErrorFieldsExtension {
  code?: string;
  message?: string;
}

export interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { summary?: string; value?: unknown; $ref?: string }>;
}

export interface Parameter {
  $ref?: string;
  name: string;
  in: "query" | "header" | "path" | "cookie";
  required?: boolean;
  description?: string;
  schema?: Schema;
  example?: unknown;
}

/** `x-sdk-error-in-body` on a success response: the body may report an error. */
export interface ErrorInBodyExtension {
  code: string;
  message?: string;
  success?: (string | number)[];
}

/** Where each TokenSet field sits in a token answer (dotted paths), in the order the SDK lists them. */
export interface TokenFieldPaths {
  accessToken: string;
  tokenType?: string;
  /** Not a path: the token type of an answer that has none. */
  defaultTokenType?: string;
  expiresIn?: string;
  refreshToken?: string;
  refreshTokenExpiresIn?: string;
  refreshTokenExpiresAt?: string;
  scope?: string;
  /** Provider fields kept in TokenSet.extra under their last segment. */
  extra?: string[];
}

/** `x-sdk-token` on a success response, as written (./token-answer.ts checks it into the model). */
export type TokenExtension = Partial<TokenFieldPaths> & {
  refusedRefreshCodes?: (string | number | { code: string | number; status?: number; message?: string })[];
};

export interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, MediaType>;
  "x-sdk-error-in-body"?: ErrorInBodyExtension;
  "x-sdk-token"?: TokenExtension;
  /** The schema of a body `x-sdk-error-in-body` calls a success (a `$ref` to components.schemas). */
  "x-sdk-success-schema"?: Schema;
}

/** One entry of an operation's `x-sdk-methods`. */
export interface SdkMethodExtension {
  name: string;
  tag?: string;
  /** components.schemas name of the entry's body (a member of the body's oneOf). */
  request?: string;
  /** components.schemas name of the entry's success model. */
  response?: string;
  originalPath?: string;
  summary?: string;
  description?: string;
}

export interface RequestBody {
  $ref?: string;
  required?: boolean;
  content?: Record<string, MediaType>;
}

export interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: RequestBody;
  responses?: Record<string, Response>;
  security?: Record<string, string[]>[];
  "x-sdk-methods"?: SdkMethodExtension[];
}

export interface SecurityScheme {
  type: string;
  scheme?: string;
  flows?: { authorizationCode?: OAuthFlow; [flow: string]: OAuthFlow | undefined };
}

/** One OAuth 2 flow of a security scheme. */
export interface OAuthFlow {
  authorizationUrl?: string;
  tokenUrl?: string;
  scopes?: Record<string, string>;
  "x-sdk-authorization"?: AuthorizationExtension;
}

/** `x-sdk-authorization` on an `authorizationCode` flow: what the provider's authorize page does differently. */
export interface AuthorizationExtension {
  parameterNames?: Record<string, string>;
  scopeSeparator?: string;
  fixedParameters?: Record<string, string>;
  pkce?: boolean;
  callbackParameters?: string[];
}

/** `info.x-sdk`: the package made from the spec. */
export interface PackageExtension {
  package?: string;
  errorClass?: string;
  clientFactory?: string;
  /** A vendor's document kept as published: the lint's house rules only warn (specs/README.md). */
  vendorSpec?: boolean;
}

/** `info.x-sdk-tokens`: the provider's token facts, as documented by the provider. */
export interface TokensExtension {
  /** Seconds an access token lives, as the provider documents it. */
  accessTokenLifetime?: number;
  /** Seconds a refresh token lives; left out when the provider does not publish it. */
  refreshTokenLifetime?: number;
  /** What a refresh does to the refresh token. */
  refreshTokenRotation?: RefreshTokenRotation;
  /** How the provider joins scopes in `scope` ("," or " "). */
  scopeSeparator?: string;
}

/**
 * `fixed`: the refresh token stays the same and keeps its expiry; `rotated`: every refresh returns a new one that
 * replaces it; `continuous`: every refresh returns a new one with a renewed lifetime.
 */
export type RefreshTokenRotation = "fixed" | "rotated" | "continuous";

export interface OpenApiDocument {
  openapi: string;
  info: {
    title: string;
    version: string;
    description?: string;
    "x-sdk"?: PackageExtension;
    "x-sdk-tokens"?: TokensExtension;
  };
  servers?: { url: string; description?: string }[];
  tags?: { name: string; description?: string }[];
  paths?: Record<string, Record<string, Operation | Parameter[] | string | undefined>>;
  components?: {
    schemas?: Record<string, Schema>;
    securitySchemes?: Record<string, SecurityScheme>;
    parameters?: Record<string, Parameter>;
    responses?: Record<string, Response>;
    requestBodies?: Record<string, RequestBody>;
  };
  security?: Record<string, string[]>[];
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"] as const;

export const FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";
