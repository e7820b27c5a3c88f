// openapi-typescript's `paths`, `components` and `operations` types of a spec, made in a thread of its own
// (tool-thread.ts): it loads openapi-typescript and TypeScript as plain JavaScript while this thread loads the
// codegen, and turns specs into types while this thread emits the other files. The output is a function of the
// spec's text and the tools' versions, so it is cached: a run whose specs did not change starts no such thread.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { ContentCache } from "../content-cache.js";
import { serveRequests, ToolThread } from "../tool-thread.js";

const require = createRequire(import.meta.url);
const schemas = new ContentCache("codegen-schema", () => [
  require.resolve("openapi-typescript/package.json"),
  // Its printer is TypeScript's.
  require.resolve("typescript/package.json"),
  fileURLToPath(import.meta.url),
]);

const ROLE = "schema-types";
const thread = new ToolThread<unknown, string>(new URL("./schema-thread.mjs", import.meta.url), ROLE);

/** Starts the thread before its first spec: openapi-typescript and TypeScript take a while to load. */
export function startSchemaThread(): void {
  thread.start();
}

export function cachedSchemaTypes(text: string): string | undefined {
  return schemas.get(text);
}

/** The types of a spec (its text and the document parsed from it): cached, else made in the thread. */
export async function schemaTypes(text: string, document: unknown): Promise<string> {
  const cached = schemas.get(text);
  if (cached !== undefined) return cached;
  const types = await thread.request(document);
  schemas.set(text, types);
  return types;
}

let redocly: Promise<unknown> | undefined;

serveRequests<unknown, string>(ROLE, async (document) => {
  // Its CommonJS build: importing the ES module build makes Node scan TypeScript's CommonJS source (9 MB) for
  // export names, which doubles the time openapi-typescript takes to load.
  const { default: openapiTS, astToString } =
    require("openapi-typescript") as typeof import("openapi-typescript");
  // The Redocly config openapi-typescript would make for every spec (its own default), made once.
  redocly ??= (
    createRequire(require.resolve("openapi-typescript"))("@redocly/openapi-core") as {
      createConfig(config: object, options: object): Promise<unknown>;
    }
  ).createConfig(
    { rules: { "operation-operationId-unique": { severity: "error" } } },
    { extends: ["minimal"] },
  );
  // The document is this thread's own copy, which openapi-typescript may annotate.
  const ast = await openapiTS(document as never, {
    alphabetize: false,
    silent: true,
    redocly: (await redocly) as never,
  });
  return astToString(ast);
});
