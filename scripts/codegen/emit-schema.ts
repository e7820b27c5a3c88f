// paths, components and operations types, by openapi-typescript from the spec as read (spec order kept).
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { markVendorNullable, type SpecModel } from "@x/spec-model";
import { repoRoot } from "../repo.js";
import { banner } from "./emit-code.js";

// Its CommonJS build: through its ES module build, Node scans TypeScript's 9 MB CommonJS source for export names,
// which doubles the time openapi-typescript takes to load.
const { default: openapiTS, astToString } = createRequire(import.meta.url)(
  "openapi-typescript",
) as typeof import("openapi-typescript");

export async function emitSchema(model: SpecModel): Promise<string> {
  // openapi-typescript annotates the document it is given: it gets its own copy. A `$ref` left in it is data (an
  // example value's, which it still follows): from the spec's folder.
  const document = structuredClone(model.spec.document);
  markVendorNullable(document);
  const cwd = pathToFileURL(path.resolve(repoRoot, model.spec.file));
  const ast = await openapiTS(document as never, { alphabetize: false, silent: true, cwd });
  return `${banner(model)}${astToString(ast)}`;
}
