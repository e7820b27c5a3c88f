// Loads one provider's OpenAPI document and answers: which operation is this request, is the request valid,
// and does a response conform. Everything the sandbox accepts or sends is decided here, from the spec.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import { parse as parseYaml } from "yaml";
import {
  BASE_SUFFIX,
  type ConvertContext,
  createAjv,
  isObject,
  type JsonObject,
  toJsonSchema,
} from "./schema.js";

export const PROVIDER_IDS = ["douyin", "avito", "pinterest", "criteo"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export type ParameterLocation = "query" | "header" | "path" | "cookie";

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
interface BodyBranch {
  value: string;
  /** components.schemas name of the branch, when it is a component */
  schema: string | undefined;
  validate: ValidateFunction;
}

/** One named method of an operation (`x-sdk-methods`): its request model and its success model. */
export interface SpecMethod {
  name: string;
  request: string | undefined;
  response: string | undefined;
  /** checks a success body against the method's own model (stricter than the operation's union) */
  validateResponse: ValidateFunction | undefined;
}

export interface SpecRequestBody {
  required: boolean;
  mediaTypes: Map<string, BodyValidator>;
}

export interface BodyValidator {
  /** Set when the body schema is discriminated (oneOf/mapping): the property that picks the branch. */
  discriminator?: { propertyName: string; branches: BodyBranch[] };
  validate: ValidateFunction;
}

export interface SecurityScheme {
  name: string;
  type: string;
  scheme?: string;
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
  /** JSON pointer of the operation in the spec, for messages */
  pointer: string;
  parameters: Map<ParameterLocation, ParameterGroup>;
  requestBody: SpecRequestBody | undefined;
  /** alternatives; each alternative lists schemes that must all be satisfied; [] or [[]] = none needed */
  security: SecurityScheme[][];
  /** keys: "200", "4XX", "default", ... */
  responses: Map<string, SpecResponse>;
  /** `x-sdk-methods`, when one operation stands for several methods */
  methods: SpecMethod[];
}

export class SpecError extends Error {
  override name = "SpecError";
}

/** A failed request check, in terms every provider can map to its own error shape. */
export type RequestProblem =
  | { kind: "not-found" }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "unsupported-media-type"; expected: string[] }
  | { kind: "malformed-body" }
  | { kind: "missing-parameter"; name: string }
  | { kind: "repeated-parameter"; name: string }
  | { kind: "invalid-parameter"; name: string; reason: string }
  | { kind: "unsupported-value"; name: string; allowed: string[] }
  | { kind: "missing-credentials"; scheme: string }
  | { kind: "malformed-credentials"; scheme: string };

export interface ProviderSpec {
  provider: ProviderId;
  file: string;
  title: string;
  operations: SpecOperation[];
  /** Operations at this exact path, any method. */
  operationsAt(path: string): SpecOperation[];
  find(method: string, path: string): SpecOperation | undefined;
  /**
   * Errors (empty = conforms) for a response body, checked against the declared status and media type, and for
   * a 2xx of a named method (`x-sdk-methods`) against that method's own success model too. The method is the
   * entry `methodFor` found, or a name that only one entry has (entries sharing a name are overloads: each has
   * its own success model, so the name alone does not say which).
   */
  checkResponse(
    op: SpecOperation,
    status: number,
    contentType: string,
    body: unknown,
    method?: SpecMethod | string,
  ): string[];
  /** The `x-sdk-methods` entry a request body belongs to (by the discriminator's branch). */
  methodFor(op: SpecOperation, params: Record<string, unknown>): SpecMethod | undefined;
  /** Declared response for a status: exact, then nXX, then default. */
  responseFor(op: SpecOperation, status: number): SpecResponse | undefined;
}

