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
      required: ["access_token", "token_type", "expires_in", "scope"],
      fields: {
        access_token: ["string"],
        token_type: ["string"],
        expires_in: ["number"],
        scope: ["string"],
        response_type: ["string"],
      },
    },
    resultsBy: {
      field: "grant_type",
      shapes: {
        authorization_code: {
          required: [
            "access_token",
            "token_type",
            "expires_in",
            "scope",
            "refresh_token",
            "refresh_token_expires_in",
          ],
          fields: {
            access_token: ["string"],
            token_type: ["string"],
            expires_in: ["number"],
            scope: ["string"],
            response_type: ["string"],
            refresh_token: ["string"],
            refresh_token_expires_in: ["number"],
          },
        },
        refresh_token: {
          required: ["access_token", "token_type", "expires_in", "scope"],
          fields: {
            access_token: ["string"],
            token_type: ["string"],
            expires_in: ["number"],
            scope: ["string"],
            response_type: ["string"],
            refresh_token: ["string"],
            refresh_token_expires_in: ["number"],
            refresh_token_expires_at: ["number"],
          },
        },
        client_credentials: {
          required: ["access_token", "token_type", "expires_in", "scope"],
          fields: {
            access_token: ["string"],
            token_type: ["string"],
            expires_in: ["number"],
            scope: ["string"],
            response_type: ["string"],
          },
        },
      },
    },
  },
} as const satisfies Record<string, OperationTableEntry>;
