// Generated from specs/avito.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate avito`.
import type { OperationTableEntry } from "@x/oauth-core";

/** How each method goes over the wire, from the spec: read by the runtime's callOperation. */
export const operationTable = {
  getAccessToken: {
    provider: "avito",
    sdkMethod: "getAccessToken",
    httpMethod: "POST",
    path: "/token",
    requestMediaType: "application/x-www-form-urlencoded",
    accept: "application/json",
    defaults: { grant_type: "client_credentials" },
    successStatuses: [200],
    errorFields: { default: { code: "error", message: "error_description" } },
    result: { access_token: "string", expires_in: "number", token_type: "string" },
  },
  getAccessTokenAuthorizationCode: {
    provider: "avito",
    sdkMethod: "getAccessTokenAuthorizationCode",
    httpMethod: "POST",
    path: "/token",
    requestMediaType: "application/x-www-form-urlencoded",
    accept: "application/json",
    defaults: { grant_type: "authorization_code" },
    successStatuses: [200],
    errorFields: { default: { code: "error", message: "error_description" } },
    result: {
      access_token: "string",
      expires_in: "number",
      refresh_token: "string",
      scope: "optional string",
      token_type: "string",
    },
  },
  refreshAccessTokenAuthorizationCode: {
    provider: "avito",
    sdkMethod: "refreshAccessTokenAuthorizationCode",
    httpMethod: "POST",
    path: "/token",
    requestMediaType: "application/x-www-form-urlencoded",
    accept: "application/json",
    defaults: { grant_type: "refresh_token" },
    successStatuses: [200],
    errorFields: { default: { code: "error", message: "error_description" } },
    result: {
      access_token: "string",
      expires_in: "number",
      refresh_token: "string",
      scope: "optional string",
      token_type: "string",
    },
  },
} as const satisfies Record<string, OperationTableEntry>;
