// Codegen's view of the spec model (@x/spec-model): what the emitters render, with the TypeScript type
// expressions of type-expressions.ts. Reads the model only; never the raw document.
import {
  type ClientAuthMethod,
  type ErrorInBody,
  type FieldLocation,
  FORM_MEDIA_TYPE,
  type ProviderModel,
  parametersIn,
  pascalCase,
  type SdkMethodModel,
  type BodyVariant as SpecBodyVariant,
  type FieldModel as SpecFieldModel,
  type SpecModel,
  type OverloadModel as SpecOverloadModel,
  typeName,
} from "@x/spec-model";
import { claimExportedNames } from "./names.js";
import {
  displayType,
  inBodyErrorType,
  paramsType,
  responseBodyType,
  resultType,
} from "./type-expressions.js";

export type { ErrorInBody, FieldLocation };

/** One field of a method's parameter object, for docs. */
export interface FieldModel {
  name: string;
  in: FieldLocation;
  /** A short TypeScript-like type, for docs. */
  type: string;
  required: boolean;
  default?: string;
  description?: string;
  example?: unknown;
}

/** One variant of a discriminated form body (or the only one). */
export interface BodyVariant {
  schemaName?: string;
  discriminator?: { property: string; value: string };
  fields: FieldModel[];
}

export interface ErrorModel {
  status: string;
  description?: string;
  /** Type of the body, as TypeScript; undefined when the response has no body. */
  typeExpression?: string;
  schemaName?: string;
  code?: string;
  message?: string;
}

/** One overload of a method whose `x-sdk-methods` entries share its name. */
export interface OverloadModel {
  request: string;
  variant: BodyVariant & { discriminator: { property: string; value: string } };
  summary?: string;
  paramsTypeName: string;
  paramsTypeExpression: string;
  paramsOptional: boolean;
  successTypeName: string;
  successSchemaName?: string;
  example: Record<string, unknown>;
}

export interface MethodModel {
  name: string;
  className: string;
  operationId: string;
  httpMethod: string;
  path: string;
  originalPath?: string;
  summary?: string;
  description?: string;
  /** Spec place of the method, for messages. */
  place: string;
  query: FieldModel[];
  header: FieldModel[];
  pathParams: FieldModel[];
  requestMediaType?: string;
  bodyVariants: BodyVariant[];
  paramsTypeName: string;
  paramsTypeExpression: string;
  /** True when every field is optional or filled in, so the parameter object may be left out. */
  paramsOptional: boolean;
  defaults: Record<string, string>;
  accept: string[];
  /** The ways a client may authenticate (the spec model's clientAuthentication). */
  security: ClientAuthMethod[];
  /** HTTP statuses of the success responses. */
  successStatuses: number[];
  successTypeName: string;
  successSchemaName?: string;
  errors: ErrorModel[];
  errorInBody?: ErrorInBody;
  example: Record<string, unknown>;
  /** Set when several `x-sdk-methods` entries share this method's name: one signature each, in spec order. */
  overloads?: OverloadModel[];
  /** The method in the spec model. */
  source: SdkMethodModel;
}

export interface ClassModel {
  name: string;
  tag: string;
  description?: string;
  methods: MethodModel[];
}

export interface AliasModel {
  name: string;
  schemaName: string;
  description?: string;
}

/** The provider's facts (package, error class, client factory, base URL) and what the emitters render. */
export interface SdkModel extends Omit<ProviderModel, "id" | "tokens"> {
  providerId: string;
  specFile: string;
  usesBasic: boolean;
  classes: ClassModel[];
  methods: MethodModel[];
  aliases: AliasModel[];
  errorBodyTypes: string[];
  /** The spec model this view renders. */
  spec: SpecModel;
}

export function buildModel(spec: SpecModel): SdkModel {
  // The spec model reads JSON bodies too (the sandbox serves them); the generated client sends forms only.
  for (const operation of spec.operations) {
    const mediaType = operation.requestBody?.mediaType;
    if (mediaType !== undefined && mediaType !== FORM_MEDIA_TYPE)
      spec.spec.fail(
        `${operation.place}/requestBody/content`,
        `only ${FORM_MEDIA_TYPE} request bodies can be generated, got ${mediaType}`,
      );
  }
  const methods = spec.methods.map(methodView);
  const classes = spec.classes.map((cls) => ({
    name: cls.name,
    tag: cls.tag,
    ...(cls.description ? { description: cls.description } : {}),
    methods: cls.methods.map((source) => methods.find((method) => method.source === source) as MethodModel),
  }));
  const errorBodyTypes: string[] = [];
  for (const method of methods) {
    const types = method.errors.map((error) => error.typeExpression);
    if (method.errorInBody) types.push(inBodyErrorType(method.source));
    for (const type of types)
      if (type !== undefined && !errorBodyTypes.includes(type)) errorBodyTypes.push(type);
  }
  const { id, tokens: _tokens, ...facts } = spec.provider;
  const model: SdkModel = {
    providerId: id,
    specFile: spec.spec.file,
    ...facts,
    usesBasic: methods.some((method) => method.security.includes("client_secret_basic")),
    classes,
    methods,
    aliases: Object.entries(spec.schemas).map(([schemaName, schema]) => ({
      name: typeName(schemaName),
      schemaName,
      ...(schema.description ? { description: schema.description } : {}),
    })),
    errorBodyTypes,
    spec,
  };
  claimExportedNames(spec.spec, model);
  return model;
}

