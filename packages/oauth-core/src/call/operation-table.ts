// The generated operation table's entries: everything the runtime needs to know about one SDK method.
import type { OAuthErrorKind } from "./errors.js";
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

/** How one operation goes over the wire: what the low-level client's middleware reads. */
export interface OperationWire {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly path: string;
  /** Media type of the request body, when the operation has one. */
  readonly requestMediaType?: string;
  /** Accept header: the response media types the spec declares. */
  readonly accept: string;
  /** Security schemes the operation needs (only "basic" is acted on; token endpoints need no other); none if absent. */
  readonly security?: readonly string[];
}

/** Everything the runtime needs to know about one SDK method, generated from the spec. */
export interface OperationSpec extends OperationWire {
  readonly provider: string;
  /** SDK method name. */
  readonly methodName: string;
  /** Caller fields sent as query, header and path parameters; every other field goes in the body. */
  readonly query?: readonly string[];
  readonly header?: readonly string[];
  readonly pathParams?: readonly string[];
  /** Values filled in when the caller leaves a field out (a spec default or a single-value enum). */
  readonly defaults?: Readonly<Record<string, string>>;
  /** Success statuses the spec declares. */
  readonly successStatuses: readonly number[];
  /** Error code/message paths per declared status ("400", "4XX", "default"); none if absent. */
  readonly errors?: Readonly<Record<string, ErrorFieldPaths>>;
  readonly errorInBody?: ErrorInBodyRule;
  /** The success schema's shape: a success body that does not match it is an "invalid-response". */
  readonly result?: ResultShape;
  /** Overloads' own result shapes, picked by the value of a request field (e.g. grant_type). */
  readonly resultsBy?: ResultShapes;
}

/** Throws the provider's error class: our words in `detail`, what the server sent already scrubbed in them. */
export type Fail = (kind: OAuthErrorKind, detail: string, provided?: ProvidedError, cause?: unknown) => never;

/** The provider's own error fields, from a parsed error body (already scrubbed). */
export interface ProvidedError {
  body?: unknown;
  code?: string | number | undefined;
  description?: string | undefined;
}
