// paths, components and operations types, by openapi-typescript from the spec as read (spec order kept), in its own
// thread and cached by the spec's text (schema-thread.ts).
import { banner } from "./emit-code.js";
import type { SdkModel } from "./model.js";
import { schemaTypes } from "./schema-thread.js";

export async function emitSchema(model: SdkModel): Promise<string> {
  const { spec } = model.spec;
  return `${banner(model)}${await schemaTypes(spec.text, spec.document)}`;
}
