import { invalidAt } from "@x/oauth-core";
import { describeFuzz } from "@x/test-utils/fuzz";
import { ApplicationAccessApi, AvitoAuthError, operationTable } from "../src/index.js";

describeFuzz({
  name: "avito refreshAccessTokenAuthorizationCode",
  errorClass: AvitoAuthError,
  call: (baseUrl) =>
    new ApplicationAccessApi({
      baseUrl,
      timeout: 60,
      maxResponseBytes: 4096,
    }).refreshAccessTokenAuthorizationCode({
      client_id: "fuzz-client",
      client_secret: "fuzz-secret-0123456789",
      refresh_token: "fuzz-refresh-0123456789",
    }),
  isValid: (value) =>
    invalidAt(value, operationTable.refreshAccessTokenAuthorizationCode.result) === undefined,
  validBodies: [
    {
      access_token: "a1",
      expires_in: 86400,
      refresh_token: "r1",
      scope: "messenger:read",
      token_type: "Bearer",
    },
    { access_token: "a1", expires_in: 86400, refresh_token: "r1", token_type: "Bearer" },
  ],
});
