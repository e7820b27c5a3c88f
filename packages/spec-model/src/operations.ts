// Operations and their wire format: method, path, parameters by location, body, security, responses.
import { type BodyVariant, bodyVariants, type FieldModel, filledInValue } from "./body.js";
import {
  FORM_MEDIA_TYPE,
  HTTP_METHODS,
  type MediaType,
  type Operation,
  type Parameter,
  type Schema,
} from "./document.js";
import { methodName } from "./naming.js";
import { pointer } from "./pointer.js";
import { isVendorSpec } from "./provider.js";
import type { SpecDocument } from "./read.js";
import {
  type ErrorFields,
  type ErrorInBody,
  isSuccessStatus,
  type ResponseModel,
  RFC6749_ERROR_FIELDS,
  readErrorInBody,
  readResponses,
  successStatuses,
} from "./responses.js";
import { readSuccessSchema } from "./success-schema.js";
import type { TokenAnswerModel } from "./token-answer.js";

export type ParameterLocation = "query" | "header" | "path";

export interface RequestBodyModel {
  mediaType: string;
  required: boolean;
  /** The body schema as written. */
  schema: Schema;
  place: string;
  /** The oneOf/anyOf members (each with its discriminator value), or the body itself. */
  variants: BodyVariant[];
  /** The property that picks a variant, when the body is discriminated. */
  discriminatorProperty?: string;
  /** The media type's first example object. */
  example?: Record<string, unknown>;
}

export interface SecuritySchemeModel {
  name: string;
  type: string;
  /** Lower case ("basic"), for http schemes. */
  scheme?: string;
  /** The scopes the requirement names. */
  scopes: string[];
}

/** A way of client authentication, by RFC 7591's `token_endpoint_auth_method` name where it has one. */
export type ClientAuthMethod = "client_secret_basic" | "api_key" | "bearer" | "none";

export interface OperationModel {
  /** As written; when the spec gives none, the method name its HTTP method and path make ("postToken"). */
  operationId: string;
  /** Set when the spec gives no operationId. */
  derivedOperationId?: true;
  /** Upper case: "GET", "POST". */
  httpMethod: string;
  path: string;
  /** JSON pointer of the operation. */
  place: string;
  tags: string[];
  summary?: string;
  description?: string;
  /**
   * Query, header and path parameters (operation-level ones override path-level ones), without an Authorization
   * header the spec says carries HTTP Basic (`basicHeader`).
   */
  parameters: FieldModel[];
  /** The name of a header parameter that is HTTP Basic client authentication, written as a parameter. */
  basicHeader?: string;
  requestBody?: RequestBodyModel;
  /** Alternatives, each a list of schemes that must all be satisfied; [] = none needed. */
  security: SecuritySchemeModel[][];
  /**
   * The ways a client may authenticate, one per kind of scheme the security alternatives name, in spec order
   * ([] when it needs none): HTTP Basic ("client_secret_basic"), an API key, a bearer token (OAuth 2, OpenID
   * Connect, HTTP Bearer), or "none" (an empty alternative: a public client).
   */
  clientAuthentication: ClientAuthMethod[];
  /** Every declared response, in spec order. */
  responses: ResponseModel[];
  /** HTTP statuses of the 2xx responses ("2XX" stands for 200 to 299). */
  successStatuses: number[];
  /** The first 2xx response with a body. */
  success: ResponseModel;
  /** The non-2xx responses (4xx, 5xx, nXX, default); a vendor spec may declare none. */
  errors: ResponseModel[];
  /**
   * Per error status ("400", "4XX", "default"), where its body's code and message sit; an operation that declares no
   * error reads any as RFC 6749 (`default`).
   */
  errorFields: Record<string, ErrorFields>;
  /** Every response media type, in spec order. */
  accept: string[];
  errorInBody?: ErrorInBody;
  /** The `x-sdk-token` of its first success response that has one: its success is a token answer. */
  token?: TokenAnswerModel;
  /**
   * components.schemas name of a success body once `errorInBody` has called it a success (`x-sdk-success-schema`):
   * the methods' result, where `success` also describes the errors reported in it.
   */
  successSchema?: string;
}

/** Every operation of the spec, in path and method order. */
export function readOperations(spec: SpecDocument): OperationModel[] {
  const operations: OperationModel[] = [];
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(spec.document.paths ?? {})) {
    for (const httpMethod of HTTP_METHODS) {
      const operation = item[httpMethod] as Operation | undefined;
      if (!operation) continue;
      const shared = Array.isArray(item.parameters) ? item.parameters : [];
      const model = readOperation(spec, path, httpMethod, operation, shared);
      const previous = seen.get(model.operationId);
      if (previous !== undefined) {
        spec.fail(
          `${model.place}/operationId`,
          `operationId "${model.operationId}" is also used at ${previous}`,
        );
      }
      seen.set(model.operationId, model.place);
      operations.push(model);
    }
  }
  if (operations.length === 0) spec.fail(pointer("paths"), "declares no operation");
  return operations;
}

