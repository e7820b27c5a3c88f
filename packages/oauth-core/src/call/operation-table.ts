// The generated operation table's entries: everything the runtime needs to know about one SDK method.
import type { ResultShape, ResultShapes } from "./validate.js";

/** Where the provider's own error code and message sit in a parsed body (dotted paths). */
export interface ErrorFieldPaths {
  readonly code?: string;
  readonly message?: string;
}

/** A success body that matches this rule is an error (Douyin reports errors inside HTTP 200). */
export interface ErrorInBodyRule extends ErrorFieldPaths {
  readonly code: string;
  /** Code values that mean success; a body without a code is a success too. */
  readonly successCodes: readonly (string | number)[];
}

/** Per value of a discriminated body's `field`, the values its variant fills in when left out. */
export interface VariantDefaults {
  readonly field: string;
  readonly defaults: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * One way a client may authenticate to an operation, named as RFC 7591's `token_endpoint_auth_method` where it has
 * a name: "client_secret_basic" is HTTP Basic with the configured `clientId` / `clientSecret` (the one the runtime
 * performs); "api_key" and "bearer" are headers the caller configures; "none" is a public client. An operation that
 * takes its credentials as request fields lists none.
 */
export type ClientAuthMethod = "client_secret_basic" | "api_key" | "bearer" | "none";

/** How one operation goes over the wire: what the API classes and the low-level client's middleware read. */
export interface OperationWire {
  readonly httpMethod: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly path: string;
  /** Media type of the request body; absent when the operation has no body. */
  readonly requestMediaType?: string;
  /** Accept header: the response media types the spec declares. */
  readonly accept: string;
  /** The spec's security alternatives the runtime acts on, any one of which will do; none if absent. */
  readonly security?: readonly ClientAuthMethod[];
}

/** One entry of a package's generated `operationTable`: everything the runtime needs to know about one SDK method. */
export interface OperationTableEntry extends OperationWire {
  readonly provider: string;
  /** The SDK method's name, e.g. "oauthAccessTokenGet". */
  readonly sdkMethod: string;
  /** Caller fields sent as query, header and path parameters; every other field goes in the body. */
  readonly queryParams?: readonly string[];
  readonly headerParams?: readonly string[];
  readonly pathParams?: readonly string[];
  /** Values filled in when the caller leaves a field out (a spec default or a single-value enum). */
  readonly defaults?: Readonly<Record<string, string>>;
  /** Values only some variants fill in (`withVariantDefaults`), by the value of the field that picks the variant. */
  readonly defaultsBy?: VariantDefaults;
  /** Success statuses the spec declares (any 2XX it names). */
  readonly successStatuses: readonly number[];
  /** Error code/message paths per declared status ("400", "4XX", "default"); none if absent. */
  readonly errorFields?: Readonly<Record<string, ErrorFieldPaths>>;
  readonly errorInBody?: ErrorInBodyRule;
  /** The success schema's shape: a success body that does not match it is an "invalid-response". */
  readonly result?: ResultShape;
  /** Overloads' own result shapes, picked by the value of a request field (e.g. grant_type). */
  readonly resultsBy?: ResultShapes;
}
