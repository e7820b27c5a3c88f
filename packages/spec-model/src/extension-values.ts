// Checks shared by the readers of our `x-sdk*` extensions: each failure names the place in the spec.
import type { SpecDocument } from "./read.js";

/** An extension's value as an object; with `keys`, every key it has must be one of them. */
export function extensionObject(
  spec: SpecDocument,
  raw: unknown,
  place: string,
  keys?: readonly string[],
): Record<string, unknown> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) spec.fail(place, "must be an object");
  if (keys)
    for (const key of Object.keys(raw))
      if (!keys.includes(key))
        spec.fail(`${place}/${key}`, `unknown key (expected one of ${keys.join(", ")})`);
  return raw as Record<string, unknown>;
}

/** A scope separator: one character, or undefined when absent. */
export function readScopeSeparator(spec: SpecDocument, value: unknown, place: string): string | undefined {
  if (value !== undefined && (typeof value !== "string" || value.length !== 1))
    spec.fail(place, "must be one character");
  return value;
}
