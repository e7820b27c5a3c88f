// Entry of the spec lint thread (lint-thread.ts), which starts without tsx (tool-thread.ts). The linters' packages load
// first, as plain JavaScript; then tsx's CommonJS hook (in this thread, with no hooks thread of its own to start)
// loads the TypeScript module that serves the requests.
import { createRequire } from "node:module";

await Promise.all([import("@redocly/openapi-core"), import("@apidevtools/swagger-parser")]);
const require = createRequire(import.meta.url);
require("tsx/cjs/api").register();
require("./lint-thread.ts");
