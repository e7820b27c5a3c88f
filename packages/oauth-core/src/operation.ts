import { type BasicCredentials, basicAuthHeader } from "./basic-auth.js";
import type { OAuthApiError, OAuthApiErrorClass, OAuthApiErrorInit, OAuthErrorKind } from "./errors.js";
import { formBody } from "./form.js";
import { valueAtPath } from "./path.js";
import { isSecretField, redactText, scrubDeep, scrubValues } from "./redact.js";

/** Where the provider's own error code and message sit in a parsed body (dotted paths). */
export interface ErrorFieldPaths {
  readonly code?: string;
  readonly message?: string;
}

/** A success body that matches this rule is an error (Douyin reports errors inside HTTP 200). */
export interface ErrorInBodyRule extends ErrorFieldPaths {
  readonly code: string;
  /** Code values that mean success; a body without a code is a success too. */
  readonly successCodes: readonly (string | number)[];
}

/** Everything the runtime needs to know about one SDK method, generated from the spec. */
export interface OperationSpec {
  readonly provider: string;
  /** SDK method name. */
  readonly methodName: string;
  readonly operationId: string;
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly path: string;
  /** Caller fields sent as query, header and path parameters; every other field goes in the body. */
  readonly query: readonly string[];
  readonly header: readonly string[];
  readonly pathParams: readonly string[];
  /** Media type of the request body, when the operation has one. */
  readonly requestMediaType?: string;
  /** Accept header: the response media types the spec declares. */
  readonly accept: string;
  /** Security schemes the operation needs (only "basic" is acted on; token endpoints need no other). */
  readonly security: readonly string[];
  /** Values filled in when the caller leaves a field out (a spec default or a single-value enum). */
  readonly defaults: Readonly<Record<string, string>>;
  /** HTTP statuses of the success responses the spec declares. */
  readonly successStatuses: readonly number[];
  /** Error code/message paths per declared status ("400", "4XX", "default"). */
  readonly errors: Readonly<Record<string, ErrorFieldPaths>>;
  readonly errorInBody?: ErrorInBodyRule;
}

/**
 * An openapi-fetch client (`Client<paths>`). Its `request` is typed per path; the runtime calls it with the values of
 * the generated operation table, which the generated method signatures already checked.
 */
export interface FetchClient {
  request(method: never, url: never, init: never): Promise<{ response: Response }>;
}

type UntypedRequest = (
  method: string,
  url: string,
  init: {
    params: {
      query: Record<string, unknown>;
      header: Record<string, unknown>;
      path: Record<string, unknown>;
    };
    body?: URLSearchParams;
    bodySerializer?: (body: URLSearchParams) => string;
    headers: Record<string, string>;
    parseAs: "text";
    signal?: AbortSignal;
    middleware: unknown[];
  },
) => Promise<{ response: Response }>;

/** Options of a single call. */
export interface RequestOptions {
  /** Extra headers for this call (the spec's Content-Type and Accept always win for those two). */
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
}

export interface OperationContext<TError extends OAuthApiError = OAuthApiError> {
  readonly client: FetchClient;
  readonly errorClass: OAuthApiErrorClass<TError>;
  readonly credentials?: BasicCredentials | undefined;
  /** Headers of the client configuration, to see whether the caller brought their own Authorization. */
  readonly headers?: Record<string, string> | undefined;
}

const SNIPPET_LENGTH = 200;

/**
 * Sends one operation as the spec describes it and returns the parsed success body, or throws the provider's error
 * class for any failure: a non-success status, an empty or non-JSON success body, an error reported in a success body,
 * or no response at all.
 */
