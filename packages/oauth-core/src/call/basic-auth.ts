import { own } from "./options.js";
import type { BasicCredentials, ClientConfig } from "./types.js";

/**
 * The Authorization header for OAuth client authentication with HTTP Basic, RFC 6749 §2.3.1: client_id and
 * client_secret are each form-urlencoded, joined with ":", and base64-encoded. Works for any Unicode text: form
 * encoding leaves only ASCII (UTF-8 percent-encoded), which btoa takes as it is. One form pair `id=secret` is
 * both encoded; its first "=" is the separator (an "=" inside either is encoded).
 */
export function basicAuthHeader(clientId: string, clientSecret: string): string {
  return `Basic ${btoa(new URLSearchParams([[clientId, clientSecret]]).toString().replace("=", ":"))}`;
}

/**
 * The client authentication headers of a configuration whose spec asks for HTTP Basic, computed once per client.
 * Only the packages whose spec has Basic auth import it, so the others do not bundle it. Throws a TypeError naming
 * the options when the credentials are missing and no Authorization header of the caller's own is configured.
 */
export function basicAuthorization(config: ClientConfig & BasicCredentials): Record<string, string> {
  const clientId = own(config, "clientId");
  const clientSecret = own(config, "clientSecret");
  const headers = own(config, "headers");
  if (clientId && clientSecret) return { authorization: basicAuthHeader(clientId, clientSecret) };
  if (new Headers(headers).has("authorization")) return {};
  throw new TypeError("clientId and clientSecret are required (HTTP Basic client authentication)");
}

/**
 * The Basic header of a configuration with credentials, none without: for a spec whose operations also take another
 * client authentication (none, an API key, a token), which the caller then configures or sends. Kept apart from
 * basicAuthorization so that a package importing one bundles only it.
 */
export function optionalBasicAuthorization(config: ClientConfig & BasicCredentials): Record<string, string> {
  const clientId = own(config, "clientId");
  const clientSecret = own(config, "clientSecret");
  return clientId && clientSecret ? { authorization: basicAuthHeader(clientId, clientSecret) } : {};
}
