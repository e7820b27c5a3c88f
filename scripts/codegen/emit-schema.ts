// paths, components and operations types, by openapi-typescript from the spec as read (spec order kept). The output
// is a function of the spec's text and openapi-typescript's version, so it is cached: a run whose specs did not
// change does not load openapi-typescript (and TypeScript) at all.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { ContentCache } from "../content-cache.js";
import { banner } from "./emit-code.js";
import type { SdkModel } from "./model.js";

const require = createRequire(import.meta.url);
const schemas = new ContentCache("codegen-schema", () => [
  require.resolve("openapi-typescript/package.json"),
  // Its printer is TypeScript's.
  require.resolve("typescript/package.json"),
  fileURLToPath(import.meta.url),
]);

export async function emitSchema(model: SdkModel): Promise<string> {
  const { spec } = model.spec;
  let types = schemas.get(spec.text);
  if (types === undefined) {
    // Its CommonJS build: importing the ES module build makes Node scan TypeScript's CommonJS source (9 MB) for
    // export names, which doubles the time openapi-typescript takes to load.
    const { default: openapiTS, astToString } =
      require("openapi-typescript") as typeof import("openapi-typescript");
    // openapi-typescript may annotate what it is given, so it gets its own copy of the document.
    const ast = await openapiTS(structuredClone(spec.document) as never, {
      alphabetize: false,
      silent: true,
    });
    types = astToString(ast);
    schemas.set(spec.text, types);
  }
  return `${banner(model)}${types}`;
}
