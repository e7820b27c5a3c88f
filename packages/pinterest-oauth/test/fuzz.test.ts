import { invalidAt } from "@x/oauth-core";
import { describeFuzz } from "@x/test-utils/fuzz";
import { OauthApi, operationTable, PinterestOAuthError } from "../src/index.js";

const { shapes } = operationTable.oauthToken.resultsBy;
describeFuzz({
  name: "pinterest oauthToken",
  errorClass: PinterestOAuthError,
  call: (baseUrl) =>
    new OauthApi({
      baseUrl,
      clientId: "fuzz-client",
      clientSecret: "fuzz-secret-0123456789",
      timeout: 60,
      maxResponseBytes: 4096,
    }).oauthToken({
      grant_type: "authorization_code",
      code: "fuzz-code-0123456789",
      redirect_uri: "https://app.example.test/cb",
    }),
  isValid: (value) => invalidAt(value, shapes.authorization_code) === undefined,
  validBodies: [
    {
      access_token: "pina_1",
      refresh_token: "pinr_1",
      response_type: "authorization_code",
      token_type: "bearer",
      expires_in: 2592000,
      refresh_token_expires_in: 5184000,
      scope: "boards:read",
    },
  ],
});
