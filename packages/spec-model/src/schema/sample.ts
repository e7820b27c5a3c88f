// A value that a schema accepts, with the fields a caller knows filled in: how an emulator answers in the shape a
// spec declares (its field names, its enums, its nullable fields) without knowing the spec in advance.
import type { Schema } from "../document.js";
import { mappedSchemaName, schemaRef } from "../pointer.js";
import type { SpecDocument } from "../read.js";
import { FORMATS } from "./formats.js";
import { hiddenIn, isNullable, type SchemaDirection } from "./json-schema.js";
import { allOfMerged, declaredTypes } from "./value-types.js";

/**
 * What a caller knows of one field: its value; "none" (nothing to send: left out, or null where nullable); or a
 * `fallback` made only where the schema requires the field and does not allow null; undefined: no opinion.
 */
export type Known = { value: unknown } | { fallback: () => unknown } | "none" | undefined;

/** Asked for each property before it is built; `path` holds the property names from the root. */
export type Fill = (path: readonly string[], schema: Schema) => Known;

const MAX_DEPTH = 12;

/** The caller has nothing to send for the field: "none", or only a fallback. */
const nothingToSend = (known: Known): known is "none" | { fallback: () => unknown } =>
  known === "none" || (known !== undefined && "fallback" in known);

/** A value `raw` accepts, in `direction` (a response leaves writeOnly fields out, a request readOnly ones). */
export function sampleValue(
  spec: SpecDocument,
  raw: Schema,
  place: string,
  fill: Fill,
  direction: SchemaDirection = "response",
): unknown {
  return new Sampler(spec, fill, direction).build(raw, place, []);
}

class Sampler {
  /** Base schemas whose discriminator has picked a subtype being built. */
  readonly dispatching = new Set<Schema>();

  constructor(
    readonly spec: SpecDocument,
    readonly fill: Fill,
    readonly direction: SchemaDirection,
  ) {}

  build(raw: Schema, place: string, path: string[]): unknown {
    const schema = this.spec.resolve(raw, place);
    if (path.length > MAX_DEPTH) return isNullable(schema) ? null : undefined;
    const members = schema.oneOf ?? schema.anyOf;
    if (members && members.length > 0) {
      const key = schema.oneOf ? "oneOf" : "anyOf";
      const index = this.bestMember(members, `${place}/${key}`, path);
      return this.build(members[index] as Schema, `${place}/${key}/${index}`, path);
    }
    const subtype = this.dispatching.has(schema) ? undefined : this.mappedSubtype(schema, place, path);
    if (subtype !== undefined) {
      // The subtype includes this base: built once more, the base does not dispatch again.
      this.dispatching.add(schema);
      try {
        return this.build({ $ref: schemaRef(subtype) }, place, path);
      } finally {
        this.dispatching.delete(schema);
      }
    }
    if (schema.allOf && !schema.properties && schema.allOf.length === 1)
      return this.build(schema.allOf[0] as Schema, `${place}/allOf/0`, path);
    if (schema.const !== undefined) return schema.const;
    const enumValue = schema.enum?.find((value) => value !== null);
    if (enumValue !== undefined) return enumValue;
    if (schema.default !== undefined) return schema.default;
    const type = typeOf(schema);
    if (type === "object" || schema.properties || schema.allOf) return this.object(schema, place, path);
    if (type === "array") return this.array(schema, place, path);
    if (schema.example !== undefined && matchesType(schema.example, type)) return schema.example;
    const format = schema.format ? FORMATS[schema.format] : undefined;
    if (type === "integer" || type === "number") {
      const minimum = (schema as { minimum?: number }).minimum;
      return typeof minimum === "number" ? Math.ceil(minimum) + 1 : 1;
    }
    if (type === "boolean") return false;
    if (type === "null") return null;
    const text = typeof format?.sample === "string" ? format.sample : "sandbox";
    const minLength = (schema as { minLength?: number }).minLength ?? 0;
    return text.padEnd(minLength, "x");
  }

  object(schema: Schema, place: string, path: string[]): Record<string, unknown> {
    const merged = schema.allOf ? allOfMerged(this.spec, schema, place) : schema;
    const required = new Set(merged.required ?? []);
    const out: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(merged.properties ?? {})) {
      const at = `${place}/properties/${name}`;
      const property = this.spec.resolve(raw, at);
      if (hiddenIn(this.direction, property)) continue;
      const known = this.fill([...path, name], property);
      if (nothingToSend(known)) {
        if (isNullable(property) || isNullable(raw)) out[name] = null;
        else if (required.has(name))
          out[name] = known === "none" ? this.build(raw, at, [...path, name]) : known.fallback();
      } else if (known !== undefined) {
        out[name] = known.value;
      } else if (required.has(name)) {
        out[name] = this.build(raw, at, [...path, name]);
      }
    }
    return out;
  }

  array(schema: Schema, place: string, path: string[]): unknown[] {
    const minItems = (schema as { minItems?: number }).minItems ?? 0;
    const items = schema.items;
    if (!items || minItems === 0) return [];
    return Array.from({ length: minItems }, () => this.build(items, `${place}/items`, path));
  }

  /**
   * A base schema whose discriminator maps the value the caller gives its property to a subtype: that subtype
   * (which includes the base), so the answer has the subtype's fields too.
   */
  mappedSubtype(schema: Schema, place: string, path: string[]): string | undefined {
    const discriminator = schema.discriminator;
    if (!discriminator?.mapping || schema.oneOf || schema.anyOf) return undefined;
    const merged = allOfMerged(this.spec, schema, place);
    const raw = merged.properties?.[discriminator.propertyName];
    if (!raw) return undefined;
    const known = this.fill([...path, discriminator.propertyName], this.spec.resolve(raw, place));
    if (known === undefined || known === "none" || !("value" in known)) return undefined;
    const target = discriminator.mapping[String(known.value)];
    const name = target === undefined ? undefined : mappedSchemaName(target);
    // A subtype that is the schema itself (or names no component) adds nothing.
    return name !== undefined && this.spec.resolve({ $ref: schemaRef(name) }, place) !== schema
      ? name
      : undefined;
  }

  /** The member whose required fields the caller can fill best: fewest it has nothing for, then spec order. */
  bestMember(members: Schema[], place: string, path: string[]): number {
    let best = 0;
    let bestMissing = Number.POSITIVE_INFINITY;
    for (const [index, member] of members.entries()) {
      const merged = allOfMerged(this.spec, member, `${place}/${index}`);
      let missing = 0;
      for (const name of merged.required ?? []) {
        const raw = merged.properties?.[name];
        if (!raw) continue;
        const property = this.spec.resolve(raw, `${place}/${index}/properties/${name}`);
        const known = this.fill([...path, name], property);
        if (nothingToSend(known) && !isNullable(property)) missing++;
      }
      if (missing < bestMissing) {
        best = index;
        bestMissing = missing;
      }
    }
    return best;
  }
}

/** The schema's type (3.1's type arrays: the first that is not "null"). */
export function typeOf(schema: Schema): string | undefined {
  return declaredTypes(schema).find((type) => type !== "null");
}

function matchesType(value: unknown, type: string | undefined): boolean {
  if (type === undefined) return true;
  if (type === "integer") return Number.isInteger(value);
  return typeof value === type;
}

/** A value as the schema's type spells it: a number as text for a string field, digits as a number. */
export function asType(schema: Schema, value: string | number): string | number {
  const type = typeOf(schema);
  if ((type === "integer" || type === "number") && typeof value === "string" && value.trim() !== "")
    return Number(value);
  if (type === "string" && typeof value === "number") return String(value);
  return value;
}
