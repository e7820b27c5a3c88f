// Validators for each operation of a spec model: parameters by location, the request body and its discriminated
// branches, every response's media types, and each x-sdk-methods entry's own success model.
import {
  type BodyVariant,
  carriedFields,
  FORMATS,
  fieldRoles,
  type JsonSchemas,
  jsonSchemas,
  type OperationModel,
  type SdkMethodEntry,
  type SpecModel,
  schemaRef,
} from "@x/spec-model";
import { Ajv, type Options, type ValidateFunction } from "ajv";
import type {
  BodyBranch,
  BodyValidator,
  ParameterGroup,
  ParameterLocation,
  SecurityScheme,
  SpecMethod,
  SpecOperation,
  SpecResponse,
} from "./operation.js";

interface Compiler {
  model: SpecModel;
  /** Success bodies must match exactly; requests are coerced (form and query values arrive as text). */
  strict: Ajv;
  coercing: Ajv;
  /** the spec's schemas as JSON Schema, as a response and as a request sees them */
  responses: JsonSchemas;
  requests: JsonSchemas;
}

export function compileOperations(model: SpecModel): SpecOperation[] {
  const compiler = createCompiler(model);
  return model.operations.map((operation) => ({
    provider: model.provider.id,
    operationId: operation.operationId,
    method: operation.httpMethod,
    path: operation.path,
    ...route(operation.path),
    pointer: operation.place,
    parameters: parameterGroups(compiler, operation),
    requestBody: requestBody(compiler, operation),
    // No requirement means one alternative that needs nothing.
    security: operation.security.length === 0 ? [[]] : operation.security.map((a) => schemes(model, a)),
    roles: roles(model, operation),
    responses: responses(compiler, operation),
    methods: model.methods
      .filter((method) => method.operation === operation)
      .flatMap((method) => method.entries)
      .map((entry) => sdkMethod(compiler, entry)),
    model: operation,
    document: model.spec,
  }));
}

/** The spec's schemas converted once per direction by the spec model, each registered with its Ajv. */
function createCompiler(model: SpecModel): Compiler {
  const id = `urn:oauth-sandbox:${model.provider.id}`;
  const responses = jsonSchemas(model.spec, `${id}:response`, "response");
  const requests = jsonSchemas(model.spec, `${id}:request`, "request");
  const strict = createAjv(false);
  const coercing = createAjv(true);
  strict.addSchema(responses.document);
  coercing.addSchema(requests.document);
  return { model, strict, coercing, responses, requests };
}

/** Runs `build`; a failure becomes the spec model's located error at `place`. */
function located<T>(model: SpecModel, place: string, build: () => T): T {
  try {
    return build();
  } catch (cause) {
    return model.spec.fail(place, (cause as Error).message);
  }
}

function compile(compiler: Compiler, ajv: Ajv, schema: unknown, place: string): ValidateFunction {
  const schemas = ajv === compiler.strict ? compiler.responses : compiler.requests;
  return located(compiler.model, place, () => ajv.compile(schemas.convert(schema, place)));
}

/** A spec path may carry a query string: the request's path is what comes before it. */
function route(path: string): { route: string; routeQuery: string[] } {
  const mark = path.indexOf("?");
  if (mark === -1) return { route: path, routeQuery: [] };
  return { route: path.slice(0, mark), routeQuery: [...new URLSearchParams(path.slice(mark + 1)).keys()] };
}

function parameterGroups(
  compiler: Compiler,
  operation: OperationModel,
): Map<ParameterLocation, ParameterGroup> {
  const groups = new Map<ParameterLocation, ParameterGroup>();
  for (const location of ["query", "header", "path"] as const) {
    const fields = operation.parameters.filter((parameter) => parameter.in === location);
    if (fields.length === 0) continue;
    // Header names are case-insensitive: they are checked in lower case.
    const parameters = fields.map((field) => ({
      name: location === "header" ? field.name.toLowerCase() : field.name,
      in: location,
      required: field.required || location === "path",
    }));
    const schema = {
      type: "object",
      properties: Object.fromEntries(fields.map((field, i) => [parameters[i]?.name, field.schema])),
      required: parameters.filter((p) => p.required).map((p) => p.name),
    };
    const place = `${operation.place}/parameters`;
    groups.set(location, { parameters, validate: compile(compiler, compiler.coercing, schema, place) });
  }
  return groups;
}

