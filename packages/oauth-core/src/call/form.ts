export type FormValue = string | number | boolean | bigint | null | undefined;

/**
 * An application/x-www-form-urlencoded body. Absent fields (undefined or null) are left out, never sent as the
 * string "undefined"; arrays repeat their key; keys come in a stable (sorted) order.
 */
export function formBody(fields: object | undefined): URLSearchParams {
  const body = new URLSearchParams();
  for (const key of Object.keys(fields ?? {}).sort()) {
    const value = (fields as Record<string, unknown>)[key];
    // Not [value].flat(), which costs more than building the rest of the body.
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item == null) continue;
      if (Object(item) === item || typeof item === "symbol")
        throw new TypeError(`form field "${key}" must be a string, number or boolean`);
      body.append(key, String(item));
    }
  }
  return body;
}

/** One value encoded as application/x-www-form-urlencoded (space as "+", UTF-8 percent-encoding). */
export function formEncode(value: string): string {
  return new URLSearchParams([["", value]]).toString().slice(1);
}
