// OpenAPI 3.0/3.1 schemas → JSON Schema (draft-07), the form every validator of a spec compiles. The one place
// that knows what OpenAPI's schema dialect means on the wire: `nullable` and `x-nullable`, `oneOf` read as "one of
// these models", discriminators with or without `mapping`, readOnly/writeOnly by direction, formats (an unknown one
// is an annotation), and vendor keywords (dropped).
import type { Schema } from "../document.js";
import { mappedSchemaName, schemaRef, schemaRefName } from "../pointer.js";
import type { SpecDocument } from "../read.js";
import { isKnownFormat } from "./formats.js";

export type JsonObject = Record<string, unknown>;

/** A request is checked without the response-only (readOnly) fields, a response without the writeOnly ones. */
export type SchemaDirection = "request" | "response";

export interface JsonSchemas {
  /** `$id` of `document`; every converted schema refers into it. */
  id: string;
  /** components.schemas converted, under `definitions`: registered once with a validator. */
  document: JsonObject;
  /** One schema of the spec (inline or a `$ref`), converted; `place` is where it sits, for messages. */
  convert(schema: unknown, place: string): JsonObject;
}

/** Draft-07 keywords kept as they are, once their sub-schemas are converted. */
const KEPT = new Set(
  (
    "title description multipleOf maximum minimum exclusiveMaximum exclusiveMinimum maxLength minLength maxItems " +
    "minItems uniqueItems maxProperties minProperties required enum const default not items additionalProperties " +
    "properties patternProperties propertyNames contains allOf anyOf readOnly writeOnly"
  ).split(" "),
);
/** Keywords whose values are data, not schemas: kept as they are. */
const DATA = new Set(
  "required enum const default title description exclusiveMaximum exclusiveMinimum".split(" "),
);
const TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);
/** The components copy a subtype's `allOf` points at: the parent without its dispatch, so checking never loops. */
const BASE_SUFFIX = "__base";

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isNullable(schema: Schema | JsonObject): boolean {
  return schema.nullable === true || (schema as JsonObject)["x-nullable"] === true;
}

/** Whether a property stays out of a message: readOnly in a request, writeOnly in a response (on any schema given). */
export function hiddenIn(direction: SchemaDirection, ...schemas: object[]): boolean {
  const flag = direction === "request" ? "readOnly" : "writeOnly";
  return schemas.some((schema) => (schema as JsonObject)[flag] === true);
}

/** The converted components of a spec, and a converter for its other schemas, for one direction. */
export function jsonSchemas(spec: SpecDocument, id: string, direction: SchemaDirection): JsonSchemas {
  const schemas: Record<string, Schema> = spec.document.components?.schemas ?? {};
  const converter = new Converter(spec, id, direction, schemas);
  const definitions: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const place = schemaRef(name);
    definitions[name] = converter.convert(schema, place, false);
    if (converter.discriminated.has(name)) {
      const { discriminator: _dispatch, ...base } = schema;
      definitions[`${name}${BASE_SUFFIX}`] = converter.convert(base, place, false);
    }
  }
  return {
    id,
    document: { $id: id, definitions },
    convert: (schema, place) => converter.convert(schema, place, false) as JsonObject,
  };
}

class Converter {
  readonly discriminated: Set<string>;
  /** components.schemas names whose `allOf` includes each discriminated schema (OpenAPI's implicit mapping). */
  readonly #subtypes = new Map<string, string[]>();
  /** Local `$ref`s outside components.schemas being inlined, to stop at a cycle. */
  readonly #inlining = new Set<string>();

  constructor(
    readonly spec: SpecDocument,
    readonly id: string,
    readonly direction: SchemaDirection,
    schemas: Record<string, Schema>,
  ) {
    this.discriminated = new Set(
      Object.entries(schemas)
        .filter(([, schema]) => schema?.discriminator !== undefined)
        .map(([name]) => name),
    );
    for (const [name, schema] of Object.entries(schemas)) {
      for (const part of schema?.allOf ?? []) {
        const parent = schemaRefName(part);
        if (parent !== undefined && this.discriminated.has(parent))
          this.#subtypes.set(parent, [...(this.#subtypes.get(parent) ?? []), name]);
      }
    }
  }

