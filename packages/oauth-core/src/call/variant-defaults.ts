// Values only some variants of a discriminated body fill in: applied by the generated API classes of the specs that
// have them, so no other package bundles this.
import type { OperationTableEntry } from "./operation-table.js";
import { isPlainObject, own } from "./options.js";

/**
 * The caller's parameters over the values the variant they pick (by the discriminator's value) fills in; the
 * parameters as they are when they pick none, or are not a plain object (callOperation then refuses them).
 */
export function withVariantDefaults(entry: OperationTableEntry, params: object): object {
  const by = entry.defaultsBy;
  if (!by || !isPlainObject(params)) return params;
  const given = params as Record<string, unknown>;
  const picked = own(by.defaults, given[by.field] as string);
  if (!picked) return params;
  // A field given as undefined is left out, as callOperation does: the variant's value stays.
  const fields: Record<string, unknown> = { ...picked };
  for (const key of Object.keys(given)) if (given[key] !== undefined) fields[key] = given[key];
  return fields;
}
