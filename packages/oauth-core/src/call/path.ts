import { own } from "./options.js";
import { jsonType } from "./validate.js";

/**
 * The value at a dotted path ("data.error_code") inside parsed JSON, or undefined; only own properties are followed,
 * never one inherited from Object.prototype.
 */
export function valueAtPath(value: unknown, path = ""): unknown {
  let current = value;
  for (const key of path.split(".")) {
    if (jsonType(current) !== "object") return undefined;
    current = own(current as Record<string, unknown>, key);
  }
  return current;
}
