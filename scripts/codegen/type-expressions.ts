// TypeScript type expressions the emitters write: parameter objects, results and error bodies, in terms of the
// `paths` / `components` / `operations` types that openapi-typescript generates.
import {
  type Discriminator,
  declaredTypes,
  type OperationModel,
  type OverloadModel,
  parametersIn,
  pascalCase,
  type ResponseModel,
  type Schema,
  type SdkMethodModel,
  type SpecModel,
  schemaRefName,
  typeName,
} from "@x/spec-model";

const json = (value: unknown) => JSON.stringify(value);

/**
 * The operation's type: openapi-typescript keys `operations` by operationId with `#` written as `/`, and inlines an
 * operation without one in `paths`.
 */
function operationType(operation: OperationModel): string {
  return operation.derivedOperationId
    ? `paths[${json(operation.path)}][${json(operation.httpMethod.toLowerCase())}]`
    : `operations[${json(operation.operationId.replaceAll("#", "/"))}]`;
}

/** The import of the schema.gen.ts types `code` names, or "" when it names none. */
export function schemaTypesImport(code: string): string {
  const names = ["components", "operations", "paths"].filter((name) => code.includes(`${name}[`));
  return names.length > 0 ? `import type { ${names.join(", ")} } from "./schema.gen.js";` : "";
}

/** `components["schemas"]["Name"]`. */
export function componentType(schemaName: string): string {
  return `components["schemas"][${json(schemaName)}]`;
}

/** The type of a response's body: the component `schemaName`, or the operation's inline content. */
function bodyType(
  operation: OperationModel,
  response: ResponseModel,
  schemaName: string | undefined,
): string {
  return schemaName === undefined
    ? `${operationType(operation)}["responses"][${json(response.status)}]["content"][${json(response.body?.mediaType ?? "")}]`
    : componentType(schemaName);
}

/**
 * The parameter object: query, header and path parameters and the body (one named request, the members of the
 * operation's body that `inline` picks, or its whole body), with filled-in fields made optional.
 */
export function paramsType(
  operation: OperationModel,
  request: string | undefined,
  defaults: Record<string, string>,
  inline?: Discriminator,
): string {
  const parameters = `NonNullable<${operationType(operation)}["parameters"]>`;
  const parts = (["query", "header", "path"] as const)
    .filter((location) => parametersIn(operation, location).length > 0)
    .map((location) => `NonNullable<${parameters}[${json(location)}]>`)
    // A Basic Authorization header parameter is made from the configured credentials.
    .map((part) =>
      operation.basicHeader && part.endsWith('["header"]>')
        ? `Omit<${part}, ${json(operation.basicHeader)}>`
        : part,
    );
  if (request !== undefined) parts.push(componentType(request));
  else if (operation.requestBody) {
    const body = `NonNullable<${operationType(operation)}["requestBody"]>["content"][${json(operation.requestBody.mediaType)}]`;
    parts.push(
      inline
        ? `Extract<${body}, { ${json(inline.property)}?: ${inline.values.map((value) => json(value)).join(" | ")} }>`
        : body,
    );
  }
  const defaultKeys = Object.keys(defaults);
  const joined = parts.length === 0 ? "Record<string, never>" : parts.join(" & ");
  if (defaultKeys.length > 0)
    return `WithDefaults<${joined}, ${defaultKeys.map((key) => json(key)).join(" | ")}>`;
  return parts.length > 1 ? `Simplify<${joined}>` : joined;
}

/** A short TypeScript-like type for docs. */
export function displayType(schema: Schema): string {
  const name = schemaRefName(schema);
  if (name !== undefined) return typeName(name);
  if (schema.enum) return schema.enum.map((value) => json(value)).join(" | ");
  if (schema.const !== undefined) return json(schema.const);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return alternatives.map((member) => displayType(member)).join(" | ");
  if (schema.allOf?.length === 1 && schema.allOf[0]) return displayType(schema.allOf[0]);
  const types = declaredTypes(schema).map((type) =>
    type === "integer"
      ? "number"
      : type === "array"
        ? `${schema.items ? displayType(schema.items) : "unknown"}[]`
        : type,
  );
  return types.length > 0 ? types.join(" | ") : "unknown";
}

/** The exported type of a method's (or one overload's) parameter object: `OauthTokenParams`. */
export function paramsTypeName(method: SdkMethodModel, overload?: OverloadModel): string {
  const variant = overload ? pascalCase(overload.variant.discriminator.value) : "";
  return `${pascalCase(method.name)}${variant}Params`;
}

/** What that type is: an overload's own parameters; an overloaded method's, the union of its overloads'. */
export function paramsTypeExpression(method: SdkMethodModel, overload?: OverloadModel): string {
  if (overload)
    return paramsType(method.operation, overload.request, overload.defaults, overload.variant.discriminator);
  if (method.overloads) return method.overloads.map((each) => paramsTypeName(method, each)).join(" | ");
  return paramsType(method.operation, method.request, method.defaults);
}

/** The success type of a method or one overload; an overloaded method's is the union of its overloads'. */
export function successTypeName(method: SdkMethodModel, overload?: OverloadModel): string {
  if (!overload && method.overloads)
    return [...new Set(method.overloads.map((each) => successTypeName(method, each)))].join(" | ");
  const schemaName = overload ? overload.resultSchema : method.resultSchema;
  return schemaName === undefined
    ? bodyType(method.operation, method.operation.success, undefined)
    : typeName(schemaName);
}

/** The components.schemas name of that success type; none for an inline one or an overloaded method's union. */
export function successSchemaName(method: SdkMethodModel, overload?: OverloadModel): string | undefined {
  return overload ? overload.resultSchema : method.overloads ? undefined : method.resultSchema;
}

/**
 * Every error body type of the spec's methods, once each: the package's error body union. A success body that reports
 * an error has the success response's own type, whose schema covers errors too (the results may be narrower).
 */
export function errorBodyTypes(model: SpecModel): string[] {
  const types = model.methods.flatMap(({ operation }) => [
    ...operation.errors.flatMap((error) =>
      error.body?.schema ? [bodyType(operation, error, error.body.schemaName)] : [],
    ),
    ...(operation.errorInBody
      ? [bodyType(operation, operation.success, operation.success.body?.schemaName)]
      : []),
  ]);
  return [...new Set(types)];
}

/** True when some method authenticates the client with HTTP Basic. */
export function usesBasic(model: SpecModel): boolean {
  return model.methods.some((method) =>
    method.operation.clientAuthentication.includes("client_secret_basic"),
  );
}
