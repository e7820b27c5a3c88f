import { invalidAt } from "@x/oauth-core";
import { describeFuzz } from "@x/test-utils/fuzz";
import { DefaultApi, DouyinOAuthError, operationTable } from "../src/index.js";

describeFuzz({
  name: "douyin oauthAccessTokenGet",
  errorClass: DouyinOAuthError,
  call: (baseUrl) =>
    new DefaultApi({ baseUrl, timeout: 60, maxResponseBytes: 4096 }).oauthAccessTokenGet({
      client_key: "fuzz-key",
      client_secret: "fuzz-secret-0123456789",
      code: "fuzz-code-0123456789",
    }),
  isValid: (value) => invalidAt(value, operationTable.oauthAccessTokenGet.result) === undefined,
  validBodies: [
    {
      message: "success",
      data: {
        error_code: 0,
        description: "",
        access_token: "act.1",
        expires_in: 1296000,
        refresh_token: "rft.1",
        open_id: "o",
        scope: "user_info",
      },
    },
    { message: "error", data: { error_code: 10008, description: "access_token过期" } },
    { data: { error_code: "0", access_token: "act.1", expires_in: "86400" } },
  ],
});
