// Entry of the schema types thread (schema-thread.ts), which starts without tsx (../tool-thread.ts):
// openapi-typescript and TypeScript load first, as plain JavaScript; then tsx's CommonJS hook (in this thread, with
// no hooks thread of its own to start) loads the TypeScript module that serves the requests.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
require("openapi-typescript");
require("tsx/cjs/api").register();
require("./schema-thread.ts");