function readOperation(
  spec: SpecDocument,
  path: string,
  httpMethod: string,
  operation: Operation,
  pathLevelParameters: Parameter[],
): OperationModel {
  const place = pointer("paths", path, httpMethod);
  const written = typeof operation.operationId === "string" && operation.operationId !== "";
  const operationId = written ? (operation.operationId as string) : methodName(undefined, httpMethod, path);
  const responses = readResponses(spec, operation, place);
  const success = responses.find((response) => isSuccessStatus(response.status) && response.body);
  if (!success) spec.fail(`${place}/responses`, "needs a 2xx response with a body schema");
  const errors = responses.filter((response) => !isSuccessStatus(response.status));
  if (errors.length === 0 && !isVendorSpec(spec))
    spec.fail(`${place}/responses`, "must declare its errors (default or 4xx/5xx)");
  const accept = [
    ...new Set(responses.flatMap((response) => response.content.map((entry) => entry.mediaType))),
  ];
  const declared = readParameters(spec, [...pathLevelParameters, ...(operation.parameters ?? [])], place);
  const basicHeader = declared.find((parameter) => isBasicHeader(spec, parameter));
  const parameters = declared.filter((parameter) => parameter !== basicHeader);
  const security = withBasicHeader(readSecurity(spec, operation, place), basicHeader);
  const requestBody = readRequestBody(spec, operation, place);
  const errorInBody = readErrorInBody(spec, operation, success);
  const token = responses.find((response) => response.token)?.token;
  const successSchema = readSuccessSchema(spec, operation, success, errorInBody);
  return {
    operationId,
    ...(written ? {} : { derivedOperationId: true as const }),
    httpMethod: httpMethod.toUpperCase(),
    path,
    place,
    tags: operation.tags ?? [],
    ...(operation.summary ? { summary: operation.summary } : {}),
    ...(operation.description ? { description: operation.description } : {}),
    parameters,
    ...(basicHeader ? { basicHeader: basicHeader.name } : {}),
    ...(requestBody ? { requestBody } : {}),
    security,
    clientAuthentication: clientAuthentication(spec, security, place),
    responses,
    successStatuses: successStatuses(responses),
    success,
    errors,
    errorFields:
      errors.length === 0
        ? { default: RFC6749_ERROR_FIELDS }
        : Object.fromEntries(errors.map((error) => [error.status, error.errorFields ?? {}])),
    accept,
    ...(errorInBody ? { errorInBody } : {}),
    ...(token ? { token } : {}),
    ...(successSchema ? { successSchema } : {}),
  };
}

function readParameters(spec: SpecDocument, raw: Parameter[], place: string): FieldModel[] {
  const parameters = new Map<string, FieldModel>();
  for (const [index, value] of raw.entries()) {
    const parameterPlace = `${place}/parameters/${index}`;
    const parameter = spec.resolve(value, parameterPlace);
    if (parameter.in === "cookie") spec.fail(parameterPlace, "cookie parameters are not supported");
    if (!["query", "header", "path"].includes(parameter.in))
      spec.fail(`${parameterPlace}/in`, `unsupported parameter location ${String(parameter.in)}`);
    const schema = parameter.schema ?? {};
    const resolved = spec.resolve(schema, `${parameterPlace}/schema`);
    const fallback = filledInValue(resolved);
    const example = parameter.example ?? resolved.example;
    parameters.set(`${parameter.in}:${parameter.name}`, {
      name: parameter.name,
      in: parameter.in as ParameterLocation,
      required: parameter.required === true,
      schema,
      ...(fallback !== undefined ? { default: fallback } : {}),
      ...(parameter.description ? { description: parameter.description } : {}),
      ...(example !== undefined ? { example } : {}),
    });
  }
  // Query, then header, then path: the order the SDK's parameter object lists them in.
  const order = ["query", "header", "path"];
  return [...parameters.values()].sort((a, b) => order.indexOf(a.in) - order.indexOf(b.in));
}

