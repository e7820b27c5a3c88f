// The call layer: one SDK method call, from the caller's fields to a validated result or the provider's error.
import { classify } from "./classify.js";
import type { OAuthApiError, OAuthApiErrorClass, OAuthApiErrorInit } from "./errors.js";
import { redactText, scrubDeep, scrubValues } from "./redact.js";
import { buildRequest } from "./request.js";
import { mayRetry, type RetryOptions, retryAfterSeconds, retryDelay } from "./retry.js";
import { exchange, type Failure } from "./transport.js";
import type { BasicClientConfig, CallLimits } from "./types.js";
import type { ResultShape, ResultShapes } from "./validate.js";

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
  /** Success statuses the spec declares. */
  readonly successStatuses: readonly number[];
  /** Error code/message paths per declared status ("400", "4XX", "default"). */
  readonly errors: Readonly<Record<string, ErrorFieldPaths>>;
  readonly errorInBody?: ErrorInBodyRule;
  /** The success schema's shape: a success body that does not match it is an "invalid-response". */
  readonly result?: ResultShape;
  /** Overloads' own result shapes, picked by the value of a request field (e.g. grant_type). */
  readonly resultsBy?: ResultShapes;
}

type Answer = { data?: unknown; error?: unknown; response: Response };

/** An openapi-fetch client (`Client<paths>`): the runtime sends each operation through its `request`. */
export interface FetchClient {
  // openapi-fetch types `request` per path and method; the runtime calls it with the generated table's values.
  // biome-ignore lint/suspicious/noExplicitAny: any Client<paths> is accepted
  request(...args: any[]): Promise<Answer>;
}

/** Options of a single call; each limit overrides the configuration's. */
export interface RequestOptions extends CallLimits {
  /** Extra headers for this call (the spec's Content-Type and Accept always win for those two). */
  headers?: Record<string, string> | undefined;
  /** Aborts the call: the error then has kind "aborted" and the signal's reason as its cause. */
  signal?: AbortSignal | undefined;
}

export interface OperationContext<TError extends OAuthApiError = OAuthApiError> {
  readonly client: FetchClient;
  readonly errorClass: OAuthApiErrorClass<TError>;
  /** The API class's configuration: credentials, headers, fetch and limits. */
  readonly config: BasicClientConfig;
}

/**
 * Sends one operation as the spec describes it and returns the success body once it passed the operation's
 * validator, or throws the provider's error class for any failure.
 */
export async function callOperation<TResult, TError extends OAuthApiError = OAuthApiError>(
  context: OperationContext<TError>,
  operation: OperationSpec,
  params: object,
  options: RequestOptions = {},
): Promise<TResult> {
  const { config } = context;
  const { provider, methodName: name, resultsBy } = operation;
  const request = buildRequest(context, operation, params, options);
  // Only what the server sent is scrubbed, never our own words around it.
  const scrub = (text: string) => redactText(scrubValues(text, request.secrets));
  const limits = {
    timeout: options.timeout ?? config.timeout ?? 30_000,
    maxResponseBytes: options.maxResponseBytes ?? config.maxResponseBytes ?? 1_048_576,
    signal: options.signal,
  };
  const retry: RetryOptions | undefined = options.retry ?? config.retry;
  const shape =
    resultsBy?.shapes[String((params as Record<string, unknown>)[resultsBy.by])] ?? operation.result;
  for (let attempt = 1; ; attempt++) {
    let failure: Failure;
    try {
      const outcome = classify(
        operation,
        await exchange(context, operation, request, options.headers, limits),
        scrub,
        shape,
      );
      if ("value" in outcome) return outcome.value as TResult;
      failure = outcome;
    } catch (error) {
      failure = error as Failure;
    }
    const { detail, response, neverSent, ...fields } = failure;
    const retryAfter = retryAfterSeconds(response?.headers.get("retry-after"));
    if (!retry || attempt > retry.retries || !mayRetry(failure, request.singleUse)) {
      throw new context.errorClass({
        ...fields,
        message: `${provider} ${name} failed: ${detail}`,
        provider,
        operation: name,
        body: scrubDeep(fields.body, request.secrets),
        contentType: response?.headers.get("content-type") ?? undefined,
        headers: response && responseHeaders(response, scrub),
        retryAfter,
        cause: safeCause(fields.cause, scrub),
      } as OAuthApiErrorInit<never>);
    }
    await sleep(retryDelay(attempt, retryAfter, retry.maxDelayMs), options.signal);
  }
}

function responseHeaders(response: Response, scrub: (text: string) => string): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = scrub(value);
  });
  return headers;
}

/** The cause as it is, unless its text holds a secret: then an Error with the scrubbed message. */
function safeCause(cause: unknown, scrub: (text: string) => string): unknown {
  const text = (item: unknown) => (item instanceof Error ? `${item.message}\n${item.stack}` : String(item));
  const shown = `${text(cause)}\n${text((cause as Error | undefined)?.cause)}`;
  return scrub(shown) === shown ? cause : new Error(scrub(text(cause)));
}

// Ends early when the caller aborts: the next attempt then fails at once as "aborted".
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done);
  });
}
