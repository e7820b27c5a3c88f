// The openapi-fetch client as the spec describes each operation: checked configuration, form bodies, headers, auth.
import { type BasicCredentials, basicAuthHeader } from "./basic-auth.js";
import { formBody } from "./form.js";
import type { OperationSpec } from "./operation.js";
import type { ClientConfig } from "./types.js";

type Operations = Readonly<Record<string, OperationSpec>>;

/** The values of the Authorization headers in a headers record, whatever the case of the name. */
export const authorizationValues = (headers: Record<string, string> | undefined): string[] =>
  Object.entries(headers ?? {})
    .filter(([name]) => name.toLowerCase() === "authorization")
    .map(([, value]) => String(value));

/**
 * openapi-fetch client options from a configuration, with the spec's server as the default base URL. Throws a
 * TypeError naming the option when the configuration cannot work, so the mistake shows at construction.
 */
export function createClientOptions(
  config: ClientConfig & BasicCredentials,
  defaultBaseUrl: string,
  operations: Operations,
): {
  baseUrl: string;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
  bodySerializer: typeof formBody;
} {
  const baseUrl = config.baseUrl ?? defaultBaseUrl;
  if (!/^https?:\/\/[^/]/i.test(baseUrl) || !URL.canParse(baseUrl))
    throw new TypeError("baseUrl must be an absolute http(s) URL");
  const needsBasic = Object.values(operations).some((operation) => operation.security.includes("basic"));
  if (needsBasic && !(config.clientId && config.clientSecret) && !authorizationValues(config.headers)[0])
    throw new TypeError("clientId and clientSecret are required (HTTP Basic client authentication)");
  return {
    baseUrl,
    ...(config.fetch === undefined ? {} : { fetch: config.fetch }),
    ...(config.headers === undefined ? {} : { headers: config.headers }),
    // Every request body our specs declare is a form: absent fields left out, never sent as "undefined".
    bodySerializer: formBody,
  };
}

/**
 * openapi-fetch middleware that sends each operation as its spec says: its Accept and request Content-Type, and
 * HTTP Basic client authentication where the spec asks for it (unless the request has its own Authorization).
 */
export function specMiddleware(config: ClientConfig & BasicCredentials, operations: Operations) {
  const list = Object.values(operations);
  return {
    onRequest({ request, schemaPath }: { request: Request; schemaPath: string }): undefined {
      const operation = list.find((item) => item.path === schemaPath && item.method === request.method);
      if (!operation) return;
      const { headers } = request;
      headers.set("accept", operation.accept);
      if (operation.requestMediaType) headers.set("content-type", operation.requestMediaType);
      const { clientId, clientSecret } = config;
      if (operation.security.includes("basic") && clientId && clientSecret && !headers.has("authorization"))
        headers.set("authorization", basicAuthHeader(clientId, clientSecret));
    },
  };
}
