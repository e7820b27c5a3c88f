// Generated from specs/pinterest.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate pinterest`.
import type { OperationTableEntry } from "@x/oauth-core";

/** How each method goes over the wire, from the spec: read by the runtime's callOperation. */
export const operationTable = {
  oauthToken: {
    provider: "pinterest",
    sdkMethod: "oauthToken",
    httpMethod: "POST",
    path: "/oauth/token",
    requestMediaType: "application/x-www-form-urlencoded",
    accept: "application/json",
    security: ["client_secret_basic"],
    successStatuses: [200],
    errorFields: { default: { code: "code", message: "message" } },
    result: {
      access_token: "string",
      token_type: "string",
      expires_in: "number",
      scope: "string",
      response_type: "optional string",
    },
    resultsBy: {
      field: "grant_type",
      shapes: {
        authorization_code: {
          access_token: "string",
          token_type: "string",
          expires_in: "number",
          scope: "string",
          response_type: "optional string",
          refresh_token: "string",
          refresh_token_expires_in: "number",
        },
        refresh_token: {
          access_token: "string",
          token_type: "string",
          expires_in: "number",
          scope: "string",
          response_type: "optional string",
          refresh_token: "optional string",
          refresh_token_expires_in: "optional number",
          refresh_token_expires_at: "optional number",
        },
      },
    },
  },
} as const satisfies Record<string, OperationTableEntry>;