export async function callOperation<TResult, TError extends OAuthApiError = OAuthApiError>(
  context: OperationContext<TError>,
  operation: OperationSpec,
  params: object,
  options: RequestOptions = {},
): Promise<TResult> {
  const fields = withDefaults(params, operation.defaults);
  const secrets = secretValues(fields, context, options);
  const fail = (init: Omit<OAuthApiErrorInit, "provider" | "operation" | "message"> & { detail: string }) => {
    // A provider may echo what it was sent: the request's secrets are taken out of everything the error carries.
    const { detail, body, description, ...rest } = init;
    const message = scrubValues(
      `${operation.provider} ${operation.methodName} failed: ${redactText(detail)}`,
      secrets,
    );
    return new context.errorClass({
      ...rest,
      body: scrubDeep(body, secrets),
      description: description === undefined ? undefined : scrubValues(description, secrets),
      message,
      provider: operation.provider,
      operation: operation.methodName,
    } as OAuthApiErrorInit<never>);
  };

  if (operation.security.includes("basic") && !hasAuthorization(context, options)) {
    const { clientId, clientSecret } = context.credentials ?? {};
    if (clientId === undefined || clientSecret === undefined) {
      throw new TypeError(
        `${operation.provider} ${operation.methodName} needs clientId and clientSecret in the configuration (HTTP Basic)`,
      );
    }
  }

  const request = splitFields(operation, fields);
  let rawText = "";
  // Read before the response is rebuilt: a rebuilt Response without one gets "text/plain;charset=UTF-8".
  let contentType: string | undefined;
  const captureBody = {
    async onResponse({ response }: { response: Response }) {
      contentType = response.headers.get("content-type") ?? undefined;
      rawText = await response.text();
      // Null-body statuses cannot be rebuilt with a body; openapi-fetch does not read them anyway.
      if ([101, 204, 205, 304].includes(response.status)) return undefined;
      return new Response(rawText, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    },
  };

  let response: Response;
  try {
    const send = context.client.request.bind(context.client) as unknown as UntypedRequest;
    ({ response } = await send(operation.method, operation.path, {
      params: request.params,
      ...(request.body === undefined
        ? {}
        : { body: request.body, bodySerializer: (body: URLSearchParams) => body.toString() }),
      headers: {
        ...options.headers,
        Accept: operation.accept,
        ...(operation.requestMediaType === undefined ? {} : { "Content-Type": operation.requestMediaType }),
      },
      parseAs: "text",
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      middleware: [captureBody],
    }));
  } catch (error) {
    if (isAbort(error)) throw error;
    throw fail({ status: 0, kind: "network", detail: `no response (${networkReason(error)})` });
  }

  const status = response.status;
  const statusLine = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const parsed = parseJson(rawText);
  const ok = operation.successStatuses.length > 0 ? operation.successStatuses.includes(status) : response.ok;

  if (!ok) {
    const paths = errorPaths(operation, status);
    const body = parsed.ok ? parsed.value : undefined;
    const code = providerCode(valueAtPath(body, paths?.code ?? ""));
    const description = providerText(valueAtPath(body, paths?.message ?? ""));
    return Promise.reject(
      fail({
        status,
        kind: "http",
        body,
        code,
        description,
        contentType,
        detail: `${statusLine}${describeErrorBody(scrubValues(rawText, secrets), parsed.ok, contentType, code, description)}`,
      }),
    );
  }
  if (rawText.trim() === "") {
    throw fail({ status, kind: "empty-body", contentType, detail: `${statusLine} with an empty body` });
  }
  if (!parsed.ok) {
    throw fail({
      status,
      kind: "invalid-json",
      contentType,
      detail: `${statusLine} with a body that is not valid JSON (${rawText.length} characters${contentType ? `, ${contentType}` : ""})`,
    });
  }
  const rule = operation.errorInBody;
  if (rule !== undefined) {
    const rawCode = valueAtPath(parsed.value, rule.code);
    if (
      rawCode !== undefined &&
      rawCode !== null &&
      !rule.successCodes.includes(rawCode as string | number)
    ) {
      const code = providerCode(rawCode);
      const description = providerText(valueAtPath(parsed.value, rule.message ?? ""));
      throw fail({
        status,
        kind: "in-body",
        body: parsed.value,
        code,
        description,
        contentType,
        detail: `error ${String(code)} in an ${statusLine} body${description ? `: ${description}` : ""}`,
      });
    }
  }
  return parsed.value as TResult;
}

function withDefaults(params: object, defaults: Readonly<Record<string, string>>): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) fields[key] = value;
  }
  return fields;
}

