// Generated from specs/criteo.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate criteo`.
import type { OperationSpec } from "@x/oauth-core";

/** How each method goes over the wire, from the spec: read by the runtime's callOperation. */
export const operationTable = {
  getToken: {
    provider: "criteo",
    methodName: "getToken",
    method: "POST",
    path: "/oauth2/token",
    requestMediaType: "application/x-www-form-urlencoded",
    accept: "text/plain, application/json, text/json",
    successStatuses: [200],
    errors: {
      "400": { code: "error", message: "error_description" },
      "401": { code: "error", message: "error_description" },
    },
    result: {},
    resultsBy: {
      by: "grant_type",
      shapes: {
        client_credentials: { access_token: "!s", token_type: "!s", refresh_token: "sz", expires_in: "!n" },
        authorization_code: { access_token: "!s", token_type: "!s", refresh_token: "!s", expires_in: "!n" },
        refresh_token: { access_token: "!s", token_type: "!s", refresh_token: "!s", expires_in: "!n" },
      },
    },
  },
} as const satisfies Record<string, OperationSpec>;
