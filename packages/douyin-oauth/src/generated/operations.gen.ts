// Generated from specs/douyin.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate douyin`.
import type { OperationSpec } from "@x/oauth-core";

/** How each method goes over the wire, from the spec: read by the runtime's callOperation. */
export const operationTable = {
  oauthAccessTokenGet: {
    provider: "douyin",
    methodName: "oauthAccessTokenGet",
    method: "GET",
    path: "/oauth/access_token/",
    query: ["client_key", "client_secret", "code", "grant_type"],
    accept: "application/json",
    defaults: { grant_type: "authorization_code" },
    successStatuses: [200],
    errors: { default: { code: "data.error_code", message: "data.description" } },
    errorInBody: { code: "data.error_code", message: "data.description", successCodes: [0, "0"] },
    result: {
      message: "s",
      data: {
        error_code: "ns",
        description: "s",
        access_token: "!s",
        expires_in: "!ns",
        refresh_token: "!s",
        open_id: "!s",
        scope: "!s",
        unionid: "s",
      },
      extra: "o",
    },
  },
  oauthRefreshTokenGet: {
    provider: "douyin",
    methodName: "oauthRefreshTokenGet",
    method: "GET",
    path: "/oauth/refresh_token/",
    query: ["client_key", "grant_type", "refresh_token"],
    accept: "application/json",
    defaults: { grant_type: "refresh_token" },
    successStatuses: [200],
    errors: { default: { code: "data.error_code", message: "data.description" } },
    errorInBody: { code: "data.error_code", message: "data.description", successCodes: [0, "0"] },
    result: {
      message: "s",
      data: {
        error_code: "ns",
        description: "s",
        access_token: "!s",
        expires_in: "!ns",
        refresh_token: "!s",
        open_id: "!s",
        scope: "!s",
      },
      extra: "o",
    },
  },
} as const satisfies Record<string, OperationSpec>;