  convert(schema: unknown, where: string, inAllOf: boolean): unknown {
    if (Array.isArray(schema)) return schema.map((item, i) => this.convert(item, `${where}/${i}`, inAllOf));
    if (!isJsonObject(schema)) return schema;
    if (typeof schema.$ref === "string") return this.#reference(schema, where, inAllOf);
    const out: JsonObject = {};
    const hidden = this.#hiddenProperties(schema, where);
    for (const [key, value] of Object.entries(schema)) {
      const at = `${where}/${key}`;
      if (key === "type") {
        const type = convertType(value);
        if (type !== undefined) out.type = type;
      } else if (key === "format") {
        if (isKnownFormat(value)) out.format = value;
      } else if (key === "pattern") {
        if (typeof value === "string" && compiles(value)) out.pattern = value;
      } else if (key === "oneOf") {
        out.anyOf = [...asArray(out.anyOf), ...asArray(this.convert(value, at, false))];
      } else if (key === "allOf") {
        out.allOf = [...asArray(out.allOf), ...asArray(this.convert(value, at, true))];
      } else if (key === "examples") {
        if (Array.isArray(value)) out.examples = value;
      } else if (key === "required") {
        if (Array.isArray(value)) out.required = value.filter((name) => !hidden.has(name));
      } else if (key === "properties" || key === "patternProperties") {
        out[key] = mapValues(value, (sub, name) => this.convert(sub, `${at}/${name}`, false));
      } else if (DATA.has(key)) {
        out[key] = value;
      } else if (KEPT.has(key)) {
        out[key] = this.convert(value, at, false);
      }
      // anything else (OpenAPI-only keywords, x-*, a vendor's own) carries no validation
    }
    exclusiveBounds(out);
    const dispatch = this.#dispatch(schema, where);
    if (dispatch.length > 0) out.allOf = [...asArray(out.allOf), ...dispatch];
    return isNullable(schema) ? nullable(out) : out;
  }

  #reference(schema: JsonObject, where: string, inAllOf: boolean): JsonObject {
    const ref = schema.$ref as string;
    const name = schemaRefName({ $ref: ref });
    let out: JsonObject;
    if (name !== undefined) {
      const target = inAllOf && this.discriminated.has(name) ? `${name}${BASE_SUFFIX}` : name;
      out = { $ref: `${this.id}#/definitions/${target}` };
    } else {
      // Any other local reference (a property of a component, a parameter's schema): inlined.
      if (this.#inlining.has(ref)) this.spec.fail(where, `$ref cycle through ${ref}`);
      this.#inlining.add(ref);
      try {
        out = this.convert(this.spec.resolve({ $ref: ref }, where), where, inAllOf) as JsonObject;
      } finally {
        this.#inlining.delete(ref);
      }
    }
    // A nullable reference (OpenAPI 3.0 puts the flag beside the $ref, or in an allOf of one).
    return isNullable(schema) ? nullable(out) : out;
  }

  /** Properties this direction leaves out of `required`. */
  #hiddenProperties(schema: JsonObject, where: string): Set<string> {
    const hidden = new Set<string>();
    if (!isJsonObject(schema.properties)) return hidden;
    for (const [name, raw] of Object.entries(schema.properties)) {
      if (!isJsonObject(raw)) continue;
      if (hiddenIn(this.direction, raw, this.spec.resolve(raw as Schema, `${where}/properties/${name}`)))
        hidden.add(name);
    }
    return hidden;
  }

  /** The discriminator as if/then pairs: `propertyName == value` → the mapped schema must match too. */
  #dispatch(schema: JsonObject, where: string): JsonObject[] {
    const discriminator = schema.discriminator;
    if (!isJsonObject(discriminator) || typeof discriminator.propertyName !== "string") return [];
    const property = discriminator.propertyName;
    // value → components.schemas name. Implicit (OpenAPI 3.0): a member's or a subtype's name is its value.
    const mapping = new Map<string, string>();
    for (const member of [...asArray(schema.oneOf), ...asArray(schema.anyOf)]) {
      const name = isJsonObject(member) ? schemaRefName(member) : undefined;
      if (name !== undefined) mapping.set(name, name);
    }
    const own = schemaRefName({ $ref: where });
    for (const subtype of own === undefined ? [] : (this.#subtypes.get(own) ?? []))
      mapping.set(subtype, subtype);
    if (isJsonObject(discriminator.mapping)) {
      for (const [value, target] of Object.entries(discriminator.mapping)) {
        const name = mappedSchemaName(String(target));
        if (name !== undefined) mapping.set(value, name);
      }
    }
    return [...mapping].map(([value, name]) => ({
      if: { properties: { [property]: { const: value } }, required: [property] },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable.
      then: { $ref: `${this.id}#/definitions/${name}` },
    }));
  }
}

function convertType(value: unknown): unknown {
  if (typeof value === "string") return TYPES.has(value) ? value : undefined;
  if (!Array.isArray(value)) return undefined;
  const known = value.filter((type) => typeof type === "string" && TYPES.has(type));
  return known.length > 0 ? known : undefined;
}

/** OpenAPI 3.0's boolean `exclusiveMinimum: true` beside `minimum` is draft-07's `exclusiveMinimum: <minimum>`. */
function exclusiveBounds(out: JsonObject): void {
  for (const [key, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    const value = out[key];
    if (typeof value === "number") continue;
    if (value === true && typeof out[bound] === "number") {
      out[key] = out[bound];
      delete out[bound];
    } else delete out[key];
  }
}

/** A vendor's pattern in a dialect JavaScript cannot compile is an annotation, as an unknown format is. */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

function nullable(schema: JsonObject): JsonObject {
  if (typeof schema.type === "string") {
    const withNull: JsonObject = { ...schema, type: [schema.type, "null"] };
    if (Array.isArray(schema.enum)) withNull.enum = [...schema.enum, null];
    return withNull;
  }
  return { anyOf: [schema, { type: "null" }] };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function mapValues(value: unknown, fn: (sub: unknown, name: string) => unknown): unknown {
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, fn(sub, name)]));
}
