// Validators for each operation of a spec model: parameters by location, the request body and its discriminated
// branches, every response's media types, and each x-sdk-methods entry's own success model.
import { type OperationModel, type SdkMethodEntry, type SpecModel, schemaRef } from "@x/spec-model";
import type { Ajv, ValidateFunction } from "ajv";
import { BASE_SUFFIX, type ConvertContext, createAjv, type JsonObject, toJsonSchema } from "./schema.js";
import type {
  BodyBranch,
  BodyValidator,
  ParameterGroup,
  ParameterLocation,
  SecurityScheme,
  SpecMethod,
  SpecOperation,
  SpecResponse,
} from "./spec.js";

interface Compiler {
  model: SpecModel;
  /** Success bodies must match exactly; requests are coerced (form and query values arrive as text). */
  strict: Ajv;
  coercing: Ajv;
  convert: ConvertContext;
}

export function compileOperations(model: SpecModel): SpecOperation[] {
  const compiler = createCompiler(model);
  return model.operations.map((operation) => ({
    provider: model.provider.id,
    operationId: operation.operationId,
    method: operation.httpMethod,
    path: operation.path,
    pointer: operation.place,
    parameters: parameterGroups(compiler, operation),
    requestBody: requestBody(compiler, operation),
    // No requirement means one alternative that needs nothing.
    security: operation.security.length === 0 ? [[]] : operation.security.map(schemes),
    responses: responses(compiler, operation),
    methods: model.methods
      .filter((method) => method.operation === operation)
      .flatMap((method) => method.entries)
      .map((entry) => sdkMethod(compiler, entry)),
    model: operation,
  }));
}

/** Every components.schemas entry, converted once under one `$id`, for both Ajv instances. */
function createCompiler(model: SpecModel): Compiler {
  const specId = `urn:oauth-sandbox:${model.provider.id}`;
  const discriminated = new Set(
    Object.entries(model.schemas)
      .filter(([, schema]) => schema.discriminator !== undefined)
      .map(([name]) => name),
  );
  const convert: ConvertContext = { specId, discriminated };
  const definitions: JsonObject = {};
  for (const [name, schema] of Object.entries(model.schemas)) {
    const place = schemaRef(name);
    definitions[name] = located(model, place, () => toJsonSchema(schema, convert, place));
    if (discriminated.has(name)) {
      const { discriminator: _dispatch, ...base } = schema;
      definitions[`${name}${BASE_SUFFIX}`] = located(model, place, () => toJsonSchema(base, convert, place));
    }
  }
  const strict = createAjv(false);
  const coercing = createAjv(true);
  for (const ajv of [strict, coercing]) ajv.addSchema({ $id: specId, definitions });
  return { model, strict, coercing, convert };
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
  return located(compiler.model, place, () =>
    ajv.compile(toJsonSchema(schema, compiler.convert, place) as JsonObject),
  );
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
  };
  const property = body.discriminatorProperty;
  if (property !== undefined) {
    const branches: BodyBranch[] = body.variants.flatMap((variant) => {
      if (!variant.discriminator) return [];
      const validate = compile(compiler, compiler.coercing, variant.schema, variant.place);
      return variant.discriminator.values.map((value) => ({ value, schema: variant.schemaName, validate }));
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

function schemes(alternative: OperationModel["security"][number]): SecurityScheme[] {
  return alternative.map(({ name, type, scheme }) => (scheme ? { name, type, scheme } : { name, type }));
}

function sdkMethod(compiler: Compiler, entry: SdkMethodEntry): SpecMethod {
  const response = entry.response;
  const validateResponse =
    response === undefined
      ? undefined
      : compile(compiler, compiler.strict, { $ref: schemaRef(response) }, `${entry.place}/response`);
  return { name: entry.name, request: entry.request, response, validateResponse, entry };
}
