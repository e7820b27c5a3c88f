// The token operation and error class of a provider that exists only in these tests.
import { OAuthApiError, type OperationTableEntry } from "../src/index.js";

export class ProviderError extends OAuthApiError {
  static override errorName = "ProviderError";
}

export const tokenOperation: OperationTableEntry = {
  provider: "testprovider",
  sdkMethod: "getToken",
  httpMethod: "POST",
  path: "/token",
  queryParams: [],
  headerParams: [],
  pathParams: [],
  requestMediaType: "application/x-www-form-urlencoded",
  accept: "application/json",
  defaults: {},
  successStatuses: [200],
  errorFields: { default: { code: "error", message: "error_description" } },
  result: { access_token: "string", expires_in: "number|string", refresh_token: "optional string|null" },
};
