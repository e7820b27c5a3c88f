// Derives each method's result shape (the runtime's validator data, see packages/oauth-core/src/call/validate.ts) from the
// spec's success schema: which fields a success body must have, and the JSON types each field may take.
// Reads the spec model's success responses and schemas; $refs are resolved through the model's SpecDocument.
import type { Schema, SdkMethodModel, SpecDocument, SpecModel } from "@x/spec-model";
import { successSchemaName } from "./type-expressions.js";

type Spec = SpecDocument;

/** The runtime's JSON type names, in the order a field's list gives them. */
const JSON_TYPES = ["string", "number", "boolean", "object", "array", "null"] as const;
type JsonType = (typeof JSON_TYPES)[number];

/** As the runtime's ResultShape: each field's JSON types ("number|string", "optional string"), or a nested shape. */
export type ResultShape = { [field: string]: string | ResultShape };

export interface MethodResultShapes {
  result?: ResultShape;
  resultsBy?: { field: string; shapes: Record<string, ResultShape> };
}

/** Per SDK method name: its result shape and, for overloads, each overload's own. */
export function resultShapes(model: SpecModel): Map<string, MethodResultShapes> {
  const spec = model.spec;
  const shapes = new Map<string, MethodResultShapes>();
  for (const method of model.methods) {
    const base = successSchema(spec, method);
    const entry: MethodResultShapes = base ? { result: objectShape(spec, base, method.name) } : {};
    const overloads = method.overloads ?? [];
    if (overloads.length > 0) {
      entry.resultsBy = {
        field: overloads[0]?.variant.discriminator.property ?? "",
        shapes: Object.fromEntries(
          overloads.map((overload) => {
            const schema = overload.resultSchema ? model.schemas[overload.resultSchema] : base;
            return [
              overload.variant.discriminator.value,
              schema ? objectShape(spec, schema, method.name) : {},
            ];
          }),
        ),
      };
    }
    shapes.set(method.name, entry);
  }
  return shapes;
}

function successSchema(spec: Spec, method: SdkMethodModel): Schema | undefined {
  const schemaName = successSchemaName(method);
  const named = schemaName && spec.document.components?.schemas?.[schemaName];
  if (named) return named;
  return method.operation.success.body?.schema;
}

/** The object's fields: the JSON types of each, "optional " first when a body may leave it out; a nested shape for a required object. */
function objectShape(spec: Spec, raw: Schema, place: string): ResultShape {
  const schema = merged(spec, raw, place);
  const shape: ResultShape = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const required = schema.required?.includes(name) === true;
    const resolved = merged(spec, property, place);
    if (required && isPlainObject(resolved)) shape[name] = objectShape(spec, resolved, place);
    else shape[name] = `${required ? "" : "optional "}${jsonTypes(spec, property, place).join("|")}`;
  }
  return shape;
}

/** An object with fields of its own (not a union, not nullable): checked field by field. */
function isPlainObject(schema: Schema): boolean {
  return (
    Object.keys(schema.properties ?? {}).length > 0 && !schema.oneOf && !schema.anyOf && !schema.nullable
  );
}

function merged(spec: Spec, raw: Schema, place: string): Schema {
  const schema = spec.resolve(raw, place);
  if (!schema.allOf) return schema;
  const result: Schema = {
    ...schema,
    properties: { ...schema.properties },
    required: [...(schema.required ?? [])],
  };
  for (const part of schema.allOf) {
    const inner = merged(spec, part, place);
    Object.assign(result.properties ?? {}, inner.properties);
    result.required?.push(...(inner.required ?? []));
    if (inner.type && !result.type) result.type = inner.type;
    if (inner.oneOf && !result.oneOf) result.oneOf = inner.oneOf;
    if (inner.nullable) result.nullable = true;
  }
  return result;
}

const TYPE_OF: Record<string, JsonType> = {
  integer: "number",
  number: "number",
  string: "string",
  boolean: "boolean",
  object: "object",
  array: "array",
};

/** The JSON types a value of this schema may have (in JSON_TYPES order, no repeats); every type when unknown. */
function jsonTypes(spec: Spec, raw: Schema, place: string): JsonType[] {
  const schema = merged(spec, raw, place);
  const types = new Set<JsonType>();
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives)
    for (const member of alternatives) for (const type of jsonTypes(spec, member, place)) types.add(type);
  else if (schema.type)
    for (const type of TYPE_OF[schema.type] ? [TYPE_OF[schema.type] as JsonType] : JSON_TYPES)
      types.add(type);
  else if (schema.enum)
    for (const value of schema.enum)
      types.add(value === null ? "null" : Array.isArray(value) ? "array" : (typeof value as JsonType));
  else if (schema.properties) types.add("object");
  else return [...JSON_TYPES];
  if (schema.nullable) types.add("null");
  return JSON_TYPES.filter((type) => types.has(type));
}
