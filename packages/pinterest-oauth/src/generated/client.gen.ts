// Generated from specs/pinterest.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate pinterest`.
import { basicAuthorization, type BasicClientConfig, createClientOptions } from "@x/oauth-core";
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema.gen.js";

/** The spec's server, used when no `baseUrl` is configured. */
export const DEFAULT_BASE_URL = "https://api.pinterest.com/v5";

/**
 * Configuration of the API classes and of `createPinterestClient`, like the original client's Configuration(host=...):
 * `baseUrl` (default: https://api.pinterest.com/v5), a custom `fetch`, extra `headers`, the limits `timeout` (ms, default 30,000),
 * `maxResponseBytes` (default 1 MiB) and `retry` (`{ retries, maxDelayMs }`, default off), and `clientId` / `clientSecret` for HTTP
 * Basic client authentication (RFC 6749 §2.3.1).
 */
export type Configuration = BasicClientConfig;

/** The low-level openapi-fetch client of @x/pinterest-oauth, typed by the spec's `paths`. */
export type PinterestClient = Client<paths>;

/**
 * Creates the low-level openapi-fetch client, for `{ data, error }` results and middleware. It sends every operation as
 * the spec says (form bodies with absent fields left out, the spec's Accept and Content-Type, HTTP Basic), and follows
 * openapi-fetch's defaults otherwise (no timeout, size cap or result check: those are the API classes').
 * @throws {TypeError} when `baseUrl` is not an absolute http(s) URL or the credentials are missing.
 */
export function createPinterestClient(config: Configuration = {}): PinterestClient {
  // Every operation goes over the wire alike: the client's own headers say how, no middleware needed.
  return createClient<paths>(
    createClientOptions(
      config,
      DEFAULT_BASE_URL,
      { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
      basicAuthorization(config),
    ),
  );
}
