// The call layer: one SDK method call, from the caller's fields to a validated result or the provider's error.
import { classify } from "./classify.js";
import type { OAuthApiError, OAuthApiErrorClass, OAuthApiErrorInit } from "./errors.js";
import type { Fail, OperationSpec } from "./operation-table.js";
import { isSecretField, redactText, scrubDeep, scrubValues } from "./redact.js";
import { mayRetry, type RetryOptions, retryAfterSeconds, retryDelay } from "./retry.js";
import { capText, fetchErrorCode, TOO_LARGE } from "./transport.js";
import type { BasicClientConfig, CallLimits } from "./types.js";

/** An openapi-fetch client (`Client<paths>`): the runtime sends each operation through its `request`. */
export interface FetchClient {
  // openapi-fetch types `request` per path and method; the runtime calls it with the generated table's values.
  // biome-ignore lint/suspicious/noExplicitAny: any Client<paths> is accepted
  request(...args: any[]): Promise<{ data?: unknown; error?: unknown; response: Response }>;
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

// Error codes of a connection that was never made: nothing reached any server.
const NEVER_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/;

/**
 * Sends one operation as the spec describes it and returns the success body once it passed the operation's
 * validator, or throws the provider's error class for any failure.
 */
export async function callOperation<TResult, TError extends OAuthApiError = OAuthApiError>(
  { client, config, errorClass }: OperationContext<TError>,
  operation: OperationSpec,
  params: object,
  options: RequestOptions = {},
): Promise<TResult> {
  const { provider, methodName, resultsBy } = operation;
  const { signal: callerSignal } = options;
  const timeout = options.timeout ?? config.timeout ?? 30_000;
  const cap = options.maxResponseBytes ?? config.maxResponseBytes ?? 1_048_576;
  const retry: RetryOptions | undefined = options.retry ?? config.retry;
  // The spec's defaults, then the caller's fields over them; each where the spec sends it, in a stable (sorted)
  // order, so the same fields always make the same query string. (A loop, not `{ ...defaults }`: adding fields to a
  // spread copy costs ten times as much.)
  const fields: Record<string, unknown> = {};
  const { defaults = {} } = operation;
  for (const key in defaults) fields[key] = defaults[key];
  for (const key in params) {
    const value = (params as Record<string, unknown>)[key];
    if (value !== undefined) fields[key] = value;
  }
  // Only the places the operation uses: openapi-fetch then skips the others (no path serializer without path params).
  const located: Partial<Record<"query" | "header" | "path", Record<string, unknown>>> = {};
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(fields).sort()) {
    const place = operation.query?.includes(key)
      ? "query"
      : operation.header?.includes(key)
        ? "header"
        : operation.pathParams?.includes(key)
          ? "path"
          : undefined;
    const where = place ? (located[place] ?? {}) : body;
    if (place) located[place] = where;
    where[key] = fields[key];
  }
  const shape = resultsBy?.shapes[fields[resultsBy.by] as string] ?? operation.result;

  // What the attempt left behind, for its error.
  let response: Response | undefined;
  let request: Request | undefined;
  let neverSent = false;
  // The request's secrets are gathered only when something failed: a success never needs them.
  let secrets: (string | undefined)[] | undefined;
  const secretValues = () =>
    (secrets ??= [
      ...Object.keys(fields)
        .filter((key) => isSecretField(key) && ["string", "number"].includes(typeof fields[key]))
        .map((key) => String(fields[key])),
      config.clientSecret,
      // A provider may echo the Authorization it got: "<scheme> <credentials>", or a secret whole without a scheme.
      request?.headers
        .get("authorization")
        ?.trim()
        .replace(/^\S+\s+/, ""),
    ]);
  // Only what the server sent is scrubbed, never our own words around it.
  const scrub = (text: string) => redactText(scrubValues(text, secretValues()));
  const fail: Fail = (kind, detail, provided = {}, cause) => {
    const headers = response?.headers;
    throw new errorClass({
      message: `${provider} ${methodName} failed: ${detail}`,
      provider,
      operation: methodName,
      status: response?.status ?? 0,
      kind,
      ...provided,
      body: scrubDeep(provided.body, secretValues()),
      contentType: headers?.get("content-type") ?? undefined,
      headers: headers && responseHeaders(headers, scrub),
      retryAfter: retryAfterSeconds(headers?.get("retry-after")),
      cause: safeCause(cause, scrub),
    } as OAuthApiErrorInit<never>);
  };

  for (let attempt = 1; ; attempt++) {
    response = undefined as Response | undefined;
    neverSent = false;
    const timer = new AbortController();
    const timeoutId = setTimeout(() => timer.abort(), timeout);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timer.signal]) : timer.signal;
    try {
      let answer: { data?: unknown; error?: unknown; response: Response };
      try {
        answer = await client.request(operation.method, operation.path, {
          params: located,
          body: operation.requestMediaType && body,
          // The spec's Accept and Content-Type win over the caller's (the client sends them for every call).
          headers: options.headers && {
            ...options.headers,
            accept: operation.accept,
            ...(operation.requestMediaType && { "content-type": operation.requestMediaType }),
          },
          parseAs: "text",
          redirect: "manual",
          // The signal goes to fetch itself, not into openapi-fetch's Request too: one Request carries it, not two.
          // A custom fetch gets it inside the Request, as fetch(input) would.
          fetch: async (input: Request) => {
            request = input;
            response = await (config.fetch
              ? config.fetch(new Request(input, { signal }))
              : fetch(input, { signal }));
            return capText(response, cap, signal, config.fetch);
          },
        });
      } catch (error) {
        if (error === TOO_LARGE) fail("too-large", `HTTP ${response?.status} body over ${cap} bytes`);
        if (callerSignal?.aborted) fail("aborted", "aborted by the caller", {}, callerSignal.reason);
        if (timer.signal.aborted) fail("timeout", `no complete response within ${timeout} ms`);
        const code = fetchErrorCode(error);
        neverSent = NEVER_SENT.test(code);
        fail("network", `no response (${code})`, {}, error);
      } finally {
        // The body is read by now: the timeout bounded the whole exchange, and is over before any backoff.
        clearTimeout(timeoutId);
      }
      return classify(operation, answer.response, answer.data ?? answer.error, shape, scrub, fail) as TResult;
    } catch (error) {
      const { kind, status, retryAfter } = error as OAuthApiError;
      if (
        !retry ||
        attempt > retry.retries ||
        !mayRetry(kind, status, neverSent, (fields.code ?? fields.refresh_token) != null)
      )
        throw error;
      await sleep(retryDelay(attempt, retryAfter, retry.maxDelayMs), callerSignal);
    }
  }
}

function responseHeaders(headers: Headers, scrub: (text: string) => string): Record<string, string> {
  const plain: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name !== "set-cookie") plain[name] = scrub(value);
  });
  return plain;
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