function secretValues(
  fields: Record<string, unknown>,
  context: OperationContext,
  options: RequestOptions,
): string[] {
  const values: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (isSecretField(key) && (typeof value === "string" || typeof value === "number"))
      values.push(String(value));
  }
  const { clientId, clientSecret } = context.credentials ?? {};
  if (clientSecret) values.push(clientSecret);
  // A provider may echo the Authorization header it got: its credentials are secrets too.
  const authorization = [...authorizationValues(context.headers), ...authorizationValues(options.headers)];
  if (clientId !== undefined && clientSecret !== undefined)
    authorization.push(basicAuthHeader(clientId, clientSecret));
  for (const header of authorization) {
    // "<scheme> <credentials>": the credentials part; a header without a scheme is a secret whole.
    const [first = "", ...rest] = header.trim().split(/\s+/);
    values.push(rest.length > 0 ? rest.join(" ") : first);
  }
  return values;
}

function authorizationValues(headers: Record<string, string> | undefined): string[] {
  return Object.entries(headers ?? {})
    .filter(([name, value]) => name.toLowerCase() === "authorization" && value.trim() !== "")
    .map(([, value]) => value);
}

function splitFields(operation: OperationSpec, fields: Record<string, unknown>) {
  const query: Record<string, unknown> = {};
  const header: Record<string, unknown> = {};
  const path: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key];
    if (operation.query.includes(key)) query[key] = value;
    else if (operation.header.includes(key)) header[key] = value;
    else if (operation.pathParams.includes(key)) path[key] = value;
    else rest[key] = value;
  }
  const body =
    operation.requestMediaType === undefined ? undefined : requestBody(operation.requestMediaType, rest);
  return { params: { query, header, path }, body };
}

function requestBody(mediaType: string, fields: Record<string, unknown>): URLSearchParams {
  if (mediaType === "application/x-www-form-urlencoded") return formBody(fields);
  throw new TypeError(`request media type ${mediaType} is not supported`);
}

function hasAuthorization(context: OperationContext, options: RequestOptions): boolean {
  const names = [...Object.keys(context.headers ?? {}), ...Object.keys(options.headers ?? {})];
  return names.some((name) => name.toLowerCase() === "authorization");
}

function errorPaths(operation: OperationSpec, status: number): ErrorFieldPaths | undefined {
  return (
    operation.errors[String(status)] ??
    operation.errors[`${Math.floor(status / 100)}XX`] ??
    operation.errors.default
  );
}

type ParsedJson = { ok: true; value: unknown } | { ok: false };

// Parsed whatever the content type says: some providers send JSON as text/plain.
function parseJson(text: string): ParsedJson {
  if (text.trim() === "") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function providerCode(value: unknown): string | number | undefined {
  return typeof value === "string" || typeof value === "number" ? value : undefined;
}

function providerText(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function describeErrorBody(
  text: string,
  isJson: boolean,
  contentType: string | undefined,
  code: string | number | undefined,
  description: string | undefined,
): string {
  if (code !== undefined || description !== undefined) {
    return `: ${[code, description].filter((part) => part !== undefined).join(" ")}`;
  }
  if (text.trim() === "") return " with an empty body";
  const snippet = text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
  const what = isJson ? "JSON body" : `${contentType ?? "non-JSON"} body`;
  return ` with a ${what}: ${snippet.replace(/\s+/g, " ").trim()}`;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

// The cause's code only: a fetch error's text may hold the request URL, and with it query parameters.
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === "string") return cause.code;
  return error instanceof Error ? error.name : "unknown error";
}

export type { OAuthErrorKind };
