// The token operation and error class of a provider that exists only in these tests.
import { OAuthApiError, type OperationSpec } from "../src/index.js";

export class ProviderError extends OAuthApiError {
  static override errorName = "ProviderError";
}

export const tokenOperation: OperationSpec = {
  provider: "testprovider",
  methodName: "getToken",
  method: "POST",
  path: "/token",
  query: [],
  header: [],
  pathParams: [],
  requestMediaType: "application/x-www-form-urlencoded",
  accept: "application/json",
  security: [],
  defaults: {},
  successStatuses: [200],
  errors: { default: { code: "error", message: "error_description" } },
  result: { access_token: "!s", expires_in: "!ns", refresh_token: "sz" },
};
