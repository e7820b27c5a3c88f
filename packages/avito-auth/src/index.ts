// The package's public surface. The generated part lives in ./generated (run `pnpm generate avito`);
// hand-written additions go here.

// What the lifecycle needs from the shared runtime, so this one package is all an app installs.
export {
  AuthorizationCallbackError,
  FileTokenStore,
  MemoryTokenStore,
  ReauthorizationRequiredError,
  type TokenManager,
  type TokenSet,
  type TokenStore,
  TokenStoreError,
} from "@x/oauth-core";
export * from "./generated/index.gen.js";
export * from "./generated/lifecycle.gen.js";
