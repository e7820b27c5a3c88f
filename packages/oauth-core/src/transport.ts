// Transport: one exchange through the openapi-fetch client, bounded in time and size, never following a redirect.
import type { OAuthErrorKind } from "./errors.js";
import type { OperationContext, OperationSpec } from "./operation.js";
import type { BuiltRequest } from "./request.js";

/** A failed exchange or response, before it becomes the provider's error class. */
export interface Failure {
  kind: OAuthErrorKind;
  status: number;
  /** Our words plus what the server sent, already scrubbed. */
  detail: string;
  response?: Response | undefined;
  cause?: unknown;
  body?: unknown;
  code?: string | number | undefined;
  description?: string | undefined;
  /** Network failures where the request provably never left (connection refused, DNS). */
  neverSent?: boolean;
}

export interface Limits {
  timeout: number;
  maxResponseBytes: number;
  signal?: AbortSignal | undefined;
}

/** What openapi-fetch returned: the response and its body (parsed error JSON, or the success text). */
export interface Exchange {
  response: Response;
  body: unknown;
}

export const failure = (
  kind: Failure["kind"],
  status: number,
  response: Response | undefined,
  detail: string,
  more?: Partial<Failure>,
): Failure => ({ kind, status, response, detail, ...more });

const TOO_LARGE = Symbol("too-large");
// Error codes of a connection that was never made: nothing reached any server.
const NEVER_SENT = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"];

export async function exchange(
  context: OperationContext,
  operation: OperationSpec,
  request: BuiltRequest,
  headers: Record<string, string> | undefined,
  limits: Limits,
): Promise<Exchange> {
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(), limits.timeout);
  const signal = limits.signal ? AbortSignal.any([limits.signal, timer.signal]) : timer.signal;
  let response: Response | undefined;
  try {
    const answer = await context.client.request(operation.method, operation.path, {
      params: request.params,
      body: request.body,
      headers,
      parseAs: "text",
      signal,
      redirect: "manual",
      // openapi-fetch reads every body with text(): this response's text() reads its stream up to the cap.
      fetch: async (input: Request) => {
        const answered = await (context.config.fetch ?? fetch)(input);
        response = answered;
        answered.text = () => readText(answered, limits.maxResponseBytes, signal);
        return answered;
      },
    });
    return { response: answer.response, body: answer.data ?? answer.error };
  } catch (error) {
    const status = response?.status ?? 0;
    if (error === TOO_LARGE)
      throw failure(
        "too-large",
        status,
        response,
        `HTTP ${status} body over ${limits.maxResponseBytes} bytes`,
      );
    if (limits.signal?.aborted)
      throw failure("aborted", status, response, "aborted by the caller", { cause: limits.signal.reason });
    if (timer.signal.aborted)
      throw failure("timeout", status, response, `no complete response within ${limits.timeout} ms`);
    // The cause's code only: a fetch error's text may hold the request URL, and with it query parameters.
    const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
    const reason = typeof code === "string" ? code : error instanceof Error ? error.name : "unknown error";
    throw failure("network", status, response, `no response (${reason})`, {
      cause: error,
      neverSent: NEVER_SENT.includes(reason),
    });
  } finally {
    clearTimeout(timeout);
  }
}

async function readText(response: Response, cap: number, signal: AbortSignal): Promise<string> {
  signal.throwIfAborted();
  const reader = response.body?.getReader();
  if (!reader) return "";
  // A custom fetch's body may ignore the signal: cancelling the reader ends a pending read.
  const stop = () => void reader.cancel().catch(() => {});
  signal.addEventListener("abort", stop);
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) return text + decoder.decode();
      size += value.byteLength;
      if (size > cap) {
        stop();
        throw TOO_LARGE;
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal.removeEventListener("abort", stop);
  }
}
