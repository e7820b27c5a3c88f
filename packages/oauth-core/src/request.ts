// Request building: the caller's fields split by where the spec sends them, and the secrets that must never show.
import { basicAuthHeader } from "./basic-auth.js";
import { authorizationValues } from "./client.js";
import type { OperationContext, OperationSpec, RequestOptions } from "./operation.js";
import { isSecretField } from "./redact.js";

/** The fields that make a request single-use: once the server may have received one, it is never sent again. */
const SINGLE_USE_FIELDS = ["code", "refresh_token"];

export interface BuiltRequest {
  params: { query: Record<string, unknown>; header: Record<string, unknown>; path: Record<string, unknown> };
  /** The body fields; openapi-fetch serializes them with the client's form serializer. */
  body: Record<string, unknown> | undefined;
  secrets: string[];
  /** Whether the request carries an authorization code or a refresh token. */
  singleUse: boolean;
}

export function buildRequest(
  context: OperationContext,
  operation: OperationSpec,
  params: object,
  options: RequestOptions,
): BuiltRequest {
  const fields: Record<string, unknown> = { ...operation.defaults };
  for (const [key, value] of Object.entries(params)) if (value !== undefined) fields[key] = value;
  const located = { query: {}, header: {}, path: {} } as BuiltRequest["params"];
  const body: Record<string, unknown> = {};
  const secrets: string[] = [];
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key];
    if (isSecretField(key) && (typeof value === "string" || typeof value === "number"))
      secrets.push(String(value));
    const where = operation.query.includes(key)
      ? located.query
      : operation.header.includes(key)
        ? located.header
        : operation.pathParams.includes(key)
          ? located.path
          : body;
    where[key] = value;
  }
  const { clientId, clientSecret, headers } = context.config;
  // A provider may echo the Authorization header it got: its credentials are secrets too.
  const authorization = [...authorizationValues(headers), ...authorizationValues(options.headers)];
  if (clientId !== undefined && clientSecret !== undefined) {
    secrets.push(clientSecret);
    authorization.push(basicAuthHeader(clientId, clientSecret));
  }
  // "<scheme> <credentials>": the credentials part; a header without a scheme is a secret whole.
  for (const value of authorization) secrets.push(value.trim().replace(/^\S+\s+/, ""));
  return {
    params: located,
    body: operation.requestMediaType === undefined ? undefined : body,
    secrets,
    singleUse: SINGLE_USE_FIELDS.some((key) => fields[key] != null),
  };
}
