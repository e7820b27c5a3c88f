// Reads a spec into the SDK model that the emitters render: classes, methods, their wire format and their types.
import { camelCase, isIdentifier, pascalCase, typeName } from "./naming.js";
import {
  type ErrorInBody,
  HTTP_METHODS,
  type MediaType,
  type Operation,
  type Parameter,
  pointer,
  type Schema,
  type Spec,
  schemaRefName,
} from "./spec.js";

export type FieldLocation = "query" | "header" | "path" | "form";

/** One field of a method's parameter object, for docs. */
export interface FieldModel {
  name: string;
  in: FieldLocation;
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

/**
 * One overload of a method whose `x-sdk-methods` entries share its name: this entry's parameters (one
 * discriminated member of the body) and the success model they resolve to.
 */
export interface OverloadModel {
  /** components.schemas name of the entry's request (a member of the body's oneOf). */
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
  /** Spec place of the operation, for messages. */
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
  security: string[];
  successStatuses: number[];
  successTypeName: string;
  successSchemaName?: string;
  errors: ErrorModel[];
  errorInBody?: Required<ErrorInBody>;
  example: Record<string, unknown>;
  /**
   * Set when several `x-sdk-methods` entries share this method's name: one signature each, in spec order. The
   * method's own params type is then the union of theirs, and its success type the union of their results.
   */
  overloads?: OverloadModel[];
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

export interface SdkModel {
  providerId: string;
  specFile: string;
  title: string;
  version: string;
  packageName: string;
  folderName: string;
  errorClass: string;
  clientFactory: string;
  clientType: string;
  baseUrl: string;
  usesBasic: boolean;
  classes: ClassModel[];
  methods: MethodModel[];
  aliases: AliasModel[];
  errorBodyTypes: string[];
}

const FORM = "application/x-www-form-urlencoded";

export function buildModel(spec: Spec, providerId: string): SdkModel {
  const doc = spec.document;
  const sdk = doc.info["x-sdk"];
  const sdkPlace = pointer("info", "x-sdk");
  if (!sdk) spec.fail(sdkPlace, "missing info.x-sdk (package, errorClass, clientFactory)");
  const packageName = requiredString(spec, sdk.package, `${sdkPlace}/package`);
  const errorClass = requiredIdentifier(spec, sdk.errorClass, `${sdkPlace}/errorClass`);
  const clientFactory = requiredIdentifier(spec, sdk.clientFactory, `${sdkPlace}/clientFactory`);
  if (!/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/.test(packageName)) {
    spec.fail(`${sdkPlace}/package`, `"${packageName}" is not an npm package name`);
  }
  if (!/^create[A-Z]\w*Client$/.test(clientFactory)) {
    spec.fail(
      `${sdkPlace}/clientFactory`,
      'must look like "create<Name>Client" (the client type is "<Name>Client")',
    );
  }
  const baseUrl = doc.servers?.[0]?.url;
  if (!baseUrl) spec.fail(pointer("servers"), "needs a server URL (the default base URL)");

  const methods: MethodModel[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const httpMethod of HTTP_METHODS) {
      const operation = item[httpMethod] as Operation | undefined;
      if (!operation) continue;
      const pathParameters = Array.isArray(item.parameters) ? item.parameters : [];
      methods.push(...operationMethods(spec, path, httpMethod, operation, pathParameters));
    }
  }
  if (methods.length === 0) spec.fail(pointer("paths"), "declares no operation");

  const classes: ClassModel[] = [];
  for (const method of methods) {
    let model = classes.find((candidate) => candidate.name === method.className);
    if (!model) {
      const tag = doc.tags?.find((candidate) => `${pascalCase(candidate.name)}Api` === method.className);
      model = {
        name: method.className,
        tag: tag?.name ?? method.className,
        ...(tag?.description ? { description: tag.description } : {}),
        methods: [],
      };
      classes.push(model);
    }
    if (model.methods.some((existing) => existing.name === method.name)) {
      spec.fail(method.place, `method ${method.className}.${method.name} is declared twice`);
    }
    model.methods.push(method);
  }

