// Generated from specs/douyin.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate douyin`.
import type { OperationTableEntry } from "@x/oauth-core";

/** How each method goes over the wire, from the spec: read by the runtime's callOperation. */
export const operationTable = {
  oauthAccessTokenGet: {
    provider: "douyin",
    sdkMethod: "oauthAccessTokenGet",
    httpMethod: "GET",
    path: "/oauth/access_token/",
    queryParams: ["client_key", "client_secret", "code", "grant_type"],
    accept: "application/json",
    defaults: { grant_type: "authorization_code" },
    successStatuses: [200],
    errorFields: { default: { code: "data.error_code", message: "data.description" } },
    errorInBody: { code: "data.error_code", message: "data.description", successCodes: [0, "0"] },
    result: {
      message: "optional string",
      data: {
        error_code: "optional string|number",
        description: "optional string",
        access_token: "string",
        expires_in: "string|number",
        refresh_token: "string",
        open_id: "string",
        scope: "string",
        unionid: "optional string",
      },
      extra: "optional object",
    },
  },
  oauthRefreshTokenGet: {
    provider: "douyin",
    sdkMethod: "oauthRefreshTokenGet",
    httpMethod: "GET",
    path: "/oauth/refresh_token/",
    queryParams: ["client_key", "grant_type", "refresh_token"],
    accept: "application/json",
    defaults: { grant_type: "refresh_token" },
    successStatuses: [200],
    errorFields: { default: { code: "data.error_code", message: "data.description" } },
    errorInBody: { code: "data.error_code", message: "data.description", successCodes: [0, "0"] },
    result: {
      message: "optional string",
      data: {
        error_code: "optional string|number",
        description: "optional string",
        access_token: "string",
        expires_in: "string|number",
        refresh_token: "string",
        open_id: "string",
        scope: "string",
      },
      extra: "optional object",
    },
  },
} as const satisfies Record<string, OperationTableEntry>;
