// Query strings of specs whose query parameters are all scalars, as openapi-fetch's own serializer writes them.
import { serializePrimitiveParam } from "openapi-fetch";
import type { OperationTableEntry } from "./operation-table.js";
import type { ParameterSerializers, PlacedFields, QuerySerializer } from "./parameters.js";

/**
 * openapi-fetch's `createQuerySerializer()` for scalar values only: each `name=value` through openapi-fetch's
 * `serializePrimitiveParam` (percent-encoded), absent ones (undefined, null) left out. It does without the array
 * and object styles, about 1.5 KB minified, which a spec whose query parameters are all scalars never uses.
 */
export const scalarQuerySerializer: QuerySerializer = (query) =>
  Object.keys(query)
    .map((name) => serializePrimitiveParam(name, query[name] as string))
    .filter(Boolean)
    .join("&");

/**
 * `placeFields` for a spec whose operations send every parameter in the query, each a scalar, and have no body: the
 * URL with the operation's query parameters in the table's (sorted) order, as `scalarQuerySerializer` writes them.
 * A field the operation does not list is not sent, as with `placeFields` for an operation without a body.
 */
export function placeQuery(
  entry: OperationTableEntry,
  fields: Record<string, unknown>,
  { baseUrl }: ParameterSerializers,
): PlacedFields {
  let url = baseUrl + entry.path;
  let separator = "?";
  for (const name of entry.queryParams ?? []) {
    const pair = serializePrimitiveParam(name, fields[name] as string);
    if (pair) {
      url += separator + pair;
      separator = "&";
    }
  }
  return { url, body: {} };
}
