// Renders the SDK model as the package's src/generated/*.gen.ts files (before formatting).
import {
  type ClientAuthMethod,
  FORM_MEDIA_TYPE,
  type OverloadModel,
  parametersIn,
  type Schema,
  type SdkMethodModel,
  type SpecModel,
  typeName,
} from "@x/spec-model";
import { overloadCondition, statusPhrases } from "./markdown.js";
import type { MethodResultShapes } from "./result-shapes.js";
import { withoutFallbacks } from "./table-entry.js";
import {
  componentType,
  displayType,
  errorBodyTypes,
  paramsTypeExpression,
  paramsTypeName,
  schemaTypesImport,
  successTypeName,
  usesBasic,
} from "./type-expressions.js";

export function banner(model: SpecModel): string {
  return `// Generated from ${model.spec.file} by scripts/generate.ts. Do not edit: change the spec or the generator, then run \`pnpm generate ${model.provider.id}\`.\n`;
}

/** Text safe inside a JSDoc block. */
export function docText(text: string): string {
  return text.trim().replace(/\*\//g, "*\\/");
}

// Characters a reader cannot see (format and control characters, separators other than a plain space), e.g. the
// U+200E left-to-right mark in one of Avito's original paths; line breaks and tabs are layout.
const INVISIBLE = /(?![\n\t ])[\p{Cf}\p{Cc}\p{Z}]/gu;

/** `text` with every invisible character written as its escape, `\u200E`, so a hover shows it. */
export function visible(text: string): string {
  return text.replace(
    INVISIBLE,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
}

function jsDoc(lines: (string | undefined)[], indent = ""): string {
  const text = lines.filter((line) => line !== undefined).join("\n");
  const body = visible(text.trim());
  const commented = body.split("\n").map((line) => `${indent} *${line ? ` ${line}` : ""}`);
  return body === "" ? "" : `${indent}/**\n${commented.join("\n")}\n${indent} */\n`;
}

const json = (value: unknown) => JSON.stringify(value);

/** The entries that say something: an empty list or object, or undefined, is what the runtime assumes anyway. */
const withoutEmpty = (entries: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(entries).filter(
      ([, value]) =>
        value !== undefined && !(typeof value === "object" && value && Object.keys(value).length === 0),
    ),
  );

export function emitOperations(model: SpecModel, shapes = new Map<string, MethodResultShapes>()): string {
  const entries = model.methods.map((method) => {
    const entry = {
      ...withoutEmpty({
        provider: model.provider.id,
        sdkMethod: method.name,
        httpMethod: method.operation.httpMethod,
        path: method.operation.path,
        // Sorted: placeQuery sends them in this order, placeFields sorts the fields it places.
        queryParams: parametersIn(method.operation, "query")
          .map((field) => field.name)
          .sort(),
        headerParams: parametersIn(method.operation, "header").map((field) => field.name),
        pathParams: parametersIn(method.operation, "path").map((field) => field.name),
        requestMediaType: method.operation.requestBody?.mediaType,
        accept: method.operation.accept.join(", "),
        security: method.operation.clientAuthentication,
        defaults: method.defaults,
        defaultsBy: defaultsBy(method),
        successStatuses: method.operation.successStatuses,
        errorFields: method.operation.errorFields,
        errorInBody: method.operation.errorInBody,
      }),
      // Kept even when empty: an empty shape still asks for an object.
      ...shapes.get(method.name),
    };
    return `  ${method.name}: ${json(withoutFallbacks(entry))},`;
  });
  return `${banner(model)}import type { OperationTableEntry } from "@x/oauth-core";

/** How each method goes over the wire, from the spec: read by the runtime's callOperation. */
export const operationTable = {
${entries.join("\n")}
} as const satisfies Record<string, OperationTableEntry>;
`;
}

// Written into the API classes of the specs that need it, not the runtime: a function of @x/oauth-core, even
// shaken off, changes how the minifier names the code every other package bundles.
const VARIANT_DEFAULTS = `/**
 * The caller's parameters over the values the variant they pick (by the discriminator's value) fills in; the
 * parameters as they are when they pick none, or are not a plain object (callOperation then refuses them). A field
 * given as undefined is left out, as callOperation does: the variant's value stays.
 */
function withVariantDefaults(entry: OperationTableEntry, params: object): object {
  const by = entry.defaultsBy;
  const given = params as Record<string, unknown>;
  const plain = [Object.prototype, null].includes(Object.getPrototypeOf(Object(params)));
  const value = plain && by ? given[by.field] : undefined;
  const picked = by && typeof value === "string" && Object.hasOwn(by.defaults, value) ? by.defaults[value] : undefined;
  if (!picked) return params;
  const fields: Record<string, unknown> = { ...picked };
  for (const key of Object.keys(given)) if (given[key] !== undefined) fields[key] = given[key];
  return fields;
}
`;

/**
 * The values only some overloads fill in (those every overload fills in are the method's `defaults`), by the
 * discriminator values that pick each; undefined when there are none.
 */
function defaultsBy(
  method: SdkMethodModel,
): { field: string; defaults: Record<string, Record<string, string>> } | undefined {
  const [first] = method.overloads ?? [];
  const defaults: Record<string, Record<string, string>> = {};
  for (const overload of method.overloads ?? []) {
    const own = Object.entries(overload.defaults).filter(([key]) => !(key in method.defaults));
    if (own.length === 0) continue;
    for (const value of overload.variant.discriminator.values) defaults[value] = Object.fromEntries(own);
  }
  return first && Object.keys(defaults).length > 0
    ? { field: first.variant.discriminator.property, defaults }
    : undefined;
}

export function emitModels(model: SpecModel): string {
  const aliases = Object.entries(model.schemas).map(
    ([schemaName, schema]) =>
      `${jsDoc(schema.description ? [docText(schema.description)] : [])}export type ${typeName(schemaName)} = ${aliasType(model, schemaName)};`,
  );
  const params = model.methods.flatMap((method) => [
    ...(method.overloads ?? []).map(
      (overload) =>
        `${jsDoc([`Parameters of \`${method.className}.${method.name}\` ${overloadCondition(overload)}, keyed like the original client's.${defaultsNote(overload.defaults)}`])}export type ${paramsTypeName(method, overload)} = ${paramsTypeExpression(method, overload)};`,
    ),
    `${jsDoc([`Parameters of \`${method.className}.${method.name}\`, keyed like the original client's.${method.overloads ? " Any of its overloads' parameters." : ""}${defaultsNote(method.defaults)}`])}export type ${paramsTypeName(method)} = ${paramsTypeExpression(method)};`,
  ]);
  const all = [...aliases, ...params].join("\n\n");
  const helpers = ["Simplify", "WithDefaults"].filter((helper) => all.includes(`${helper}<`));
  const imports = [
    helpers.length > 0 ? `import type { ${helpers.join(", ")} } from "@x/oauth-core";` : "",
    schemaTypesImport(all),
  ].filter(Boolean);
  return `${banner(model)}${imports.join("\n")}\n\n${all}\n`;
}

/**
 * What an alias names: the type itself for a scalar or a union of scalars (a hover then shows `number | string`),
 * the component for an object, whose members a hover lists anyway.
 */
function aliasType(model: SpecModel, schemaName: string): string {
  const schema = model.schemas[schemaName];
  return schema && isScalar(model, schema, false) ? displayType(schema) : componentType(schemaName);
}

/**
 * A schema whose values are scalars (strings, numbers, booleans, null), or a union of such; `follow` resolves a
 * `$ref` first (an alias's own schema names other aliases, which is fine as it is).
 */
function isScalar(model: SpecModel, raw: Schema, follow = true): boolean {
  const schema = follow ? model.spec.resolve(raw, "") : raw;
  const members = [schema, ...(schema.oneOf ?? schema.anyOf ?? [])];
  return members.every(
    (member) =>
      (member === schema || !member.$ref || isScalar(model, member)) &&
      !member.properties &&
      !member.allOf &&
      member.type !== "object" &&
      member.type !== "array",
  );
}

function defaultsNote(defaults: Record<string, string>): string {
  const keys = Object.entries(defaults);
  if (keys.length === 0) return "";
  return ` Filled in when left out: ${keys.map(([key, value]) => `\`${key}\` = \`${json(value)}\``).join(", ")}.`;
}

export function emitErrors(model: SpecModel): string {
  const body = errorBodyTypes(model).join(" | ") || "unknown";
  const imports = [`import { OAuthApiError } from "@x/oauth-core";`, schemaTypesImport(body)].filter(Boolean);
  return `${banner(model)}${imports.join("\n")}

/** A parsed error body of ${model.provider.packageName}: the error responses the spec declares${model.methods.some((method) => method.operation.errorInBody) ? ", or a success body that reports an error" : ""}. */
export type ${model.provider.errorClass}Body = ${body};

/**
 * Thrown by every method of ${model.provider.packageName}: for a non-success HTTP status, an empty, non-JSON or invalid body${model.methods.some((method) => method.operation.errorInBody) ? ", an error reported inside a success body" : ""}, a
 * redirect, a body over the size cap, a timeout, an abort, or no response at all. Carries \`kind\`, \`status\`, \`headers\`,
 * \`retryAfter\`, \`cause\`, the parsed \`body\`, and the provider's own \`code\` and \`description\`. Its message never contains a
 * secret. \`instanceof\` holds for errors of both the ESM and the CJS build.
 */
export class ${model.provider.errorClass} extends OAuthApiError<${model.provider.errorClass}Body> {
  static override errorName = ${json(model.provider.errorClass)};
}
`;
}

/**
 * The Accept and Content-Type every operation shares, and whether every one asks for HTTP Basic: then the client
 * sends them as its own headers, with no middleware; undefined when the operations differ.
 */
function sharedWire(model: SpecModel): { headers: Record<string, string>; basic: boolean } | undefined {
  const wire = ({ operation }: SdkMethodModel) => ({
    headers: {
      accept: operation.accept.join(", "),
      ...(operation.requestBody ? { "content-type": operation.requestBody.mediaType } : {}),
    },
    basic: operation.clientAuthentication.includes("client_secret_basic"),
  });
  const [first] = model.methods;
  return first && new Set(model.methods.map((method) => json(wire(method)))).size === 1
    ? wire(first)
    : undefined;
}

/** The media types of the request bodies, each once. */
const requestMediaTypes = (model: SpecModel) => [
  ...new Set(model.methods.flatMap((method) => method.operation.requestBody?.mediaType ?? [])),
];

/** A configuration may be left out only where the spec names a server. */
const configDefault = (model: SpecModel) => (model.provider.baseUrl === undefined ? "" : " = {}");

const AUTH_TEXT: Record<ClientAuthMethod, string> = {
  client_secret_basic: "HTTP Basic (`clientId` / `clientSecret`)",
  api_key: "an API key (in `headers`)",
  bearer: "a bearer token (`Authorization` in `headers`)",
  none: "none (a public client)",
};

/** How a method's docs say it authenticates the client. */
function authText(security: ClientAuthMethod[]): string {
  if (security.length === 0) return "";
  if (security.length === 1 && security[0] === "client_secret_basic")
    return ", HTTP Basic client authentication";
  return `, client authentication: ${security.map((method) => AUTH_TEXT[method]).join(" or ")}`;
}

/**
 * The runtime function that makes the Basic header: one that throws without credentials, unless every operation
 * that takes Basic also takes something else (no client authentication, an API key, a token).
 */
function basicAuth(model: SpecModel): string {
  const optional = model.methods.every(
    (method) =>
      !method.operation.clientAuthentication.includes("client_secret_basic") ||
      method.operation.clientAuthentication.some((other) => other !== "client_secret_basic"),
  );
  return optional ? "optionalBasicAuthorization" : "basicAuthorization";
}

export function emitClient(model: SpecModel): string {
  const configBase = usesBasic(model) ? "BasicClientConfig" : "ClientConfig";
  const wire = sharedWire(model);
  // Basic-auth code is imported only where the spec asks for it, so the other packages' bundles leave it out.
  const auth = usesBasic(model) ? `${basicAuth(model)}(config)` : undefined;
  const coreImports = [
    ...(usesBasic(model) ? [basicAuth(model)] : []),
    `type ${configBase}`,
    "createClientOptions",
    ...(wire ? [] : ["specMiddleware"]),
  ];
  const clientOptions = `createClientOptions(config, DEFAULT_BASE_URL${wire ? `, ${json(wire.headers)}${wire.basic && auth ? `, ${auth}` : ""}` : ""})`;
  // createClientOptions serializes bodies as forms; a spec whose bodies are all JSON sends JSON instead.
  const bodyTypes = requestMediaTypes(model);
  const jsonOnly = bodyTypes.length > 0 && !bodyTypes.includes(FORM_MEDIA_TYPE);
  const options = jsonOnly ? `{ ...${clientOptions}, bodySerializer: JSON.stringify }` : clientOptions;
  const body = wire
    ? `  // Every operation goes over the wire alike: the client's own headers say how, no middleware needed.
  return createClient<paths>(${options});`
    : `  const client = createClient<paths>(${options});
  client.use(specMiddleware(operationTable${auth ? `, ${auth}` : ""}));
  return client;`;
  return `${banner(model)}import { ${coreImports.join(", ")} } from "@x/oauth-core";
import createClient, { type Client } from "openapi-fetch";
${
  wire
    ? ""
    : `import { operationTable } from "./operations.gen.js";
`
}import type { paths } from "./schema.gen.js";

${
  model.provider.baseUrl === undefined
    ? `/** The spec names no server: every configuration sets \`baseUrl\`. */
export const DEFAULT_BASE_URL: string | undefined = undefined;`
    : `/** The spec's server, used when no \`baseUrl\` is configured. */
export const DEFAULT_BASE_URL = ${json(model.provider.baseUrl)};`
}

/**
 * Configuration of the API classes and of \`${model.provider.clientFactory}\`, like the original client's Configuration(host=...):
 * \`baseUrl\` (${model.provider.baseUrl === undefined ? "required: the spec names no server" : `default: ${model.provider.baseUrl}`}), a custom \`fetch\`, extra \`headers\`, the limits \`timeout\` (ms, default 30,000),
 * \`maxResponseBytes\` (default 1 MiB) and \`retry\` (\`{ retries, maxDelayMs }\`, default off)${
   usesBasic(model)
     ? `, and \`clientId\` / \`clientSecret\` for HTTP
 * Basic client authentication (RFC 6749 §2.3.1)`
     : ""
 }.
 */
export type Configuration = ${configBase}${model.provider.baseUrl === undefined ? " & { baseUrl: string }" : ""};

/** The low-level openapi-fetch client of ${model.provider.packageName}, typed by the spec's \`paths\`. */
export type ${model.provider.clientType} = Client<paths>;

/**
 * Creates the low-level openapi-fetch client, for \`{ data, error }\` results and middleware. It sends every operation as
 * the spec says (${jsonOnly ? "JSON bodies" : `form bodies with absent fields left out${bodyTypes.length > 1 ? " (pass a request's own `bodySerializer: JSON.stringify` for a JSON one)" : ""}`}, the spec's Accept and Content-Type${usesBasic(model) ? ", HTTP Basic" : ""}), and follows
 * openapi-fetch's defaults otherwise (no timeout, size cap or result check: those are the API classes').
 * @throws {TypeError} when \`baseUrl\` is not an absolute http(s) URL${usesBasic(model) ? " or the credentials are missing" : ""}.
 */
export function ${model.provider.clientFactory}(config: Configuration${configDefault(model)}): ${model.provider.clientType} {
${body}
}
`;
}

export function emitApi(model: SpecModel): string {
  const typeImports = new Set<string>();
  for (const method of model.methods) {
    typeImports.add(paramsTypeName(method));
    // An overloaded method's own success type is the union of its overloads' results.
    for (const overload of method.overloads ?? [undefined]) {
      typeImports.add(paramsTypeName(method, overload));
      const result = successTypeName(method, overload);
      if (!result.includes("[")) typeImports.add(result);
    }
  }
  const resultTypes = schemaTypesImport(model.methods.map((method) => successTypeName(method)).join(" "));
  // openapi-fetch's serializers are imported only where the spec has such parameters, so the others do not bundle them.
  // A spec whose query parameters are all scalars takes the scalar part of openapi-fetch's query serializer only.
  const queryParams = model.methods.flatMap((method) => parametersIn(method.operation, "query"));
  const scalarQuery = queryParams.every((parameter) => isScalar(model, parameter.schema));
  // The optional parts of the call, passed only where the spec uses them so that the others are not bundled. A spec
  // whose operations take only scalar query parameters and no body places them with placeQuery, which needs no
  // serializer of its own; any other spec with parameters with placeFields and openapi-fetch's serializers.
  const parameters = model.methods.flatMap((method) => method.operation.parameters);
  const place =
    parameters.length === 0
      ? undefined
      : scalarQuery &&
          parameters.length === queryParams.length &&
          model.methods.every((method) => !method.operation.requestBody)
        ? "placeQuery"
        : "placeFields";
  const query =
    place !== "placeFields" || queryParams.length === 0
      ? undefined
      : scalarQuery
        ? "scalarQuerySerializer"
        : "createQuerySerializer()";
  const usesPath = model.methods.some((method) => parametersIn(method.operation, "path").length > 0);
  const usesInBody = model.methods.some((method) => method.operation.errorInBody);
  const usesOverloads = model.methods.some((method) => (method.overloads?.length ?? 0) > 0);
  const usesVariantDefaults = model.methods.some(defaultsBy);
  // Each media type of the request bodies with its serializer: a form (the spec model's choice when one is offered)
  // or JSON.
  const mediaTypes = requestMediaTypes(model);
  const serializers = mediaTypes.map(
    (type) => `${json(type)}: ${type === FORM_MEDIA_TYPE ? "formBody" : "JSON.stringify"}`,
  );
  const coreImports = [
    ...(usesBasic(model) ? [basicAuth(model)] : []),
    "apiContext",
    "type CallContext",
    "callOperation",
    ...(usesInBody ? ["inBodyError"] : []),
    ...(usesOverloads ? ["overloadResultShape"] : []),
    ...(place ? [place] : []),
    "type RequestOptions",
    ...(usesVariantDefaults ? ["type OperationTableEntry"] : []),
    ...(query === "scalarQuerySerializer" ? [query] : []),
    ...(mediaTypes.includes(FORM_MEDIA_TYPE) ? ["formBody"] : []),
  ];
  const fetchImports = [
    ...(query === "createQuerySerializer()" ? ["createQuerySerializer"] : []),
    ...(usesPath ? ["defaultPathSerializer"] : []),
  ];
  const classes = model.classes.map((cls) => {
    const methods = cls.methods.map((method) => {
      const docs = (summary: string | undefined, condition?: string) =>
        jsDoc(
          [
            summary ? docText(summary) : undefined,
            method.description ? `\n${docText(method.description)}` : undefined,
            condition ? `\n${condition}` : undefined,
            `\n\`${method.operation.httpMethod} ${method.operation.path}\`${method.operation.requestBody?.mediaType ? ` (${method.operation.requestBody?.mediaType})` : parametersIn(method.operation, "query").length > 0 ? " (query parameters)" : ""}${authText(method.operation.clientAuthentication)}.`,
            method.originalPath && method.originalPath !== method.operation.path
              ? `The original client requested ${json(method.originalPath)}.`
              : undefined,
            `@throws {${model.provider.errorClass}} ${throwsText(method)}`,
          ],
          "  ",
        );
      const signature = (overload?: OverloadModel) =>
        `${method.name}(params${(overload ?? method).paramsOptional ? "?" : ""}: ${paramsTypeName(method, overload)}, options?: RequestOptions): Promise<${successTypeName(method, overload)}>`;
      const implementation = signature();
      // Overloads: one per x-sdk-methods entry of this name, then one taking any of their bodies.
      const overloads = (method.overloads ?? []).map(
        (overload) =>
          `${docs(overload.summary ?? method.summary, `Resolves to \`${successTypeName(method, overload)}\` when called ${overloadCondition(overload)}.`)}  ${signature(overload)};`,
      );
      if (overloads.length > 0) {
        overloads.push(
          `${docs(method.summary, "Takes the parameters of any overload above and resolves to any of their results.")}  ${implementation};`,
        );
      }
      const entry = `operationTable.${method.name}`;
      // The values of the variant the caller picked (withVariantDefaults), for a spec whose variants have their own.
      const params = `params${method.paramsOptional ? " ?? {}" : ""}`;
      return `${overloads.map((overload) => `${overload}\n`).join("")}${overloads.length > 0 ? "" : docs(method.summary)}  ${implementation} {
    return callOperation<${successTypeName(method)}>(this.#context, ${entry}, ${defaultsBy(method) ? `withVariantDefaults(${entry}, ${params})` : params}, options);
  }`;
    });
    return `${jsDoc([cls.description ? docText(cls.description) : `Operations of the ${json(cls.tag)} tag.`, `For \`{ data, error }\` results and middleware, use the low-level client: \`${model.provider.clientFactory}(config)\`.`])}export class ${cls.name} {
  readonly #context: CallContext<${model.provider.errorClass}>;

  /** @throws {TypeError} naming the option, when the configuration cannot work. */
  constructor(config: Configuration${configDefault(model)}) {
    this.#context = apiContext(config, {
      baseUrl: DEFAULT_BASE_URL,
      errorClass: ${model.provider.errorClass},${usesBasic(model) ? `\n      auth: ${basicAuth(model)},` : ""}${place ? `\n      place: ${place},` : ""}${query ? `\n      querySerializer: ${query},` : ""}${usesPath ? "\n      pathSerializer: defaultPathSerializer," : ""}${serializers.length > 0 ? `\n      bodySerializers: { ${serializers.join(", ")} },` : ""}${usesInBody ? "\n      inBody: inBodyError," : ""}${usesOverloads ? "\n      overloadResult: overloadResultShape," : ""}
    });
  }

