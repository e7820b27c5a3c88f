// The openapi-fetch client as the spec describes each operation: checked configuration, form bodies, headers, auth.
import { checkedConfig } from "./context.js";
import { formBody } from "./form.js";
import type { OperationWire } from "./operation-table.js";
import type { ClientConfig } from "./types.js";

/**
 * openapi-fetch client options from a configuration, with the spec's server as the default base URL. `wire` holds
 * the Accept and Content-Type that every operation of the spec shares (they win over configured headers), `auth` a
 * client authentication header (a configured Authorization wins over it). Throws a TypeError naming the option when
 * the configuration cannot work (see checkedConfig), so the mistake shows at construction.
 */
export function createClientOptions(
  config: ClientConfig,
  defaultBaseUrl: string | undefined,
  wire?: Record<string, string>,
  auth?: Record<string, string>,
): {
  baseUrl: string;
  fetch?: typeof fetch;
  headers: Record<string, string>;
  bodySerializer: typeof formBody;
} {
  const { baseUrl, headers, fetch: customFetch } = checkedConfig(config, defaultBaseUrl);
  return {
    baseUrl,
    headers: { ...auth, ...headers, ...wire },
    // Every request body our specs declare is a form: absent fields left out, never sent as "undefined".
    bodySerializer: formBody,
    ...(customFetch && { fetch: customFetch }),
  };
}

/**
 * openapi-fetch middleware for a spec whose operations differ in how they go over the wire: each operation's Accept
 * and request Content-Type, and the `auth` headers where the spec asks for HTTP Basic (unless the request has its
 * own Authorization). A spec whose operations all agree needs none: createClientOptions' `wire` and `auth` do it.
 */
export function specMiddleware(
  operations: Readonly<Record<string, OperationWire>>,
  auth: Record<string, string> = {},
) {
  // Once per client, not per call.
  const list = Object.values(operations);
  return {
    onRequest({
      request: { method, headers },
      schemaPath,
    }: {
      request: Request;
      schemaPath: string;
    }): undefined {
      const operation = list.find((item) => item.path === schemaPath && item.httpMethod === method);
      if (!operation) return;
      headers.set("accept", operation.accept);
      if (operation.requestMediaType) headers.set("content-type", operation.requestMediaType);
      if (operation.security?.includes("client_secret_basic"))
        for (const name in auth) if (!headers.has(name)) headers.set(name, auth[name] as string);
    },
  };
}