function requestBody(compiler: Compiler, operation: OperationModel): SpecOperation["requestBody"] {
  const body = operation.requestBody;
  if (!body) return undefined;
  const validator: BodyValidator = {
    validate: compile(compiler, compiler.coercing, body.schema, body.place),
    fields: declaredFields(compiler.model, body.variants),
  };
  const property = body.discriminatorProperty;
  if (property !== undefined) {
    const branches: BodyBranch[] = body.variants.flatMap((variant) => {
      if (!variant.discriminator) return [];
      const validate = compile(compiler, compiler.coercing, variant.schema, variant.place);
      const fields = declaredFields(compiler.model, [variant]);
      return variant.discriminator.values.map((value) => ({
        value,
        schema: variant.schemaName,
        validate,
        fields,
      }));
    });
    if (branches.length > 0) validator.discriminator = { propertyName: property, branches };
  }
  return { required: body.required, mediaTypes: new Map([[body.mediaType, validator]]) };
}

function responses(compiler: Compiler, operation: OperationModel): Map<string, SpecResponse> {
  return new Map(
    operation.responses.map((response) => {
      const mediaTypes = new Map<string, ValidateFunction | undefined>();
      for (const content of response.content) {
        const validate =
          content.schema === undefined
            ? undefined
            : compile(compiler, compiler.strict, content.schema, `${content.place}/schema`);
        mediaTypes.set(content.mediaType.toLowerCase(), validate);
      }
      return [response.status.toUpperCase(), { mediaTypes }];
    }),
  );
}

function schemes(model: SpecModel, alternative: OperationModel["security"][number]): SecurityScheme[] {
  return alternative.map(({ name, type, scheme }) => {
    const out: SecurityScheme = { name, type, ...(scheme ? { scheme } : {}) };
    const declared = model.securitySchemes[name] as { in?: unknown; name?: unknown } | undefined;
    if (type === "apiKey" && typeof declared?.name === "string") {
      out.in = declared.in === "query" || declared.in === "cookie" ? declared.in : "header";
      out.parameter = declared.name;
    }
    return out;
  });
}

/** The OAuth role of each field the operation takes (query parameters and every body variant's fields). */
function roles(model: SpecModel, operation: OperationModel): SpecOperation["roles"] {
  const found = fieldRoles(model.spec, operation.parameters, `${operation.place}/parameters`);
  for (const variant of operation.requestBody?.variants ?? []) {
    for (const [name, role] of fieldRoles(model.spec, variant.fields, variant.place)) found.set(name, role);
  }
  return found;
}

/** The body fields a request may send: every variant's (undefined: a variant takes any field). */
function declaredFields(model: SpecModel, variants: readonly BodyVariant[]): ReadonlySet<string> | undefined {
  const names = new Set<string>();
  for (const variant of variants) {
    const carried = carriedFields(model.spec, variant, "request");
    if (carried === undefined) return undefined;
    for (const name of carried) names.add(name);
  }
  return names;
}

function sdkMethod(compiler: Compiler, entry: SdkMethodEntry): SpecMethod {
  const response = entry.response;
  const validateResponse =
    response === undefined
      ? undefined
      : compile(compiler, compiler.strict, { $ref: schemaRef(response) }, `${entry.place}/response`);
  return { name: entry.name, request: entry.request, response, validateResponse, entry };
}

/** One Ajv with the formats the spec model checks (any other format is dropped by the conversion). */
function createAjv(coerce: boolean): Ajv {
  const options: Options = {
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    strictTuples: false,
    coerceTypes: coerce,
  };
  const ajv = new Ajv(options);
  for (const [name, rule] of Object.entries(FORMATS)) {
    ajv.addFormat(name, { type: rule.type, validate: rule.check } as never);
  }
  return ajv;
}
