// What an operation-table entry leaves out because the runtime reads the same without it (see
// packages/oauth-core/src/call/operation.ts): an error status's paths that its fallback gives anyway, an overload's
// result shape that is the operation's own.
import { isDeepStrictEqual } from "node:util";

interface TableEntry {
  errorFields?: Record<string, unknown>;
  result?: unknown;
  resultsBy?: { field: string; shapes: Record<string, unknown> };
  [key: string]: unknown;
}

/**
 * The entry without what equals its fallback: errorFields of a status ("400") equal to those of its class ("4XX")
 * or, without one, to "default"; those of a class equal to "default"; resultsBy shapes equal to `result` (resultsBy
 * goes when none is left).
 */
export function withoutFallbacks<T extends TableEntry>(entry: T): T {
  const compact: TableEntry = { ...entry };
  if (entry.errorFields) {
    const fields = { ...entry.errorFields };
    const fallback = (status: string) =>
      /^\d+$/.test(status) ? (fields[`${status[0]}XX`] ?? fields.default) : fields.default;
    // Statuses before classes: a status is compared with its class while the class is still there.
    for (const status of Object.keys(fields).sort((a, b) => Number(/X/.test(a)) - Number(/X/.test(b)))) {
      if (status !== "default" && isDeepStrictEqual(fields[status], fallback(status))) delete fields[status];
    }
    compact.errorFields = fields;
  }
  if (entry.resultsBy) {
    const shapes = Object.fromEntries(
      Object.entries(entry.resultsBy.shapes).filter(([, shape]) => !isDeepStrictEqual(shape, entry.result)),
    );
    if (Object.keys(shapes).length > 0) compact.resultsBy = { ...entry.resultsBy, shapes };
    else delete compact.resultsBy;
  }
  return compact as T;
}
