// `x-sdk-success-schema`: what a success response's body is once `x-sdk-error-in-body` has called it a success.
// The response's own schema also describes the errors reported in it, so it cannot require the token's fields.

import type { Operation, Schema } from "./document.js";
import { schemaRefName } from "./pointer.js";
import type { SpecDocument } from "./read.js";
import type { ErrorInBody, ResponseModel } from "./responses.js";
import { allOfMerged } from "./schema/value-types.js";

/** components.schemas name of the success schema, when the response names one; checked against the response. */
export function readSuccessSchema(
  spec: SpecDocument,
  operation: Operation,
  success: ResponseModel,
  errorInBody: ErrorInBody | undefined,
): string | undefined {
  const raw = operation.responses?.[success.status];
  const value = raw ? spec.resolve(raw, success.place)["x-sdk-success-schema"] : undefined;
  if (value === undefined) return undefined;
  const place = `${success.place}/x-sdk-success-schema`;
  const name = schemaRefName(value);
  if (name === undefined)
    spec.fail(place, "must be a $ref to a components.schemas model (the method's result)");
  if (!errorInBody) {
    spec.fail(
      place,
      "needs x-sdk-error-in-body on the same response; without it, the response's schema is the result",
    );
  }
  const body = success.body;
  if (body?.schema) checkDeclared(spec, value, body.schema, place, "");
  return name;
}

/** Fails at the first field of `narrow` that `wide` does not declare, nested objects included (each schema once). */
function checkDeclared(
  spec: SpecDocument,
  narrow: Schema,
  wide: Schema,
  place: string,
  prefix: string,
  seen = new Set<Schema>(),
): void {
  const resolved = spec.resolve(narrow, place);
  if (resolved === spec.resolve(wide, place) || seen.has(resolved)) return;
  seen.add(resolved);
  const fields = allOfMerged(spec, resolved, place).properties ?? {};
  const declared = allOfMerged(spec, wide, place).properties ?? {};
  for (const [name, field] of Object.entries(fields)) {
    const other = declared[name];
    if (!other) spec.fail(place, `field ${prefix}${name} is not in the response's schema`);
    checkDeclared(spec, field, other, place, `${prefix}${name}.`, seen);
  }
}