function methodView(source: SdkMethodModel): MethodModel {
  const { operation } = source;
  const fields = (location: "query" | "header" | "path") => parametersIn(operation, location).map(fieldView);
  const overloads = source.overloads?.map((overload) => overloadView(source, overload));
  const successTypeName = overloads
    ? [...new Set(overloads.map((overload) => overload.successTypeName))].join(" | ")
    : resultType(operation, source.resultSchema);
  return {
    name: source.name,
    className: source.className,
    operationId: operation.operationId,
    httpMethod: operation.httpMethod,
    path: operation.path,
    ...(source.originalPath ? { originalPath: source.originalPath } : {}),
    ...(source.summary ? { summary: source.summary } : {}),
    ...(source.description ? { description: source.description } : {}),
    place: source.place,
    query: fields("query"),
    header: fields("header"),
    pathParams: fields("path"),
    ...(operation.requestBody ? { requestMediaType: operation.requestBody.mediaType } : {}),
    bodyVariants: source.bodyVariants.map(variantView),
    paramsTypeName: `${pascalCase(source.name)}Params`,
    paramsTypeExpression: overloads
      ? overloads.map((overload) => overload.paramsTypeName).join(" | ")
      : paramsType(operation, source.request, source.defaults),
    paramsOptional: source.paramsOptional,
    defaults: source.defaults,
    accept: operation.accept,
    security: operation.clientAuthentication,
    successStatuses: operation.successStatuses,
    successTypeName,
    ...(!overloads && source.resultSchema ? { successSchemaName: source.resultSchema } : {}),
    errors: operation.errors.map((error) => ({
      status: error.status,
      ...(error.description ? { description: firstParagraph(error.description) } : {}),
      ...(error.body?.schema
        ? {
            typeExpression: responseBodyType(
              operation,
              error.status,
              error.body.mediaType,
              error.body.schemaName,
            ),
          }
        : {}),
      ...(error.body?.schemaName ? { schemaName: error.body.schemaName } : {}),
      ...(error.errorFields?.code ? { code: error.errorFields.code } : {}),
      ...(error.errorFields?.message ? { message: error.errorFields.message } : {}),
    })),
    ...(operation.errorInBody ? { errorInBody: operation.errorInBody } : {}),
    example: source.example,
    ...(overloads ? { overloads } : {}),
    source,
  };
}

function overloadView(method: SdkMethodModel, overload: SpecOverloadModel): OverloadModel {
  const { discriminator } = overload.variant;
  return {
    request: overload.request,
    variant: {
      ...variantView(overload.variant),
      discriminator: { property: discriminator.property, value: discriminator.value },
    },
    ...(overload.summary ? { summary: overload.summary } : {}),
    paramsTypeName: `${pascalCase(method.name)}${pascalCase(discriminator.value)}Params`,
    paramsTypeExpression: paramsType(method.operation, overload.request, method.defaults),
    paramsOptional: overload.paramsOptional,
    successTypeName: resultType(method.operation, overload.resultSchema),
    ...(overload.resultSchema ? { successSchemaName: overload.resultSchema } : {}),
    example: overload.example,
  };
}

function variantView(variant: SpecBodyVariant): BodyVariant {
  return {
    ...(variant.schemaName ? { schemaName: variant.schemaName } : {}),
    ...(variant.discriminator
      ? { discriminator: { property: variant.discriminator.property, value: variant.discriminator.value } }
      : {}),
    fields: variant.fields.map(fieldView),
  };
}

function fieldView(field: SpecFieldModel): FieldModel {
  return {
    name: field.name,
    in: field.in,
    type: displayType(field.schema),
    required: field.required,
    ...(field.default !== undefined ? { default: field.default } : {}),
    ...(field.description ? { description: field.description } : {}),
    ...(field.example !== undefined ? { example: field.example } : {}),
  };
}

export function firstParagraph(text: string): string {
  return (text.trim().split(/\n\s*\n/)[0] ?? "").replace(/\s*\n\s*/g, " ");
}
