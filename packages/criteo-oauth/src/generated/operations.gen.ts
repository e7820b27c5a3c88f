// Generated from specs/criteo.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate criteo`.
import type { OperationTableEntry } from "@x/oauth-core";

/** How each method goes over the wire, from the spec: read by the runtime's callOperation. */
export const operationTable = {
  getToken: {
    provider: "criteo",
    sdkMethod: "getToken",
    httpMethod: "POST",
    path: "/oauth2/token",
    requestMediaType: "application/x-www-form-urlencoded",
    accept: "text/plain, application/json, text/json",
    successStatuses: [200],
    errorFields: {
      "400": { code: "error", message: "error_description" },
      "401": { code: "error", message: "error_description" },
    },
    result: {},
    resultsBy: {
      field: "grant_type",
      shapes: {
        client_credentials: {
          access_token: "string",
          token_type: "string",
          refresh_token: "optional string|null",
          expires_in: "number",
        },
        authorization_code: {
          access_token: "string",
          token_type: "string",
          refresh_token: "string",
          expires_in: "number",
        },
        refresh_token: {
          access_token: "string",
          token_type: "string",
          refresh_token: "string",
          expires_in: "number",
        },
      },
    },
  },
} as const satisfies Record<string, OperationTableEntry>;
