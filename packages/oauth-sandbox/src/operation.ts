// One operation of a provider's spec as the sandbox serves it: its parameters, body, security and responses with
// their validators (built by ./compile.ts, collected by ./spec.ts).
import type { FieldRole, OperationModel, SdkMethodEntry, SpecDocument } from "@x/spec-model";
import type { ValidateFunction } from "ajv";

/** The providers whose specs ship with the package (names for types only: the served ones come from the specs). */
export type ShippedProviderId = "avito" | "criteo" | "douyin" | "pinterest";

/** A provider's id: the name of its spec file without `.yaml` ("douyin"). */
export type ProviderId = ShippedProviderId | (string & {});

export type ParameterLocation = "query" | "header" | "path";

export interface SpecParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
}

/** All parameters of one location, checked as one object so coerced values can be read back. */
export interface ParameterGroup {
  parameters: SpecParameter[];
  validate: ValidateFunction;
}

/** One discriminated branch of a request body: the value of the discriminator and the schema to check. */
export interface BodyBranch {
  value: string;
  /** components.schemas name of the branch, when it is a component */
  schema: string | undefined;
  validate: ValidateFunction;
  /** the fields this branch declares; undefined: any field */
  fields: ReadonlySet<string> | undefined;
}

/** One `x-sdk-methods` entry of an operation: its request model and its success model. */
export interface SpecMethod {
  name: string;
  request: string | undefined;
  response: string | undefined;
  /** checks a success body against the entry's own model (stricter than the operation's union) */
  validateResponse: ValidateFunction | undefined;
  /** @internal the spec model's entry */
  entry: SdkMethodEntry;
}

export interface SpecRequestBody {
  required: boolean;
  mediaTypes: Map<string, BodyValidator>;
}

export interface BodyValidator {
  /** Set when the body schema is discriminated (oneOf/mapping): the property that picks the branch. */
  discriminator?: { propertyName: string; branches: BodyBranch[] };
  validate: ValidateFunction;
  /** the fields the body declares (every variant's); undefined: any field */
  fields: ReadonlySet<string> | undefined;
}

export interface SecurityScheme {
  name: string;
  /** "http", "apiKey", "oauth2", "openIdConnect", "mutualTLS" */
  type: string;
  /** http: "basic", "bearer" (lower case) */
  scheme?: string;
  /** apiKey: where the key is sent, and its header, query or cookie name */
  in?: "header" | "query" | "cookie";
  parameter?: string;
}

export interface SpecResponse {
  /** media type → validator of its schema (undefined when the spec gives no schema) */
  mediaTypes: Map<string, ValidateFunction | undefined>;
}

export interface SpecOperation {
  provider: ProviderId;
  operationId: string;
  method: string;
  path: string;
  /** the path without the query string a spec may write into it */
  route: string;
  /** the keys of that query string (`/oauth/token?refresh` → ["refresh"]) */
  routeQuery: string[];
  /** JSON pointer of the operation in the spec, for messages */
  pointer: string;
  parameters: Map<ParameterLocation, ParameterGroup>;
  requestBody: SpecRequestBody | undefined;
  /** alternatives; each alternative lists schemes that must all be satisfied; [[]] = none needed */
  security: SecurityScheme[][];
  /** the OAuth role of each query parameter and body field that has one, by field name */
  roles: ReadonlyMap<string, FieldRole>;
  /** keys: "200", "4XX", "DEFAULT", ... */
  responses: Map<string, SpecResponse>;
  /** `x-sdk-methods` entries, when one operation stands for several methods */
  methods: SpecMethod[];
  /** @internal the spec model's operation */
  model: OperationModel;
  /** @internal the spec it is read from (its schemas are built from there) */
  document: SpecDocument;
}
