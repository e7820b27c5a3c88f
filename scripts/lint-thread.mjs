// Entry of the spec lint thread (lint-thread.ts). A worker thread starts without the TypeScript loader of the
// thread that made it, so it registers tsx before it loads the TypeScript module.
import { register } from "tsx/esm/api";

register();
await import("./lint-thread.ts");
