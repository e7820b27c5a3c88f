// The fields a message may carry in one direction: a request leaves out the readOnly ones, a response the writeOnly.
import type { BodyVariant } from "../body.js";
import type { SpecDocument } from "../read.js";
import { hiddenIn, type SchemaDirection } from "./json-schema.js";
import { allOfMerged } from "./value-types.js";

/**
 * The names of a body variant's fields that a message in `direction` may carry; undefined when the variant takes any
 * field (`additionalProperties` other than false: OpenAPI's default allows more, but a token endpoint's spec lists
 * what it takes, so only a spec that says so takes more).
 */
export function carriedFields(
  spec: SpecDocument,
  variant: BodyVariant,
  direction: SchemaDirection,
): Set<string> | undefined {
  const schema = allOfMerged(spec, variant.schema, variant.place) as { additionalProperties?: unknown };
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return undefined;
  const names = new Set<string>();
  for (const field of variant.fields) {
    const property = spec.resolve(field.schema, `${variant.place}/properties/${field.name}`);
    if (!hiddenIn(direction, field.schema, property)) names.add(field.name);
  }
  return names;
}
