// OpenAPI 3.0 schema objects → JSON Schema (draft-07) that Ajv compiles in strict mode.
import { mappedSchemaName, schemaRef, schemaRefName } from "@x/spec-model";
import { Ajv, type Options } from "ajv";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** OpenAPI-only keywords that JSON Schema does not know; they carry no validation. */
const DROPPED_KEYWORDS = new Set(["discriminator", "example", "xml", "externalDocs", "nullable"]);

export interface ConvertContext {
  /** `$id` of the document holding the converted components under `definitions` */
  specId: string;
  /**
   * Components with a discriminator. A reference to one of them from inside an `allOf` (a subtype including
   * its parent) points at `<name>__base`, the parent without its dispatch, so checking never loops.
   */
  discriminated: ReadonlySet<string>;
}

export const BASE_SUFFIX = "__base";

/**
 * Converts one OpenAPI schema. `$ref`s to a components.schemas entry X become `<specId>#/definitions/X`.
 * `oneOf` becomes `anyOf`: OpenAPI specs use oneOf for "one of these models", and models that overlap
 * could never match exactly one. A `discriminator` becomes what it means: when the property holds a mapped
 * value, the body must also match the mapped schema.
 */
export function toJsonSchema(schema: unknown, ctx: ConvertContext, where: string, inAllOf = false): unknown {
  if (Array.isArray(schema))
    return schema.map((item, i) => toJsonSchema(item, ctx, `${where}/${i}`, inAllOf));
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith("x-") || DROPPED_KEYWORDS.has(key)) continue;
    if (key === "$ref") {
      out.$ref = convertRef(value, ctx, where, inAllOf);
    } else if (key === "properties" || key === "patternProperties" || key === "definitions") {
      out[key] = mapValues(value, (sub, name) => toJsonSchema(sub, ctx, `${where}/${key}/${name}`));
    } else if (key === "enum" || key === "required" || key === "default" || key === "examples") {
      out[key] = value; // data, not schemas
    } else if (key === "oneOf") {
      out.anyOf = toJsonSchema(value, ctx, `${where}/oneOf`);
    } else if (key === "allOf") {
      out.allOf = toJsonSchema(value, ctx, `${where}/allOf`, true);
    } else {
      out[key] = toJsonSchema(value, ctx, `${where}/${key}`);
    }
  }
  const dispatch = discriminatorDispatch(schema, ctx, where);
  if (dispatch.length > 0) out.allOf = [...((out.allOf as unknown[] | undefined) ?? []), ...dispatch];
  if (schema.nullable === true) return nullable(out);
  return out;
}

/** The discriminator as if/then pairs: `propertyName == value` → the mapped schema must match too. */
function discriminatorDispatch(schema: JsonObject, ctx: ConvertContext, where: string): JsonObject[] {
  const discriminator = schema.discriminator;
  if (!isObject(discriminator) || typeof discriminator.propertyName !== "string") return [];
  const property = discriminator.propertyName;
  // value → components.schemas name. Implicit mapping (OpenAPI 3.0): a oneOf/anyOf member's name is its value.
  const mapping = new Map<string, string>();
  for (const member of [...asArray(schema.oneOf), ...asArray(schema.anyOf)]) {
    const name = isObject(member) ? schemaRefName(member) : undefined;
    if (name !== undefined) mapping.set(name, name);
  }
  if (isObject(discriminator.mapping)) {
    for (const [value, target] of Object.entries(discriminator.mapping)) {
      const name = mappedSchemaName(String(target));
      if (name !== undefined) mapping.set(value, name);
    }
  }
  return [...mapping].map(([value, name]) => ({
    if: { properties: { [property]: { const: value } }, required: [property] },
    // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable.
    then: { $ref: convertRef(schemaRef(name), ctx, `${where}/discriminator/mapping/${value}`, false) },
  }));
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function nullable(schema: JsonObject): JsonObject {
  if (typeof schema.type === "string") {
    const withNull: JsonObject = { ...schema, type: [schema.type, "null"] };
    if (Array.isArray(schema.enum)) withNull.enum = [...schema.enum, null];
    return withNull;
  }
  return { anyOf: [schema, { type: "null" }] };
}

function convertRef(ref: unknown, ctx: ConvertContext, where: string, inAllOf: boolean): string {
  const name = typeof ref === "string" ? schemaRefName({ $ref: ref }) : undefined;
  if (name === undefined) {
    throw new Error(`${where}: unsupported schema $ref ${JSON.stringify(ref)} (only components.schemas)`);
  }
  const target = inAllOf && ctx.discriminated.has(name) ? `${name}${BASE_SUFFIX}` : name;
  return `${ctx.specId}#/definitions/${target}`;
}

function mapValues(value: unknown, fn: (sub: unknown, name: string) => unknown): unknown {
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, fn(sub, name)]));
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** One Ajv with the OpenAPI formats. `coerce` turns form/query strings into the declared types. */
export function createAjv(coerce: boolean): Ajv {
  const options: Options = {
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    coerceTypes: coerce,
  };
  const ajv = new Ajv(options);
  ajv.addFormat("int32", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max,
  });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat("float", { type: "number", validate: () => true });
  ajv.addFormat("double", { type: "number", validate: () => true });
  ajv.addFormat("byte", /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  // Annotations in OpenAPI: nothing to check on the wire.
  for (const name of ["binary", "password", "uri", "url", "email", "date", "date-time", "uuid", "hostname"]) {
    ajv.addFormat(name, true);
  }
  return ajv;
}
