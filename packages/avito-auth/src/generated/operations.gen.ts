// Generated from specs/avito.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate avito`.
import type { OperationSpec } from "@x/oauth-core";

/** How each method goes over the wire, from the spec: read by the runtime's callOperation. */
export const operationTable = {
  getAccessToken: {
    provider: "avito",
    methodName: "getAccessToken",
    method: "POST",
    path: "/token",
    requestMediaType: "application/x-www-form-urlencoded",
    accept: "application/json",
    defaults: { grant_type: "client_credentials" },
    successStatuses: [200],
    errors: {
      "400": { code: "error", message: "error_description" },
      "401": { code: "error", message: "error_description" },
      default: { code: "error", message: "error_description" },
    },
    result: { access_token: "!s", expires_in: "!n", token_type: "!s" },
  },
  getAccessTokenAuthorizationCode: {
    provider: "avito",
    methodName: "getAccessTokenAuthorizationCode",
    method: "POST",
    path: "/token",
    requestMediaType: "application/x-www-form-urlencoded",
    accept: "application/json",
    defaults: { grant_type: "authorization_code" },
    successStatuses: [200],
    errors: {
      "400": { code: "error", message: "error_description" },
      "401": { code: "error", message: "error_description" },
      default: { code: "error", message: "error_description" },
    },
    result: { access_token: "!s", expires_in: "!n", refresh_token: "!s", scope: "s", token_type: "!s" },
  },
  refreshAccessTokenAuthorizationCode: {
    provider: "avito",
    methodName: "refreshAccessTokenAuthorizationCode",
    method: "POST",
    path: "/token",
    requestMediaType: "application/x-www-form-urlencoded",
    accept: "application/json",
    defaults: { grant_type: "refresh_token" },
    successStatuses: [200],
    errors: {
      "400": { code: "error", message: "error_description" },
      "401": { code: "error", message: "error_description" },
      default: { code: "error", message: "error_description" },
    },
    result: { access_token: "!s", expires_in: "!n", refresh_token: "!s", scope: "s", token_type: "!s" },
  },
} as const satisfies Record<string, OperationSpec>;
