// The package's public surface. The generated part lives in ./generated (run `pnpm generate criteo`);
// hand-written additions go here.
export * from "./generated/index.gen.js";
export * from "./generated/lifecycle.gen.js";
