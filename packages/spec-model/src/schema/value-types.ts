// The JSON types a value of a schema may take, as OpenAPI 3.0 and 3.1 spell them: `type` as one name or a list
// (3.1's `["string", "null"]`), `nullable` and the vendor `x-nullable`, `const`, `enum`, `oneOf`/`anyOf`, `allOf`.
import type { Schema } from "../document.js";
import type { SpecDocument } from "../read.js";
import { isNullable } from "./json-schema.js";

/** JSON's type names, in the order a list of them is given. */
export const JSON_TYPES = ["string", "number", "boolean", "object", "array", "null"] as const;
export type JsonType = (typeof JSON_TYPES)[number];

/** JSON's type of each OpenAPI type name. */
const TYPE_OF: Record<string, JsonType> = {
  ...Object.fromEntries(JSON_TYPES.map((type) => [type, type])),
  integer: "number",
};

/** The `type` names a schema declares, with "null" added where it is nullable; [] when it declares none. */
export function declaredTypes(schema: Schema): string[] {
  const type = schema.type as unknown;
  const names = (Array.isArray(type) ? type : [type]).filter(
    (name): name is string => typeof name === "string",
  );
  return isNullable(schema) && names.length > 0 && !names.includes("null") ? [...names, "null"] : names;
}

/** Whether null is a value of the schema itself (its members aside). */
export function allowsNull(schema: Schema): boolean {
  return isNullable(schema) || declaredTypes(schema).includes("null");
}

/**
 * The schema resolved, with its `allOf` parts merged in: their properties and required names (the parts' first, in
 * order, then its own), and their type, members and nullability where it has none of its own.
 */
export function allOfMerged(spec: SpecDocument, raw: Schema, place: string): Schema {
  const schema = spec.resolve(raw, place);
  if (!schema.allOf) return schema;
  const result: Schema = { ...schema, properties: {}, required: [] };
  for (const [index, part] of schema.allOf.entries()) {
    const inner = allOfMerged(spec, part, `${place}/allOf/${index}`);
    Object.assign(result.properties ?? {}, inner.properties);
    result.required?.push(...(inner.required ?? []));
    if (inner.type && !result.type) result.type = inner.type;
    if (inner.oneOf && !result.oneOf) result.oneOf = inner.oneOf;
    if (allowsNull(inner)) result.nullable = true;
  }
  Object.assign(result.properties ?? {}, schema.properties);
  result.required?.push(...(schema.required ?? []));
  return result;
}

/** The JSON types a value of this schema may have (in JSON_TYPES order, no repeats); every type when unknown. */
export function valueTypes(spec: SpecDocument, raw: Schema, place: string): JsonType[] {
  const schema = allOfMerged(spec, raw, place);
  const types = new Set<JsonType>();
  const alternatives = schema.oneOf ?? schema.anyOf;
  const declared = declaredTypes(schema);
  const values = schema.const !== undefined ? [schema.const] : schema.enum;
  if (alternatives)
    for (const member of alternatives) for (const type of valueTypes(spec, member, place)) types.add(type);
  else if (declared.length > 0)
    for (const name of declared)
      for (const type of TYPE_OF[name] ? [TYPE_OF[name]] : JSON_TYPES) types.add(type);
  else if (values)
    for (const value of values)
      types.add(value === null ? "null" : Array.isArray(value) ? "array" : (typeof value as JsonType));
  else if (schema.properties) types.add("object");
  else return [...JSON_TYPES];
  if (allowsNull(schema)) types.add("null");
  return JSON_TYPES.filter((type) => types.has(type));
}

/**
 * The document (a copy to change in place) with each vendor `x-nullable: true` written as OpenAPI 3.0's own
 * `nullable: true` too, for a tool that reads only the latter (openapi-typescript); example data left as it is.
 */
export function markVendorNullable(value: unknown): void {
  if (Array.isArray(value)) for (const item of value) markVendorNullable(item);
  else if (value && typeof value === "object") {
    const object = value as Record<string, unknown>;
    if (object["x-nullable"] === true) object.nullable = true;
    for (const [key, item] of Object.entries(object))
      if (key !== "example" && key !== "examples") markVendorNullable(item);
  }
}
