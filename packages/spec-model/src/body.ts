// Form bodies: the fields of each variant of a (possibly discriminated) body, and the values filled in.
import type { Schema } from "./document.js";
import { mappedSchemaName, pointer, schemaRef, schemaRefName } from "./pointer.js";
import type { SpecDocument } from "./read.js";
import { allOfMerged } from "./schema/value-types.js";

export type FieldLocation = "query" | "header" | "path" | "form";

/** One field of a method's parameter object. */
export interface FieldModel {
  name: string;
  in: FieldLocation;
  required: boolean;
  /** The schema as written (a `$ref` stays one, so emitters can name the model). */
  schema: Schema;
  /** A value filled in when left out: the schema's default, or the only value of a one-value enum. */
  default?: string;
  description?: string;
  example?: unknown;
}

/** The value of a discriminated body's property that selects one variant. */
export interface Discriminator {
  property: string;
  /** The value that names this variant (its mapping key, its one enum value, or its schema name). */
  value: string;
  /** Every value that selects this variant (mapping keys or enum values); `value` first. */
  values: string[];
}

/** One variant of a form body (the only one, or one oneOf/anyOf member). */
export interface BodyVariant {
  /** components.schemas name of the variant, when it is a component. */
  schemaName?: string;
  /** The variant's schema as written. */
  schema: Schema;
  discriminator?: Discriminator;
  fields: FieldModel[];
  /** Spec place of the variant's schema. */
  place: string;
}

/** The variants of a body schema: its oneOf/anyOf members, or the schema itself. */
export function bodyVariants(spec: SpecDocument, raw: Schema, place: string): BodyVariant[] {
  const schema = spec.resolve(raw, place);
  const members = schema.oneOf ?? schema.anyOf ?? mappedMembers(schema);
  if (!members) {
    const schemaName = schemaRefName(raw);
    return [
      {
        ...(schemaName ? { schemaName } : {}),
        schema: raw,
        fields: formFields(spec, allOfMerged(spec, raw, place), place),
        place,
      },
    ];
  }
  const property = schema.discriminator?.propertyName;
  const key = schema.oneOf ? "oneOf" : schema.anyOf ? "anyOf" : "discriminator/mapping";
  return members.map((member, index) => {
    // A mapped subtype sits in components.schemas; a member, in the list that names it.
    const mapped = key === "discriminator/mapping" ? schemaRefName(member) : undefined;
    const memberPlace = mapped ? pointer("components", "schemas", mapped) : `${place}/${key}/${index}`;
    const schemaName = schemaRefName(member);
    const resolved = allOfMerged(spec, member, memberPlace);
    const discriminator = property ? discriminatorOf(schema, schemaName, resolved, property) : undefined;
    return {
      ...(schemaName ? { schemaName } : {}),
      schema: member,
      ...(discriminator ? { discriminator } : {}),
      fields: formFields(spec, resolved, memberPlace),
      place: memberPlace,
    };
  });
}

/**
 * A base schema's discriminator without oneOf/anyOf: its mapping's targets are the variants (each a subtype the
 * value names), in mapping order.
 */
function mappedMembers(schema: Schema): Schema[] | undefined {
  const targets = Object.values(schema.discriminator?.mapping ?? {});
  const names = [...new Set(targets.map(mappedSchemaName).filter((name) => name !== undefined))];
  return names.length > 0 ? names.map((name) => ({ $ref: schemaRef(name) })) : undefined;
}

function discriminatorOf(
  parent: Schema,
  schemaName: string | undefined,
  member: Schema,
  property: string,
): Discriminator | undefined {
  const mapped = Object.entries(parent.discriminator?.mapping ?? {})
    .filter(([, target]) => schemaName !== undefined && mappedSchemaName(target) === schemaName)
    .map(([value]) => value);
  const own = member.properties?.[property];
  const enumValues = (own?.enum ?? (own?.const !== undefined ? [own.const] : [])).map(String);
  const value =
    mapped[0] ?? (enumValues.length === 1 ? enumValues[0] : undefined) ?? schemaName ?? enumValues[0];
  if (value === undefined) return undefined;
  const values = mapped.length > 0 ? mapped : enumValues.length > 0 ? enumValues : [value];
  return { property, value, values: [value, ...values.filter((other) => other !== value)] };
}

function formFields(spec: SpecDocument, schema: Schema, place: string): FieldModel[] {
  if (schema.type !== undefined && schema.type !== "object")
    spec.fail(place, `a form body must be an object, not ${schema.type}`);
  return Object.entries(schema.properties ?? {}).map(([name, raw]) => {
    const property = spec.resolve(raw, `${place}/properties/${name}`);
    const fallback = filledInValue(property);
    return {
      name,
      in: "form" as const,
      required: schema.required?.includes(name) === true,
      schema: raw,
      ...(fallback !== undefined ? { default: fallback } : {}),
      ...(property.description ? { description: property.description } : {}),
      ...(property.example !== undefined ? { example: property.example } : {}),
    };
  });
}

/** A value the SDK fills in: the schema's default, or the only value of a one-value enum. */
export function filledInValue(schema: Schema): string | undefined {
  if (typeof schema.default === "string" || typeof schema.default === "number") return String(schema.default);
  const [only, ...others] = schema.enum ?? [];
  if (others.length === 0 && (typeof only === "string" || typeof only === "number")) return String(only);
  return undefined;
}

/** The values the fields fill in when left out, by name. */
export function defaultsOf(fields: FieldModel[]): Record<string, string> {
  return Object.fromEntries(
    fields.flatMap((field) => (field.default === undefined ? [] : [[field.name, field.default]])),
  );
}

/** Values every variant fills in alike (a discriminated body has none for its discriminator). */
export function sharedDefaults([first, ...rest]: BodyVariant[]): Record<string, string> {
  const alike = (field: FieldModel) =>
    rest.every((variant) =>
      variant.fields.some((other) => other.name === field.name && other.default === field.default),
    );
  return defaultsOf(first?.fields.filter(alike) ?? []);
}
