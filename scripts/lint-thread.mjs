// Entry of the spec lint thread (lint-thread.ts). A worker thread starts without the TypeScript loader of the
// thread that made it, so it registers tsx before it loads the TypeScript module. The linters' own packages are
// loaded first, without it: through the loader, each of their several hundred modules is a round trip to its thread.
import { register } from "tsx/esm/api";

await Promise.all([import("@redocly/openapi-core"), import("@apidevtools/swagger-parser")]);
register();
await import("./lint-thread.ts");
