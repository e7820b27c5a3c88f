// Checks a parsed success body against the operation's result shape, generated from the spec's success schema.

/**
 * A result shape, generated per operation: each field maps to the JSON types it may have, as letters — `s` string,
 * `n` number, `b` boolean, `o` object, `a` array, `z` null — prefixed with `!` when the field is required; or to a
 * nested shape, for a required object field. `{ access_token: "!s", expires_in: "!ns", scope: "s" }`.
 */
export type ResultShape = { readonly [field: string]: string | ResultShape };

/** Per value of a request field (e.g. grant_type), the shape of that overload's result. */
export interface ResultShapes {
  readonly by: string;
  readonly shapes: { readonly [value: string]: ResultShape };
}

const typeLetter = (value: unknown): string =>
  value === null ? "z" : Array.isArray(value) ? "a" : ((typeof value)[0] as string);

/**
 * Where `value` breaks `shape`: the dotted path of the first bad field, "" when `value` is not an object, undefined
 * when it matches.
 */
export function invalidAt(value: unknown, shape: ResultShape, path = ""): string | undefined {
  if (typeLetter(value) !== "o") return path;
  for (const field in shape) {
    const rule = shape[field] as string | ResultShape;
    const item = (value as Record<string, unknown>)[field];
    // The dotted path is built only for a field that fails: a valid body makes no string.
    const at =
      typeof rule === "object"
        ? invalidAt(item, rule, field)
        : (item === undefined ? rule[0] === "!" : !rule.includes(typeLetter(item)))
          ? field
          : undefined;
    if (at !== undefined) return path ? `${path}.${at}` : at;
  }
  return undefined;
}
