export type FormValue = string | number | boolean | bigint | null | undefined;

/**
 * An application/x-www-form-urlencoded body. Absent fields (undefined or null) are left out, never sent as the
 * string "undefined"; arrays repeat their key; keys come in a stable (sorted) order.
 */
export function formBody(fields: object | undefined): URLSearchParams {
  const body = new URLSearchParams();
  for (const key of Object.keys(fields ?? {}).sort()) {
    const value: unknown = (fields as Record<string, unknown>)[key];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      body.append(key, formString(key, item));
    }
  }
  return body;
}

function formString(key: string, value: unknown): string {
  if (typeof value === "object" || typeof value === "function" || typeof value === "symbol")
    throw new TypeError(`form field "${key}" must be a string, number or boolean`);
  return String(value);
}

/** One value encoded as application/x-www-form-urlencoded (space as "+", UTF-8 percent-encoding). */
export function formEncode(value: string): string {
  return new URLSearchParams([["", value]]).toString().slice(1);
}
