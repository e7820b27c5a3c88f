// Generated from specs/pinterest.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate pinterest`.
import { basicAuthMiddleware, type BasicClientConfig, createClientOptions } from "@x/oauth-core";
import createClient, { type Client } from "openapi-fetch";
import { operationTable } from "./operations.gen.js";
import type { paths } from "./schema.gen.js";

/** The spec's server, used when no `baseUrl` is configured. */
export const DEFAULT_BASE_URL = "https://api.pinterest.com/v5";

/**
 * Configuration of the API classes and of `createPinterestClient`, like the original client's Configuration(host=...):
 * `baseUrl` (default: https://api.pinterest.com/v5), a custom `fetch` and extra `headers`, and `clientId` / `clientSecret` for HTTP
 * Basic client authentication (RFC 6749 §2.3.1).
 */
export type Configuration = BasicClientConfig;

/** The low-level openapi-fetch client of @x/pinterest-oauth, typed by the spec's `paths`. */
export type PinterestClient = Client<paths>;

/** Creates the low-level openapi-fetch client, for `{ data, error }` results and middleware. */
export function createPinterestClient(config: Configuration = {}): PinterestClient {
  const client = createClient<paths>(createClientOptions(config, DEFAULT_BASE_URL));
  client.use(basicAuthMiddleware(config, Object.values(operationTable)));
  return client;
}