  const aliases = Object.entries(doc.components?.schemas ?? {}).map(([schemaName, schema]) => ({
    name: typeName(schemaName),
    schemaName,
    ...(schema.description ? { description: schema.description } : {}),
  }));

  const errorBodyTypes: string[] = [];
  for (const method of methods) {
    const types = method.errors.map((error) => error.typeExpression);
    if (method.errorInBody) types.push(schemaOrResponseType(method));
    for (const type of types)
      if (type !== undefined && !errorBodyTypes.includes(type)) errorBodyTypes.push(type);
  }

  const model: SdkModel = {
    providerId,
    specFile: spec.file,
    title: doc.info.title,
    version: doc.info.version,
    packageName,
    folderName: packageName.replace(/^@[^/]+\//, ""),
    errorClass,
    clientFactory,
    clientType: clientFactory.slice("create".length),
    baseUrl: baseUrl.replace(/\/+$/, ""),
    usesBasic: methods.some((method) => method.security.includes("basic")),
    classes,
    methods,
    aliases,
    errorBodyTypes,
  };
  checkNames(spec, model);
  return model;
}

function requiredString(spec: Spec, value: unknown, place: string): string {
  if (typeof value !== "string" || value === "") spec.fail(place, "must be a non-empty string");
  return value;
}

function requiredIdentifier(spec: Spec, value: unknown, place: string): string {
  const text = requiredString(spec, value, place);
  if (!isIdentifier(text)) spec.fail(place, `"${text}" is not a TypeScript identifier`);
  return text;
}

function schemaOrResponseType(method: MethodModel): string {
  const results: { successTypeName: string; successSchemaName?: string }[] = method.overloads ?? [method];
  const types = results.map((result) =>
    result.successSchemaName === undefined
      ? result.successTypeName
      : `components["schemas"][${JSON.stringify(result.successSchemaName)}]`,
  );
  return [...new Set(types)].join(" | ");
}

function operationMethods(
  spec: Spec,
  path: string,
  httpMethod: string,
  operation: Operation,
  pathLevelParameters: Parameter[],
): MethodModel[] {
  const place = pointer("paths", path, httpMethod);
  const operationId = operation.operationId;
  if (!operationId) spec.fail(place, "needs an operationId (it names the generated method)");

  // Parameters: operation-level ones override path-level ones of the same name and place.
  const parameters = new Map<string, Parameter>();
  for (const [index, raw] of [...pathLevelParameters, ...(operation.parameters ?? [])].entries()) {
    const parameter = spec.resolve(raw, `${place}/parameters/${index}`);
    if (parameter.in === "cookie")
      spec.fail(`${place}/parameters/${index}`, "cookie parameters are not supported");
    parameters.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  const fieldsIn = (location: "query" | "header" | "path") =>
    [...parameters.values()]
      .filter((parameter) => parameter.in === location)
      .map((parameter) => parameterField(spec, parameter));
  const query = fieldsIn("query");
  const header = fieldsIn("header");
  const pathParams = fieldsIn("path");

  // Request body: only form bodies, the one media type token endpoints take.
  let requestMediaType: string | undefined;
  let bodySchema: Schema | undefined;
  let bodyMedia: MediaType | undefined;
  if (operation.requestBody) {
    const body = spec.resolve(operation.requestBody, `${place}/requestBody`);
    const mediaTypes = Object.keys(body.content ?? {});
    if (mediaTypes.length !== 1 || mediaTypes[0] !== FORM) {
      spec.fail(
        `${place}/requestBody/content`,
        `only ${FORM} request bodies are supported, got ${mediaTypes.join(", ")}`,
      );
    }
    requestMediaType = FORM;
    bodyMedia = body.content?.[FORM];
    bodySchema = bodyMedia?.schema;
    if (!bodySchema) spec.fail(`${place}/requestBody/content/${FORM}`, "needs a schema");
  }

  // Responses.
  const responses = Object.entries(operation.responses ?? {});
  if (responses.length === 0) spec.fail(`${place}/responses`, "declares no response");
  const accept: string[] = [];
  const successStatuses: number[] = [];
  let successResponse:
    | { status: string; media: MediaType; mediaType: string; inBody?: ErrorInBody }
    | undefined;
  const errors: ErrorModel[] = [];
  for (const [status, raw] of responses) {
    const responsePlace = `${place}/responses/${status}`;
    const response = spec.resolve(raw, responsePlace);
    const content = Object.entries(response.content ?? {});
    for (const [mediaType] of content) if (!accept.includes(mediaType)) accept.push(mediaType);
    const [mediaType, media] = content.find(([type]) => type === "application/json") ?? content[0] ?? [];
    if (/^2\d\d$/.test(status)) {
      successStatuses.push(Number(status));
      if (!successResponse && mediaType && media) {
        successResponse = {
          status,
          media,
          mediaType,
          ...(response["x-sdk-error-in-body"] ? { inBody: response["x-sdk-error-in-body"] } : {}),
        };
      }
      continue;
    }
    if (!/^([45]\d\d|[45]XX|default)$/.test(status))
      spec.fail(responsePlace, "unsupported response status key");
    const schemaName = schemaRefName(media?.schema);
    const schema = media?.schema
      ? spec.resolve(media.schema, `${responsePlace}/content/${mediaType}/schema`)
      : undefined;
    errors.push({
      status,
      ...(response.description ? { description: firstParagraph(response.description) } : {}),
      ...(media?.schema && mediaType
        ? {
            typeExpression:
              schemaName === undefined
                ? `operations[${JSON.stringify(operationId)}]["responses"][${JSON.stringify(status)}]["content"][${JSON.stringify(mediaType)}]`
                : `components["schemas"][${JSON.stringify(schemaName)}]`,
          }
        : {}),
      ...(schemaName ? { schemaName } : {}),
      ...(schema?.["x-sdk-error"]?.code ? { code: schema["x-sdk-error"].code } : {}),
      ...(schema?.["x-sdk-error"]?.message ? { message: schema["x-sdk-error"].message } : {}),
    });
  }
  if (!successResponse) spec.fail(`${place}/responses`, "needs a 2xx response with a body schema");
  if (errors.length === 0) spec.fail(`${place}/responses`, "must declare its errors (default or 4xx/5xx)");
  let errorInBody: Required<ErrorInBody> | undefined;
  if (successResponse.inBody) {
    const rule = successResponse.inBody;
    const rulePlace = `${place}/responses/${successResponse.status}/x-sdk-error-in-body`;
    if (typeof rule.code !== "string" || rule.code === "")
      spec.fail(`${rulePlace}/code`, "must be a dotted path");
    errorInBody = { code: rule.code, message: rule.message ?? "", success: rule.success ?? [] };
  }

  const security = securityKinds(spec, operation, place);
  const sdkMethods = operation["x-sdk-methods"];
  const defaultTag = operation.tags?.[0] ?? "default";
  const successSchemaName = schemaRefName(successResponse.media.schema);
  const operationQuery = `NonNullable<operations[${JSON.stringify(operationId)}]["parameters"]>`;
  const queryType = query.length > 0 ? `NonNullable<${operationQuery}["query"]>` : undefined;
  const headerType = header.length > 0 ? `NonNullable<${operationQuery}["header"]>` : undefined;
  const pathType = pathParams.length > 0 ? `NonNullable<${operationQuery}["path"]>` : undefined;

  const base = {
    operationId,
    httpMethod: httpMethod.toUpperCase(),
    path,
    query,
    header,
    pathParams,
    ...(requestMediaType ? { requestMediaType } : {}),
    accept,
    security,
    successStatuses,
    errors,
    ...(errorInBody ? { errorInBody } : {}),
  };

  const makeMethod = (options: {
    name: string;
    tag: string;
    place: string;
    summary?: string;
    originalPath?: string;
    bodyType?: string;
    variants: BodyVariant[];
    successTypeName: string;
    successSchemaName?: string;
    mediaExample?: Record<string, unknown>;
    /** Overrides the filled-in values (an overload takes those of its whole method). */
    defaults?: Record<string, string>;
  }): MethodModel => {
    const parameterDefaults = Object.fromEntries(
      [...query, ...header, ...pathParams]
        .filter((field) => field.default !== undefined)
        .map((field) => [field.name, field.default as string]),
    );
    const bodyDefaults = commonDefaults(options.variants);
    const defaults = options.defaults ?? sortedRecord({ ...parameterDefaults, ...bodyDefaults });
    const parts = [queryType, headerType, pathType, options.bodyType].filter(
      (part): part is string => part !== undefined,
    );
    const defaultKeys = Object.keys(defaults);
    const joined = parts.length === 0 ? "Record<string, never>" : parts.join(" & ");
    const paramsTypeExpression =
      defaultKeys.length > 0
        ? `WithDefaults<${joined}, ${defaultKeys.map((key) => JSON.stringify(key)).join(" | ")}>`
        : parts.length > 1
          ? `Simplify<${joined}>`
          : joined;
    const allFields = [...query, ...header, ...pathParams];
    const required = [
      ...allFields.filter((field) => field.required).map((field) => field.name),
      ...options.variants.flatMap((variant) =>
        variant.fields.filter((field) => field.required).map((field) => field.name),
      ),
    ].filter((name) => !(name in defaults));
    const example: Record<string, unknown> = {};
    for (const field of [...allFields, ...(options.variants[0]?.fields ?? [])]) {
      const value = options.mediaExample?.[field.name] ?? field.example;
      if (value !== undefined && !(field.name in defaults)) example[field.name] = value;
    }
    if (!isIdentifier(options.name))
      spec.fail(options.place, `method name "${options.name}" is not an identifier`);
    return {
      ...base,
      name: options.name,
      className: `${pascalCase(options.tag)}Api`,
      place: options.place,
      ...(options.summary ? { summary: options.summary } : {}),
      ...(operation.description ? { description: operation.description } : {}),
      ...(options.originalPath ? { originalPath: options.originalPath } : {}),
      bodyVariants: options.variants,
      paramsTypeName: `${pascalCase(options.name)}Params`,
      paramsTypeExpression,
      paramsOptional: required.length === 0,
      defaults,
      successTypeName: options.successTypeName,
      ...(options.successSchemaName ? { successSchemaName: options.successSchemaName } : {}),
      example,
    };
  };

  const operationSuccessType =
    successSchemaName === undefined
      ? `operations[${JSON.stringify(operationId)}]["responses"][${JSON.stringify(successResponse.status)}]["content"][${JSON.stringify(successResponse.mediaType)}]`
      : typeName(successSchemaName);
  const mediaExample = firstExample(bodyMedia);

  if (sdkMethods === undefined) {
    return [
      makeMethod({
        name: camelCase(operationId),
        tag: defaultTag,
        place,
        ...(operation.summary ? { summary: operation.summary } : {}),
        ...(bodySchema
          ? {
              bodyType: `NonNullable<operations[${JSON.stringify(operationId)}]["requestBody"]>["content"][${JSON.stringify(FORM)}]`,
            }
          : {}),
        variants: bodySchema
          ? bodyVariants(spec, bodySchema, `${place}/requestBody/content/${FORM}/schema`)
          : [],
        successTypeName: operationSuccessType,
        ...(successSchemaName ? { successSchemaName } : {}),
        ...(mediaExample ? { mediaExample } : {}),
      }),
    ];
  }

  if (!Array.isArray(sdkMethods) || sdkMethods.length === 0)
    spec.fail(`${place}/x-sdk-methods`, "must be a non-empty list");
  const members = bodySchema
    ? bodyVariants(spec, bodySchema, `${place}/requestBody/content/${FORM}/schema`)
    : [];
  const entryMethods = sdkMethods.map((entry, index) => {
    const entryPlace = `${place}/x-sdk-methods/${index}`;
    if (!entry || typeof entry.name !== "string") spec.fail(entryPlace, "needs a name");
    let variants: BodyVariant[] = [];
    let bodyType: string | undefined;
    if (entry.request !== undefined) {
      const variant = members.find((member) => member.schemaName === entry.request);
      if (!variant) {
        spec.fail(
          `${entryPlace}/request`,
          `"${entry.request}" is not one of the request body's oneOf members`,
        );
      }
      variants = [variant];
      bodyType = `components["schemas"][${JSON.stringify(entry.request)}]`;
    } else if (bodySchema) {
      variants = members;
      bodyType = `NonNullable<operations[${JSON.stringify(operationId)}]["requestBody"]>["content"][${JSON.stringify(FORM)}]`;
    }
    if (entry.response !== undefined && !spec.document.components?.schemas?.[entry.response]) {
      spec.fail(`${entryPlace}/response`, `"${entry.response}" is not in components.schemas`);
    }
    const variantExample =
      variants.length === 1 && variants[0]?.schemaName
        ? exampleObject(spec.document.components?.schemas?.[variants[0].schemaName]?.example)
        : undefined;
    const summary = entry.summary ?? operation.summary;
    const methodOptions = {
      name: entry.name,
      tag: entry.tag ?? defaultTag,
      place: entryPlace,
      ...(summary ? { summary } : {}),
      ...(entry.originalPath ? { originalPath: entry.originalPath } : {}),
      ...(bodyType ? { bodyType } : {}),
      variants,
      successTypeName: entry.response === undefined ? operationSuccessType : typeName(entry.response),
      ...(entry.response !== undefined
        ? { successSchemaName: entry.response }
        : successSchemaName
          ? { successSchemaName }
          : {}),
      ...(variantExample ? { mediaExample: variantExample } : mediaExample ? { mediaExample } : {}),
    };
    return { entry, entryPlace, methodOptions };
  });

  // Entries sharing a name are overloads of one method, in spec order.
  const byName = new Map<string, typeof entryMethods>();
  for (const entryMethod of entryMethods) {
    byName.set(entryMethod.entry.name, [...(byName.get(entryMethod.entry.name) ?? []), entryMethod]);
  }
  return [...byName.values()].map((group) => {
    const [first, ...others] = group;
    if (!first) throw new Error("an empty group of x-sdk-methods entries");
    if (others.length === 0) return makeMethod(first.methodOptions);
    const name = first.entry.name;
    const requests = new Set<string>();
    for (const { entry, entryPlace, methodOptions } of group) {
      if (methodOptions.tag !== first.methodOptions.tag) {
        spec.fail(
          `${entryPlace}/tag`,
          `entries named ${name} are overloads of one method and must share its tag (${first.methodOptions.tag})`,
        );
      }
      if (entry.originalPath !== first.entry.originalPath) {
        spec.fail(
          `${entryPlace}/originalPath`,
          `entries named ${name} are overloads of one method and must share its originalPath`,
        );
      }
      if (entry.request === undefined) {
        spec.fail(entryPlace, `entries named ${name} are overloads: each needs a request (its body member)`);
      }
      if (requests.has(entry.request)) {
        spec.fail(
          `${entryPlace}/request`,
          `"${entry.request}" is already the request of another ${name} entry`,
        );
      }
      requests.add(entry.request);
      if (!methodOptions.variants[0]?.discriminator) {
        spec.fail(
          `${entryPlace}/request`,
          `entries named ${name} are overloads: the request body needs a discriminator to tell them apart`,
        );
      }
    }
    const variants = group.map(({ methodOptions }) => methodOptions.variants[0] as BodyVariant);
    // The whole method: the union of the bodies; filled in only what every overload fills in (never the
    // discriminator, which picks the overload).
    const whole = makeMethod({ ...first.methodOptions, variants });
    const overloads = group.map(({ entry, methodOptions }): OverloadModel => {
      const single = makeMethod({ ...methodOptions, defaults: whole.defaults });
      const variant = methodOptions.variants[0] as OverloadModel["variant"];
      return {
        request: entry.request as string,
        variant,
        ...(entry.summary ? { summary: entry.summary } : {}),
        paramsTypeName: `${pascalCase(name)}${pascalCase(variant.discriminator.value)}Params`,
        paramsTypeExpression: single.paramsTypeExpression,
        paramsOptional: single.paramsOptional,
        successTypeName: single.successTypeName,
        ...(single.successSchemaName ? { successSchemaName: single.successSchemaName } : {}),
        example: single.example,
      };
    });
    const { successSchemaName: _one, summary: _first, ...rest } = whole;
    return {
      ...rest,
      place: first.entryPlace,
      ...(operation.summary ? { summary: operation.summary } : {}),
      paramsTypeExpression: overloads.map((overload) => overload.paramsTypeName).join(" | "),
      paramsOptional: overloads.every((overload) => overload.paramsOptional),
      successTypeName: [...new Set(overloads.map((overload) => overload.successTypeName))].join(" | "),
      example: overloads[0]?.example ?? {},
      overloads,
    };
  });
}

function securityKinds(spec: Spec, operation: Operation, place: string): string[] {
  const requirements = operation.security ?? spec.document.security ?? [];
  const kinds: string[] = [];
  for (const requirement of requirements) {
    for (const name of Object.keys(requirement)) {
      const scheme = spec.document.components?.securitySchemes?.[name];
      if (!scheme) spec.fail(`${place}/security`, `security scheme "${name}" is not declared`);
      if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic" && !kinds.includes("basic")) {
        kinds.push("basic");
      }
    }
  }
  return kinds;
}

function parameterField(spec: Spec, parameter: Parameter): FieldModel {
  const schema = parameter.schema ? spec.resolve(parameter.schema, `parameter ${parameter.name}`) : {};
  const fallback = defaultOf(schema);
  return {
    name: parameter.name,
    in: parameter.in as FieldLocation,
    type: displayType(spec, schema),
    required: parameter.required === true,
    ...(fallback !== undefined ? { default: fallback } : {}),
    ...(parameter.description ? { description: parameter.description } : {}),
    ...(parameter.example !== undefined
      ? { example: parameter.example }
      : schema.example !== undefined
        ? { example: schema.example }
        : {}),
  };
}

/** A value codegen fills in: the schema's default, or the only value of a one-value enum. */
function defaultOf(schema: Schema): string | undefined {
  if (typeof schema.default === "string" || typeof schema.default === "number") return String(schema.default);
  if (
    schema.enum?.length === 1 &&
    (typeof schema.enum[0] === "string" || typeof schema.enum[0] === "number")
  ) {
    return String(schema.enum[0]);
  }
  return undefined;
}

function bodyVariants(spec: Spec, raw: Schema, place: string): BodyVariant[] {
  const schema = spec.resolve(raw, place);
  const members = schema.oneOf ?? schema.anyOf;
  if (members) {
    const property = schema.discriminator?.propertyName;
    return members.map((member, index) => {
      const schemaName = schemaRefName(member);
      const resolved = objectSchema(spec, member, `${place}/oneOf/${index}`);
      const fields = formFields(spec, resolved, `${place}/oneOf/${index}`);
      const value = property ? discriminatorValue(schema, schemaName, resolved, property) : undefined;
      return {
        ...(schemaName ? { schemaName } : {}),
        ...(property && value !== undefined ? { discriminator: { property, value } } : {}),
        fields,
      };
    });
  }
  const schemaName = schemaRefName(raw);
  return [
    {
      ...(schemaName ? { schemaName } : {}),
      fields: formFields(spec, objectSchema(spec, raw, place), place),
    },
  ];
}

function discriminatorValue(
  parent: Schema,
  schemaName: string | undefined,
  member: Schema,
  property: string,
) {
  for (const [value, ref] of Object.entries(parent.discriminator?.mapping ?? {})) {
    if (schemaName !== undefined && (ref === `#/components/schemas/${schemaName}` || ref === schemaName))
      return value;
  }
  const own = member.properties?.[property];
  return own?.enum?.length === 1 ? String(own.enum[0]) : schemaName;
}

/** An object schema with its allOf parts merged. */
export function objectSchema(spec: Spec, raw: Schema, place: string): Schema {
  const schema = spec.resolve(raw, place);
  if (!schema.allOf) return schema;
  const merged: Schema = { type: "object", properties: {}, required: [] };
  for (const [index, part] of schema.allOf.entries()) {
    const resolved = objectSchema(spec, part, `${place}/allOf/${index}`);
    Object.assign(merged.properties ?? {}, resolved.properties);
    merged.required?.push(...(resolved.required ?? []));
  }
  Object.assign(merged.properties ?? {}, schema.properties);
  merged.required?.push(...(schema.required ?? []));
  return merged;
}

function formFields(spec: Spec, schema: Schema, place: string): FieldModel[] {
  if (schema.type !== undefined && schema.type !== "object")
    spec.fail(place, "a form body must be an object");
  return Object.entries(schema.properties ?? {}).map(([name, raw]) => {
    const property = spec.resolve(raw, `${place}/properties/${name}`);
    const fallback = defaultOf(property);
    return {
      name,
      in: "form" as const,
      type: displayType(spec, raw),
      required: schema.required?.includes(name) === true,
      ...(fallback !== undefined ? { default: fallback } : {}),
      ...(property.description ? { description: property.description } : {}),
      ...(property.example !== undefined ? { example: property.example } : {}),
    };
  });
}

/** Defaults that every variant shares (a discriminated body has none for its discriminator). */
function commonDefaults(variants: BodyVariant[]): Record<string, string> {
  const [first, ...rest] = variants;
  if (!first) return {};
  const defaults: Record<string, string> = {};
  for (const field of first.fields) {
    if (field.default === undefined) continue;
    const shared = rest.every((variant) =>
      variant.fields.some((other) => other.name === field.name && other.default === field.default),
    );
    if (shared) defaults[field.name] = field.default;
  }
  return defaults;
}

/** A short TypeScript-like type for docs. */
export function displayType(spec: Spec, raw: Schema): string {
  const name = schemaRefName(raw);
  if (name !== undefined) return typeName(name);
  const schema = raw;
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return alternatives.map((member) => displayType(spec, member)).join(" | ");
  if (schema.allOf?.length === 1 && schema.allOf[0]) return displayType(spec, schema.allOf[0]);
  const base =
    schema.type === "integer" || schema.type === "number"
      ? "number"
      : schema.type === "array"
        ? `${schema.items ? displayType(spec, schema.items) : "unknown"}[]`
        : (schema.type ?? "unknown");
  return schema.nullable ? `${base} | null` : base;
}

function firstExample(media: MediaType | undefined): Record<string, unknown> | undefined {
  if (!media) return undefined;
  const fromExamples = Object.values(media.examples ?? {})[0]?.value;
  return exampleObject(media.example ?? fromExamples ?? media.schema?.example);
}

function exampleObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function firstParagraph(text: string): string {
  return (text.trim().split(/\n\s*\n/)[0] ?? "").replace(/\s*\n\s*/g, " ");
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function checkNames(spec: Spec, model: SdkModel): void {
  const owners = new Map<string, string>();
  const claim = (name: string, owner: string) => {
    const previous = owners.get(name);
    if (previous !== undefined)
      spec.fail(pointer("components", "schemas"), `the name ${name} is used by ${previous} and by ${owner}`);
    owners.set(name, owner);
  };
  for (const name of [
    "paths",
    "components",
    "operations",
    "webhooks",
    "Configuration",
    "OAuthApiError",
    "RequestOptions",
  ]) {
    claim(name, "the package's fixed exports");
  }
  claim(model.errorClass, "info.x-sdk.errorClass");
  claim(`${model.errorClass}Body`, "the error body type");
  claim(model.clientFactory, "info.x-sdk.clientFactory");
  claim(model.clientType, "the client type");
  for (const cls of model.classes) claim(cls.name, `the API class of tag ${cls.tag}`);
  for (const method of model.methods) {
    claim(method.paramsTypeName, `the parameters of ${method.className}.${method.name}`);
    for (const overload of method.overloads ?? [])
      claim(
        overload.paramsTypeName,
        `the parameters of ${method.className}.${method.name} with ${overload.request}`,
      );
  }
  for (const alias of model.aliases) claim(alias.name, `components.schemas.${alias.schemaName}`);
}