function readRequestBody(
  spec: SpecDocument,
  operation: Operation,
  place: string,
): RequestBodyModel | undefined {
  if (!operation.requestBody) return undefined;
  const body = spec.resolve(operation.requestBody, `${place}/requestBody`);
  const mediaTypes = Object.keys(body.content ?? {});
  // A form body when one is offered, else a JSON one.
  const mediaType =
    mediaTypes.find((type) => type === FORM_MEDIA_TYPE) ?? mediaTypes.find((type) => isJsonMediaType(type));
  if (mediaType === undefined) {
    spec.fail(
      `${place}/requestBody/content`,
      `only ${FORM_MEDIA_TYPE} and JSON request bodies are supported, got ${mediaTypes.join(", ")}`,
    );
  }
  const mediaPlace = `${place}/requestBody/content/${pointer(mediaType).slice(2)}`;
  const media = body.content?.[mediaType];
  const schema = media?.schema;
  if (!schema) spec.fail(mediaPlace, "needs a schema");
  const resolved = spec.resolve(schema, `${mediaPlace}/schema`);
  const example = firstExample(media);
  const property = resolved.discriminator?.propertyName;
  return {
    mediaType,
    required: body.required === true,
    schema,
    place: `${mediaPlace}/schema`,
    variants: bodyVariants(spec, schema, `${mediaPlace}/schema`),
    ...(property ? { discriminatorProperty: property } : {}),
    ...(example ? { example } : {}),
  };
}

function readSecurity(spec: SpecDocument, operation: Operation, place: string): SecuritySchemeModel[][] {
  const requirements = operation.security ?? spec.document.security ?? [];
  const schemes = spec.document.components?.securitySchemes ?? {};
  return requirements.map((requirement) =>
    Object.keys(requirement).map((name) => {
      const scheme = schemes[name];
      if (!scheme) spec.fail(`${place}/security`, `security scheme "${name}" is not declared`);
      return {
        name,
        type: scheme.type,
        scopes: requirement[name] ?? [],
        ...(typeof scheme.scheme === "string" ? { scheme: scheme.scheme.toLowerCase() } : {}),
      };
    }),
  );
}

/** An `Authorization` header parameter whose description, example or schema speaks of HTTP Basic. */
function isBasicHeader(spec: SpecDocument, parameter: FieldModel): boolean {
  if (parameter.in !== "header" || parameter.name.toLowerCase() !== "authorization") return false;
  const said = [parameter.description, parameter.example, spec.resolve(parameter.schema, "")];
  return /\bbasic\b/i.test(JSON.stringify(said));
}

/** A Basic header parameter is a security alternative like a scheme: the only one, unless it is optional. */
function withBasicHeader(
  security: SecuritySchemeModel[][],
  header: FieldModel | undefined,
): SecuritySchemeModel[][] {
  if (!header) return security;
  const basic: SecuritySchemeModel = { name: header.name, type: "http", scheme: "basic", scopes: [] };
  const others = security.filter((alternative) => alternative.length > 0);
  return [[basic], ...others, ...(header.required ? [] : [[]])];
}

function clientAuthentication(
  spec: SpecDocument,
  security: SecuritySchemeModel[][],
  place: string,
): ClientAuthMethod[] {
  const methods = security.flatMap((alternative): ClientAuthMethod[] =>
    alternative.length === 0 ? ["none"] : alternative.map((scheme) => authMethod(spec, scheme, place)),
  );
  return [...new Set(methods)];
}

function authMethod(spec: SpecDocument, scheme: SecuritySchemeModel, place: string): ClientAuthMethod {
  if (scheme.type === "apiKey") return "api_key";
  if (scheme.type === "oauth2" || scheme.type === "openIdConnect") return "bearer";
  if (scheme.type === "http" && scheme.scheme === "basic") return "client_secret_basic";
  if (scheme.type === "http" && scheme.scheme === "bearer") return "bearer";
  return spec.fail(
    `${place}/security`,
    `security scheme "${scheme.name}" (${[scheme.type, scheme.scheme].filter(Boolean).join(" ")}) is not a client authentication the SDK can perform`,
  );
}

function firstExample(media: MediaType | undefined): Record<string, unknown> | undefined {
  if (!media) return undefined;
  const fromExamples = Object.values(media.examples ?? {})[0]?.value;
  return exampleObject(media.example ?? fromExamples ?? media.schema?.example);
}

/** application/json, or a media type with a `+json` suffix. */
export function isJsonMediaType(mediaType: string): boolean {
  const base = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  return base === "application/json" || base.endsWith("+json");
}

export function exampleObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Parameters of one location. */
export function parametersIn(operation: OperationModel, location: ParameterLocation): FieldModel[] {
  return operation.parameters.filter((parameter) => parameter.in === location);
}