export function loadSpec(provider: ProviderId, specsDir: string): ProviderSpec {
  const file = join(specsDir, `${provider}.yaml`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new SpecError(`${file}: cannot read the ${provider} spec (${(cause as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (cause) {
    throw new SpecError(`${file}: not valid YAML: ${(cause as Error).message}`);
  }
  return compileSpec(provider, file, doc);
}

export function compileSpec(provider: ProviderId, file: string, doc: unknown): ProviderSpec {
  const fail = (where: string, message: string): never => {
    throw new SpecError(`${file}: ${where}: ${message}`);
  };
  if (!isObject(doc)) return fail("(root)", "expected an OpenAPI document object");
  if (typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.")) {
    fail("openapi", `expected an OpenAPI 3.x version, found ${JSON.stringify(doc.openapi)}`);
  }
  const specId = `urn:oauth-sandbox:${provider}`;
  const components = isObject(doc.components) ? doc.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const discriminated = new Set(
    Object.entries(schemas)
      .filter(([, schema]) => isObject(schema) && isObject(schema.discriminator))
      .map(([name]) => name),
  );
  const convert: ConvertContext = { specId, discriminated };
  const definitions: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const where = `#/components/schemas/${name}`;
    definitions[name] = wrap(where, () => toJsonSchema(schema, convert, where));
    if (discriminated.has(name) && isObject(schema)) {
      const { discriminator: _dispatch, ...base } = schema;
      definitions[`${name}${BASE_SUFFIX}`] = wrap(where, () => toJsonSchema(base, convert, where));
    }
  }
  const strict = createAjv(false);
  const coercing = createAjv(true);
  for (const ajv of [strict, coercing]) ajv.addSchema({ $id: specId, definitions });

  function wrap<T>(where: string, fn: () => T): T {
    try {
      return fn();
    } catch (cause) {
      if (cause instanceof SpecError) throw cause;
      return fail(where, (cause as Error).message);
    }
  }

  /** Follows local `$ref`s of OpenAPI objects (parameters, request bodies, responses). */
  function deref(value: unknown, where: string): JsonObject {
    let current = value;
    const seen = new Set<string>();
    while (isObject(current) && typeof current.$ref === "string") {
      const ref = current.$ref;
      if (seen.has(ref)) fail(where, `circular $ref ${ref}`);
      seen.add(ref);
      if (!ref.startsWith("#/")) fail(where, `only local $refs are supported, found ${ref}`);
      current = ref
        .slice(2)
        .split("/")
        .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), doc);
      if (current === undefined) fail(where, `unresolved $ref ${ref}`);
    }
    if (!isObject(current)) fail(where, "expected an object");
    return current as JsonObject;
  }

  function compile(ajv: Ajv, schema: unknown, where: string): ValidateFunction {
    return wrap(where, () => ajv.compile(toJsonSchema(schema, convert, where) as JsonObject));
  }

  /** Resolves a schema that may be a `$ref` to a component, to read its discriminator and branches. */
  function resolveSchema(schema: unknown, where: string): JsonObject {
    return deref(schema, where);
  }

  function bodyValidator(schema: unknown, where: string): BodyValidator {
    const validate = compile(coercing, schema, where);
    const top = resolveSchema(schema, where);
    const discriminator = isObject(top.discriminator) ? top.discriminator : undefined;
    if (!discriminator || typeof discriminator.propertyName !== "string") return { validate };
    const propertyName = discriminator.propertyName;
    const branches: BodyBranch[] = [];
    const mapping = isObject(discriminator.mapping) ? discriminator.mapping : undefined;
    if (mapping) {
      for (const [value, ref] of Object.entries(mapping)) {
        const validateBranch = compile(coercing, { $ref: ref }, `${where}/discriminator/mapping/${value}`);
        branches.push({ value, schema: componentName(ref), validate: validateBranch });
      }
    } else if (Array.isArray(top.oneOf)) {
      top.oneOf.forEach((member, i) => {
        const memberWhere = `${where}/oneOf/${i}`;
        const resolved = resolveSchema(member, memberWhere);
        const values = discriminatorValues(resolved, propertyName, member);
        if (values.length === 0) fail(memberWhere, `no value of discriminator ${propertyName} found`);
        const validateMember = compile(coercing, member, memberWhere);
        const schema = isObject(member) ? componentName(member.$ref) : undefined;
        for (const value of values) branches.push({ value, schema, validate: validateMember });
      });
    }
    if (branches.length === 0) return { validate };
    return { validate, discriminator: { propertyName, branches } };
  }

  function discriminatorValues(member: JsonObject, propertyName: string, original: unknown): string[] {
    const props = isObject(member.properties) ? member.properties : {};
    const prop = isObject(props[propertyName]) ? (props[propertyName] as JsonObject) : undefined;
    if (prop && Array.isArray(prop.enum)) return prop.enum.map(String);
    if (prop && prop.const !== undefined) return [String(prop.const)];
    // Implicit mapping: the component's name.
    if (isObject(original) && typeof original.$ref === "string")
      return [original.$ref.split("/").pop() ?? ""];
    return [];
  }

  const securitySchemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  function resolveSecurity(requirements: unknown, where: string): SecurityScheme[][] {
    if (!Array.isArray(requirements)) return [[]];
    if (requirements.length === 0) return [[]];
    return requirements.map((requirement, i) => {
      if (!isObject(requirement)) return fail(`${where}/${i}`, "expected a security requirement object");
      return Object.keys(requirement).map((name) => {
        const scheme = securitySchemes[name];
        if (!isObject(scheme)) return fail(`${where}/${i}`, `unknown security scheme ${name}`);
        const resolved: SecurityScheme = { name, type: String(scheme.type) };
        if (typeof scheme.scheme === "string") resolved.scheme = scheme.scheme.toLowerCase();
        return resolved;
      });
    });
  }

  const operations: SpecOperation[] = [];
  const paths = isObject(doc.paths) ? doc.paths : fail("paths", "missing");
  for (const [path, pathItemRaw] of Object.entries(paths)) {
    const pathWhere = `#/paths/${escapePointer(path)}`;
    const pathItem = deref(pathItemRaw, pathWhere);
    const sharedParameters = Array.isArray(pathItem.parameters) ? pathItem.parameters : [];
    for (const method of HTTP_METHODS) {
      const raw = pathItem[method];
      if (raw === undefined) continue;
      const where = `${pathWhere}/${method}`;
      const op = deref(raw, where);
      const operationId =
        typeof op.operationId === "string" ? op.operationId : fail(where, "missing operationId");

      const byKey = new Map<string, JsonObject>();
      for (const [i, p] of [
        ...sharedParameters,
        ...(Array.isArray(op.parameters) ? op.parameters : []),
      ].entries()) {
        const param = deref(p, `${where}/parameters/${i}`);
        byKey.set(`${String(param.in)}:${String(param.name)}`, param);
      }
      const grouped = new Map<ParameterLocation, { parameters: SpecParameter[]; properties: JsonObject }>();
      for (const param of byKey.values()) {
        const location = String(param.in) as ParameterLocation;
        const paramWhere = `${where}/parameters/${String(param.name)}`;
        if (!["query", "header", "path", "cookie"].includes(location)) {
          fail(paramWhere, `unsupported parameter location ${location}`);
        }
        // Header names are case-insensitive: they are checked in lower case.
        const name = location === "header" ? String(param.name).toLowerCase() : String(param.name);
        const group = grouped.get(location) ?? { parameters: [], properties: {} };
        group.parameters.push({
          name,
          in: location,
          required: param.required === true || location === "path",
        });
        group.properties[name] = param.schema ?? {};
        grouped.set(location, group);
      }
      const parameters = new Map<ParameterLocation, ParameterGroup>();
      for (const [location, group] of grouped) {
        const schema = {
          type: "object",
          properties: group.properties,
          required: group.parameters.filter((p) => p.required).map((p) => p.name),
        };
        parameters.set(location, {
          parameters: group.parameters,
          validate: compile(coercing, schema, `${where}/parameters(${location})`),
        });
      }

      let requestBody: SpecRequestBody | undefined;
      if (op.requestBody !== undefined) {
        const bodyWhere = `${where}/requestBody`;
        const body = deref(op.requestBody, bodyWhere);
        const content = isObject(body.content) ? body.content : fail(bodyWhere, "missing content");
        const mediaTypes = new Map<string, BodyValidator>();
        for (const [mediaType, media] of Object.entries(content)) {
          const mediaWhere = `${bodyWhere}/content/${escapePointer(mediaType)}/schema`;
          const schema = isObject(media) ? media.schema : undefined;
          mediaTypes.set(mediaType.toLowerCase(), bodyValidator(schema ?? {}, mediaWhere));
        }
        requestBody = { required: body.required === true, mediaTypes };
      }

      const responses = new Map<string, SpecResponse>();
      const rawResponses = isObject(op.responses) ? op.responses : fail(where, "missing responses");
      for (const [status, responseRaw] of Object.entries(rawResponses)) {
        const responseWhere = `${where}/responses/${status}`;
        const response = deref(responseRaw, responseWhere);
        const mediaTypes = new Map<string, ValidateFunction | undefined>();
        const content = isObject(response.content) ? response.content : {};
        for (const [mediaType, media] of Object.entries(content)) {
          const schema = isObject(media) ? media.schema : undefined;
          const schemaWhere = `${responseWhere}/content/${escapePointer(mediaType)}/schema`;
          mediaTypes.set(
            mediaType.toLowerCase(),
            schema === undefined ? undefined : compile(strict, schema, schemaWhere),
          );
        }
        responses.set(status.toUpperCase(), { mediaTypes });
      }

      const methods: SpecMethod[] = (Array.isArray(op["x-sdk-methods"]) ? op["x-sdk-methods"] : []).map(
        (entry: unknown, i: number) => {
          const methodWhere = `${where}/x-sdk-methods/${i}`;
          if (!isObject(entry) || typeof entry.name !== "string")
            return fail(methodWhere, "expected {name, ...}");
          const request = typeof entry.request === "string" ? entry.request : undefined;
          const response = typeof entry.response === "string" ? entry.response : undefined;
          for (const name of [request, response]) {
            if (name !== undefined && !(name in schemas)) fail(methodWhere, `no components.schemas.${name}`);
          }
          const validateResponse =
            response === undefined
              ? undefined
              : compile(strict, { $ref: `#/components/schemas/${response}` }, `${methodWhere}/response`);
          return { name: entry.name, request, response, validateResponse };
        },
      );

      operations.push({
        provider,
        operationId,
        method: method.toUpperCase(),
        path,
        pointer: where,
        parameters,
        requestBody,
        security: resolveSecurity(op.security ?? doc.security, `${where}/security`),
        responses,
        methods,
      });
    }
  }

  const info = isObject(doc.info) ? doc.info : {};
  const spec: ProviderSpec = {
    provider,
    file,
    title: typeof info.title === "string" ? info.title : provider,
    operations,
    operationsAt: (path) => operations.filter((op) => op.path === path),
    find: (method, path) => operations.find((op) => op.path === path && op.method === method.toUpperCase()),
    responseFor(op, status) {
      return (
        op.responses.get(String(status)) ??
        op.responses.get(`${String(status)[0]}XX`) ??
        op.responses.get("DEFAULT")
      );
    },
    checkResponse(op, status, contentType, body, which) {
      const response = spec.responseFor(op, status);
      if (!response) return [`status ${status} is not declared for ${op.operationId}`];
      const mediaType = baseMediaType(contentType);
      if (!response.mediaTypes.has(mediaType)) {
        return [`media type ${mediaType || "(none)"} is not declared for ${op.operationId} ${status}`];
      }
      const validate = response.mediaTypes.get(mediaType);
      if (validate && !validate(body)) return formatErrors(validate.errors);
      if (which !== undefined && status >= 200 && status < 300) {
        let method: SpecMethod | undefined;
        if (typeof which === "string") {
          const named = op.methods.filter((m) => m.name === which);
          if (named.length > 1) {
            return [
              `${op.operationId} has ${named.length} methods named ${which} (overloads): pass the entry methodFor gives`,
            ];
          }
          method = named[0];
        } else {
          method = op.methods.includes(which) ? which : undefined;
        }
        if (!method) {
          return [`${op.operationId} has no method ${typeof which === "string" ? which : which.name}`];
        }
        if (method.validateResponse && !method.validateResponse(body)) {
          return formatErrors(method.validateResponse.errors).map((e) => `${method.response}: ${e}`);
        }
      }
      return [];
    },
    methodFor(op, params) {
      for (const body of op.requestBody?.mediaTypes.values() ?? []) {
        const property = body.discriminator?.propertyName ?? "";
        const branch = body.discriminator?.branches.find((b) => b.value === params[property]);
        const method = branch && op.methods.find((m) => m.request === branch.schema);
        if (method) return method;
      }
      return undefined;
    },
  };
  return spec;
}

export function baseMediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

export function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? "is invalid"}`.trim());
}

function componentName(ref: unknown): string | undefined {
  const prefix = "#/components/schemas/";
  return typeof ref === "string" && ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
