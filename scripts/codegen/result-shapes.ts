// Derives each method's result shape (the runtime's validator data, see packages/oauth-core/src/call/validate.ts) from the
// spec's success schema: which fields a success body must have, and the JSON types each field may take.
// Reads the spec model's success responses; the JSON types of each field come from its schema layer.
import {
  allOfMerged,
  allowsNull,
  type Schema,
  type SdkMethodModel,
  type SpecDocument,
  type SpecModel,
  valueTypes,
} from "@x/spec-model";
import { successSchemaName } from "./type-expressions.js";

type Spec = SpecDocument;

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
  const schema = allOfMerged(spec, raw, place);
  const shape: ResultShape = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const required = schema.required?.includes(name) === true;
    const resolved = allOfMerged(spec, property, place);
    if (required && isPlainObject(resolved)) shape[name] = objectShape(spec, resolved, place);
    else shape[name] = `${required ? "" : "optional "}${valueTypes(spec, property, place).join("|")}`;
  }
  return shape;
}

/** An object with fields of its own (not a union, not nullable): checked field by field. */
function isPlainObject(schema: Schema): boolean {
  return (
    Object.keys(schema.properties ?? {}).length > 0 && !schema.oneOf && !schema.anyOf && !allowsNull(schema)
  );
}
