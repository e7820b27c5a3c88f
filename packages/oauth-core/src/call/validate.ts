// Checks a parsed success body against the operation's result shape, generated from the spec's success schema.
import { own } from "./options.js";

/** The JSON type of a value, as a result shape names it. */
export type JsonType = "string" | "number" | "boolean" | "object" | "array" | "null";

/**
 * A result shape, generated per operation: for each field, the JSON types it may have, joined with "|" and marked
 * "optional " when a body may leave it out; or a nested shape, for a required object field.
 * `{ access_token: "string", expires_in: "number|string", refresh_token: "optional string|null" }`.
 */
export type ResultShape = { readonly [field: string]: string | ResultShape };

/** Per value of a request field (e.g. grant_type), the shape of that overload's result. */
export interface ResultShapes {
  readonly field: string;
  readonly shapes: { readonly [value: string]: ResultShape };
}

export const jsonType = (value: unknown): JsonType =>
  value === null ? "null" : Array.isArray(value) ? "array" : (typeof value as JsonType);

/**
 * Where `value` breaks `shape`: the dotted path of the first bad field, "" when `value` is not an object, undefined
 * when it matches. Only the body's own fields count, never one inherited from Object.prototype.
 */
export function invalidAt(value: unknown, shape: ResultShape, path = ""): string | undefined {
  if (jsonType(value) !== "object") return path;
  for (const field of Object.keys(shape)) {
    const rule = shape[field] as string | ResultShape;
    const item = own(value as Record<string, unknown>, field);
    // The dotted path is built only for a field that fails: a valid body makes no string. No type name is part of
    // another, so the list is searched as it is.
    const at =
      typeof rule === "object"
        ? invalidAt(item, rule, field)
        : (item === undefined ? !rule.startsWith("optional") : !rule.includes(jsonType(item)))
          ? field
          : undefined;
    if (at !== undefined) return path ? `${path}.${at}` : at;
  }
  return undefined;
}
