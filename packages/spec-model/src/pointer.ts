// JSON pointers and component references: the one place that spells "#/components/".

/** "#/paths/~1token/post" from its segments. */
export function pointer(...segments: (string | number)[]): string {
  return `#/${segments.map((segment) => String(segment).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}

/** The segments of a local reference or pointer ("#/a/b~1c" → ["a", "b/c"]); undefined when it is not local. */
export function pointerSegments(ref: string): string[] | undefined {
  if (ref === "#" || ref === "#/") return [];
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~"));
}

const SCHEMAS = "#/components/schemas/";

/** The components.schemas name a `$ref` points at; undefined for any other reference. */
export function schemaRefName(value: { $ref?: string } | undefined): string | undefined {
  const ref = value?.$ref;
  if (ref === undefined || !ref.startsWith(SCHEMAS)) return undefined;
  const segments = pointerSegments(ref);
  return segments?.length === 3 ? segments[2] : undefined;
}

/** The `$ref` of a components.schemas entry. */
export function schemaRef(name: string): string {
  return pointer("components", "schemas", name);
}

/** A discriminator mapping value: a `$ref` or, per OpenAPI, a bare schema name. */
export function mappedSchemaName(value: string): string | undefined {
  return value.startsWith("#") ? schemaRefName({ $ref: value }) : value;
}
