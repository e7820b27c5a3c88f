// Generated from specs/pinterest.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run `pnpm generate pinterest`.
import type { OperationSpec } from "@x/oauth-core";

/** How each method goes over the wire, from the spec: read by the runtime's callOperation. */
export const operationTable = {
  oauthToken: {
    provider: "pinterest",
    methodName: "oauthToken",
    method: "POST",
    path: "/oauth/token",
    requestMediaType: "application/x-www-form-urlencoded",
    accept: "application/json",
    security: ["basic"],
    successStatuses: [200],
    errors: { default: { code: "code", message: "message" } },
    result: { access_token: "!s", token_type: "!s", expires_in: "!n", scope: "!s", response_type: "s" },
    resultsBy: {
      by: "grant_type",
      shapes: {
        authorization_code: {
          access_token: "!s",
          token_type: "!s",
          expires_in: "!n",
          scope: "!s",
          response_type: "s",
          refresh_token: "!s",
          refresh_token_expires_in: "!n",
        },
        refresh_token: {
          access_token: "!s",
          token_type: "!s",
          expires_in: "!n",
          scope: "!s",
          response_type: "s",
          refresh_token: "s",
          refresh_token_expires_in: "n",
          refresh_token_expires_at: "n",
        },
        client_credentials: {
          access_token: "!s",
          token_type: "!s",
          expires_in: "!n",
          scope: "!s",
          response_type: "s",
        },
      },
    },
  },
} as const satisfies Record<string, OperationSpec>;
