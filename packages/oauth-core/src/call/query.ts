// The query string of a spec whose query parameters are all scalars, as openapi-fetch's own serializer writes it.
import { serializePrimitiveParam } from "openapi-fetch";
import type { QuerySerializer } from "./parameters.js";

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
