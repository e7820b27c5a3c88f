import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { banner } from "./emit-code.js";
import type { SdkModel } from "./model.js";

/** paths, components and operations types, by openapi-typescript (spec order kept, so diffs follow the spec). */
export async function emitSchema(model: SdkModel, absoluteSpecPath: string): Promise<string> {
  const ast = await openapiTS(pathToFileURL(absoluteSpecPath), { alphabetize: false, silent: true });
  return `${banner(model)}${astToString(ast)}`;
}
