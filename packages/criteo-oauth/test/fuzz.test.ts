import { invalidAt } from "@x/oauth-core";
import { describeFuzz } from "@x/test-utils/fuzz";
import { CriteoOAuthError, OAuthApi, operationTable } from "../src/index.js";

const { shapes } = operationTable.getToken.resultsBy;
describeFuzz({
  name: "criteo getToken",
  errorClass: CriteoOAuthError,
  call: (baseUrl) =>
    new OAuthApi({ baseUrl, timeout: 60, maxResponseBytes: 4096 }).getToken({
      grant_type: "authorization_code",
      client_id: "fuzz-client",
      client_secret: "fuzz-secret-0123456789",
      code: "fuzz-code-0123456789",
    }),
  isValid: (value) => invalidAt(value, shapes.authorization_code) === undefined,
  validBodies: [
    { access_token: "a.b.c", token_type: "Bearer", refresh_token: "r-1", expires_in: 900 },
    { access_token: "a.b.c", token_type: "Bearer", refresh_token: null, expires_in: 900 },
  ],
});