${methods.join("\n\n")}
}`;
  });
  return `${banner(model)}import { ${coreImports.join(", ")} } from "@x/oauth-core";
${fetchImports.length > 0 ? `import { ${fetchImports.join(", ")} } from "openapi-fetch";\n` : ""}import { type Configuration, DEFAULT_BASE_URL } from "./client.gen.js";
import { ${model.provider.errorClass} } from "./errors.gen.js";
import type { ${[...typeImports].sort().join(", ")} } from "./models.gen.js";
import { operationTable } from "./operations.gen.js";
${resultTypes ? `${resultTypes}\n` : ""}${usesVariantDefaults ? `\n${VARIANT_DEFAULTS}` : ""}
${classes.join("\n\n")}
`;
}

function throwsText({ operation: { errors, errorInBody, successStatuses } }: SdkMethodModel): string {
  const inBody = errorInBody
    ? [`an error code in a ${successStatuses[0] ?? 200} body (\`${errorInBody.code}\`)`]
    : [];
  const statuses = statusPhrases(errors.map((error) => error.status));
  return `on ${[...statuses, ...inBody, "an empty or non-JSON body", "no response"].join("; ")}.`;
}

export function emitIndex(model: SpecModel): string {
  const modelNames = [
    ...Object.keys(model.schemas).map(typeName),
    ...model.methods.flatMap((method) => [
      paramsTypeName(method),
      ...(method.overloads ?? []).map((overload) => paramsTypeName(method, overload)),
    ]),
  ].sort();
  return `${banner(model)}export { OAuthApiError, type OAuthErrorKind, type RequestOptions } from "@x/oauth-core";
export { ${model.classes
    .map((cls) => cls.name)
    .sort()
    .join(", ")} } from "./api.gen.js";
export { type Configuration, ${model.provider.clientFactory}, DEFAULT_BASE_URL, type ${model.provider.clientType} } from "./client.gen.js";
export { ${model.provider.errorClass}, type ${model.provider.errorClass}Body } from "./errors.gen.js";
export type { ${modelNames.join(", ")} } from "./models.gen.js";
export { operationTable } from "./operations.gen.js";
export type { components, operations, paths } from "./schema.gen.js";
`;
}
