import { type BasicCredentials, basicAuthHeader } from "./basic-auth.js";
import type { OperationSpec } from "./operation.js";
import type { ClientConfig } from "./types.js";

/** openapi-fetch client options from a configuration, with the spec's server as the default base URL. */
export function createClientOptions(
  config: ClientConfig,
  defaultBaseUrl: string,
): { baseUrl: string; fetch?: typeof fetch; headers?: Record<string, string> } {
  return {
    baseUrl: config.baseUrl ?? defaultBaseUrl,
    ...(config.fetch === undefined ? {} : { fetch: config.fetch }),
    ...(config.headers === undefined ? {} : { headers: config.headers }),
  };
}

/**
 * openapi-fetch middleware that adds HTTP Basic client authentication to the operations whose spec asks for it,
 * unless the request already carries an Authorization header.
 */
export function basicAuthMiddleware(credentials: BasicCredentials, operations: readonly OperationSpec[]) {
  return {
    async onRequest({ request, schemaPath }: { request: Request; schemaPath: string }): Promise<undefined> {
      const { clientId, clientSecret } = credentials;
      if (clientId === undefined || clientSecret === undefined || request.headers.has("authorization"))
        return;
      const needsBasic = operations.some(
        (operation) =>
          operation.path === schemaPath &&
          operation.method === request.method &&
          operation.security.includes("basic"),
      );
      if (needsBasic) request.headers.set("Authorization", basicAuthHeader(clientId, clientSecret));
    },
  };
}
