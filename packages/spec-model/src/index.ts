export type { AuthorizationFlowModel, AuthorizationParameter } from "./authorization.js";
export type { BodyVariant, Discriminator, FieldLocation, FieldModel } from "./body.js";
export type {
  MediaType,
  Operation,
  Parameter,
  RequestBody,
  Response,
  Schema,
  SecurityScheme,
  TokenFieldPaths,
} from "./document.js";
export { FORM_MEDIA_TYPE } from "./document.js";
export { SpecModelError } from "./errors.js";
export type { GrantCallModel, GrantType, LifecycleModel } from "./lifecycle.js";
export { listSpecs } from "./list.js";
export type { OverloadModel, SdkMethodEntry, SdkMethodModel } from "./methods.js";
export type { ClassModel, SpecModel } from "./model.js";
export { buildSpecModel, entryFor, loadSpecModel, methodOf } from "./model.js";
export { camelCase, className, isIdentifier, methodName, pascalCase, typeName } from "./naming.js";
export type {
  ClientAuthMethod,
  OperationModel,
  ParameterLocation,
} from "./operations.js";
export { parametersIn } from "./operations.js";
export { mappedSchemaName, pointer, pointerSegments, schemaRef, schemaRefName } from "./pointer.js";
export type { ProviderModel, TokenFacts } from "./provider.js";
export { isVendorSpec } from "./provider.js";
export { SpecDocument } from "./read.js";
export type { ContentModel, ErrorFields, ErrorInBody, ResponseModel } from "./responses.js";
export { responseFor } from "./responses.js";
export type { FieldRole, GrantKind } from "./roles.js";
export { FIELD_ROLES, fieldRoles, grantOfValue } from "./roles.js";
export { carriedFields } from "./schema/fields.js";
export type { FormatRule } from "./schema/formats.js";
export { FORMATS } from "./schema/formats.js";
export type { JsonObject, JsonSchemas, SchemaDirection } from "./schema/json-schema.js";
export { isJsonObject, jsonSchemas } from "./schema/json-schema.js";
export type { Fill, Known } from "./schema/sample.js";
export { asType, sampleValue, typeOf } from "./schema/sample.js";
export type { JsonType } from "./schema/value-types.js";
export {
  allOfMerged,
  allowsNull,
  declaredTypes,
  markVendorNullable,
  valueTypes,
} from "./schema/value-types.js";
export type { TokenAnswerModel } from "./token-answer.js";
