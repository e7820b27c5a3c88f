// Query, header and path parameters: a part of the call only the API classes of specs that have them bundle.
import type { OperationTableEntry } from "./operation-table.js";

/** openapi-fetch's query serializer (`createQuerySerializer()`), for a spec with query parameters. */
export type QuerySerializer = (query: Record<string, unknown>) => string;
/** openapi-fetch's path serializer (`defaultPathSerializer`), for a spec with path parameters. */
export type PathSerializer = (path: string, params: Record<string, unknown>) => string;

/** Where a call's fields go: its URL, its header parameters and its body. */
export interface PlacedFields {
  readonly url: string;
  readonly header?: Record<string, unknown> | undefined;
  readonly body: Record<string, unknown>;
}

/** The serializers a spec with parameters passes: openapi-fetch's. */
export interface ParameterSerializers {
  readonly baseUrl: string;
  readonly querySerializer?: QuerySerializer | undefined;
  readonly pathSerializer?: PathSerializer | undefined;
}

// Where a field goes besides the body: the table lists the fields of each place in `queryParams`, `headerParams`, `pathParams`.
const PLACES = ["query", "header", "path"] as const;

/**
 * Each field where the spec sends it, in a stable (sorted) order, so the same fields always make the same query
 * string; the path and query serialized only where the operation has such fields (an operation with neither goes to
 * baseUrl + path). Maps built from input have no prototype.
 */
export function placeFields(
  entry: OperationTableEntry,
  fields: Record<string, unknown>,
  { baseUrl, querySerializer, pathSerializer }: ParameterSerializers,
): PlacedFields {
  const located: Partial<Record<(typeof PLACES)[number], Record<string, unknown>>> & {
    body: Record<string, unknown>;
    url: string;
  } = { __proto__: null, body: { __proto__: null }, url: baseUrl + entry.path } as never;
  for (const key of Object.keys(fields).sort()) {
    const place = PLACES.find((where) => entry[`${where}Params`]?.includes(key)) ?? "body";
    located[place] ??= { __proto__: null };
    located[place][key] = fields[key];
  }
  if (located.path) located.url = (pathSerializer as PathSerializer)(located.url, located.path);
  const query = located.query && (querySerializer as QuerySerializer)(located.query);
  if (query) located.url += `?${query}`;
  return located;
}
