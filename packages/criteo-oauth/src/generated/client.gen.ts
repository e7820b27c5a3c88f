// Generated from specs/criteo.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate criteo`.
import { type ClientConfig, createClientOptions } from "@x/oauth-core";
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema.gen.js";

/** The spec's server, used when no `baseUrl` is configured. */
export const DEFAULT_BASE_URL = "https://api.criteo.com";

/**
 * Configuration of the API classes and of `createCriteoClient`, like the original client's Configuration(host=...):
 * `baseUrl` (default: https://api.criteo.com), a custom `fetch` and extra `headers`.
 */
export type Configuration = ClientConfig;

/** The low-level openapi-fetch client of @x/criteo-oauth, typed by the spec's `paths`. */
export type CriteoClient = Client<paths>;

/** Creates the low-level openapi-fetch client, for `{ data, error }` results and middleware. */
export function createCriteoClient(config: Configuration = {}): CriteoClient {
  const client = createClient<paths>(createClientOptions(config, DEFAULT_BASE_URL));
  return client;
}
