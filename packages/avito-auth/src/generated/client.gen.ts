// Generated from specs/avito.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate avito`.
import { type ClientConfig, createClientOptions } from "@x/oauth-core";
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema.gen.js";

/** The spec's server, used when no `baseUrl` is configured. */
export const DEFAULT_BASE_URL = "https://api.avito.ru";

/**
 * Configuration of the API classes and of `createAvitoClient`, like the original client's Configuration(host=...):
 * `baseUrl` (default: https://api.avito.ru), a custom `fetch` and extra `headers`.
 */
export type Configuration = ClientConfig;

/** The low-level openapi-fetch client of @x/avito-auth, typed by the spec's `paths`. */
export type AvitoClient = Client<paths>;

/** Creates the low-level openapi-fetch client, for `{ data, error }` results and middleware. */
export function createAvitoClient(config: Configuration = {}): AvitoClient {
  const client = createClient<paths>(createClientOptions(config, DEFAULT_BASE_URL));
  return client;
}
