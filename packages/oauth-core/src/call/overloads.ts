// The result shape of an overloaded method's call: a part of the call only the API classes of specs whose overloads
// answer with their own success models bundle.
import type { OperationTableEntry } from "./operation-table.js";
import { own } from "./options.js";
import type { ResultShape } from "./validate.js";

/**
 * The result shape of the overload the request's fields pick (by the value of the entry's `resultsBy.field`), or
 * undefined when it has none of its own: the call then checks the operation's `result`.
 */
export function overloadResultShape(
  entry: OperationTableEntry,
  fields: Record<string, unknown>,
): ResultShape | undefined {
  const { resultsBy } = entry;
  return resultsBy && own(resultsBy.shapes, fields[resultsBy.field] as string);
}
