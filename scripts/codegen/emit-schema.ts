import openapiTS, { astToString } from "openapi-typescript";
import { banner } from "./emit-code.js";
import type { SdkModel } from "./model.js";

/** paths, components and operations types, by openapi-typescript from the spec as read (spec order kept). */
export async function emitSchema(model: SdkModel): Promise<string> {
  // openapi-typescript may annotate what it is given, so it gets its own copy of the document.
  const document = structuredClone(model.spec.spec.document);
  const ast = await openapiTS(document as never, { alphabetize: false, silent: true });
  return `${banner(model)}${astToString(ast)}`;
}
