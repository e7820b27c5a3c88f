// The call layer: one SDK method call, from the caller's fields to a validated result or the provider's error.
// One way through: the Request is built here with openapi-fetch's serializers, fetch is called once, the body is
// read once through the cap and the timeout, and parsed once.
import { mergeHeaders } from "openapi-fetch";
import type { BodySerializer, CallContext } from "./context.js";
import type { Fail, OAuthApiError, OAuthApiErrorInit, ProvidedError } from "./errors.js";
import type { ErrorFieldPaths, OperationTableEntry } from "./operation-table.js";
import { checkedLimits, isPlainObject, own } from "./options.js";
import type { PlacedFields } from "./parameters.js";
import { valueAtPath } from "./path.js";
import { isSecretField, redactText, scrubDeep, scrubValues } from "./redact.js";
import { retryAfterSeconds, retryDelay } from "./retry.js";
import { fetchErrorCode, readText, TOO_LARGE } from "./transport.js";
import type { CallLimits } from "./types.js";
import { invalidAt } from "./validate.js";

/** Options of a single call; each limit overrides the configuration's. */
export interface RequestOptions extends CallLimits {
  /** Extra headers for this call (the spec's Content-Type and Accept always win for those two). */
  headers?: Record<string, string> | undefined;
  /** Aborts the call: the error then has kind "aborted" and the signal's reason as its cause. */
  signal?: AbortSignal | undefined;
}

/**
 * Sends one operation as the spec describes it and returns the success body once it passed the operation's
 * validator, or throws the provider's error class for any failure. `params` must be one plain object and `options`
 * one or none: anything else (e.g. positional arguments) is a TypeError before anything is sent, as is a bad limit.
 */
export async function callOperation<TResult, TError extends OAuthApiError = OAuthApiError>(
  context: CallContext<TError>,
  entry: OperationTableEntry,
  params: object,
  options?: RequestOptions,
): Promise<TResult> {
  const { provider, sdkMethod, requestMediaType } = entry;
  const name = `${provider} ${sdkMethod}`;
  if (!isPlainObject(params) || !(options === undefined || isPlainObject(options)))
    throw new TypeError(`${name} takes an object of parameters and one of options`);
  // The call's own limits, checked, over the configuration's (checked at construction). Both have every limit as
  // an own property (undefined when not given), so no default here is read from a polluted Object.prototype.
  const {
    timeout = context.timeout ?? 30_000,
    maxResponseBytes: cap = context.maxResponseBytes ?? 1_048_576,
    retry = context.retry,
  }: CallLimits = options ? checkedLimits(options) : context;
  const callerSignal = own(options, "signal");
  // The spec's defaults, then the caller's own fields over them. Maps built from input have no prototype.
  const fields: Record<string, unknown> = { __proto__: null, ...entry.defaults };
  for (const [key, value] of Object.entries(params)) if (value !== undefined) fields[key] = value;
  // Where the spec sends each field, with the placement of a spec that has parameters; without, all in the body.
  const { url, header, body }: PlacedFields = context.place
    ? context.place(entry, fields, context)
    : { url: context.baseUrl + entry.path, body: fields };
  // Later ones win: the client authentication the operation asks for, the configured headers (a configured
  // Authorization wins over Basic), the call's, the header parameters, and the spec's Accept and Content-Type.
  const headers = mergeHeaders(
    entry.security?.includes("client_secret_basic") ? context.auth : undefined,
    context.headers,
    own(options, "headers"),
    header as Record<string, string> | undefined,
    { accept: entry.accept, "content-type": requestMediaType },
  );
  // The generated class passes the serializer of each media type its operations send: a table entry whose media type
  // has none is a TypeError (not a function) before anything is sent, never a request without its body.
  const bodyText = requestMediaType
    ? `${(own(context.bodySerializers, requestMediaType) as BodySerializer)(body)}`
    : null;

  // What the attempt left behind, for its error.
  let response: Response | undefined;
  // The request's secrets are gathered only when something failed: a success never needs them.
  let secrets: unknown[] | undefined;
  const secretValues = () =>
    (secrets ??= [
      ...Object.keys(fields)
        .filter(isSecretField)
        .map((key) => fields[key]),
      context.clientSecret,
      // A provider may echo the Authorization it got: "<scheme> <credentials>", or a secret whole without a scheme.
      headers
        .get("authorization")
        ?.trim()
        .replace(/^\S+\s+/, ""),
    ]);
  // Only what the server sent is scrubbed, never our own words around it.
  const scrub = (text: string) => redactText(scrubValues(text, secretValues()));
  const fail: Fail = (kind, detail, provided = {}, cause) => {
    // Scrubbed, as everything the server sent: its Content-Type too. Never a cookie.
    const shown: Record<string, string> | undefined = response && {};
    response?.headers.forEach((value, header) => {
      if (header !== "set-cookie") (shown as Record<string, string>)[header] = scrub(value);
    });
    // The cause as it is, unless its text (its cause's too) holds a secret: then an Error with the scrubbed message.
    const error = cause as Error | undefined;
    const inner = error?.cause as Error | undefined;
    const causeText = [error, error?.stack, inner, inner?.stack].join("\n");
    throw new context.errorClass({
      message: `${name} failed: ${detail}`,
      provider,
      operation: sdkMethod,
      status: response?.status ?? 0,
      kind,
      ...provided,
      body: scrubDeep(provided.body, secretValues()),
      contentType: shown?.["content-type"],
      headers: shown,
      retryAfter: retryAfterSeconds(shown?.["retry-after"]),
      cause: scrub(causeText) === causeText ? cause : new Error(scrub(`${error?.message ?? cause}`)),
    } as OAuthApiErrorInit<never>);
  };

  for (let attempt = 1; ; attempt++) {
    response = undefined;
    // One signal for the caller's abort and the timeout. Not AbortSignal.any: on Node 20 a combined signal that fetch
    // listens to is kept for good once aborted (the token manager aborts each refresh's signal when it is done).
    // Which of the two it was is told by the caller's signal, which keeps its reason.
    const timer = new AbortController();
    const abort = () => timer.abort();
    const timeoutId = setTimeout(abort, timeout);
    callerSignal?.addEventListener("abort", abort);
    if (callerSignal?.aborted) abort();
    const { signal } = timer;
    try {
      let text: string;
      try {
        // One request, sent once, with no redirect followed. Its init has no prototype: fetch reads every member of
        // it, and one inherited from a polluted Object.prototype (a `dispatcher`, say) would be taken. fetch builds
        // the Request itself (a Request passed alone has its init read from the prototype too); a custom fetch gets
        // it built, as fetch(input) would.
        const init = {
          __proto__: null,
          method: entry.httpMethod,
          headers,
          body: bodyText,
          redirect: "manual",
          signal,
        } as RequestInit;
        response = await (context.fetch ? context.fetch(new Request(url, init)) : fetch(url, init));
        text = await readText(response, cap, signal, context.fetch);
      } catch (error) {
        if (error === TOO_LARGE) fail("too-large", `HTTP ${response?.status} body over ${cap} bytes`);
        if (callerSignal?.aborted) fail("aborted", "aborted by the caller", {}, callerSignal.reason);
        if (signal.aborted) fail("timeout", `no complete response within ${timeout} ms`);
        fail("network", `no response (${scrub(fetchErrorCode(error))})`, {}, error);
      } finally {
        // The body is read by now: the timeout bounded the whole exchange, and is over before any backoff.
        clearTimeout(timeoutId);
        callerSignal?.removeEventListener("abort", abort);
      }
      // The response, classified: a success value that passed the result shape of the request's fields (an
      // overload's, else the operation's), or a failure with the kind and our words.
      const { status, statusText, headers: received } = response;
      let json: unknown;
      // Parsed once, whatever the content type says: some providers send JSON as text/plain.
      try {
        json = JSON.parse(text);
      } catch {}
      // Built only for a failure: a success never scrubs anything, nor reads more headers.
      const contentType = () => scrub(received.get("content-type") ?? "");
      const line = () => `HTTP ${status}${statusText ? ` ${scrub(statusText)}` : ""}`;
      // The provider's own code and message at the given paths.
      const provided = (paths: ErrorFieldPaths = {}): ProvidedError => {
        const code = valueAtPath(json, paths.code);
        const description = valueAtPath(json, paths.message);
        return {
          body: json,
          code: typeof code === "number" ? code : typeof code === "string" ? scrub(code) : undefined,
          description: typeof description === "string" && description ? scrub(description) : undefined,
        };
      };
      if (((status / 100) | 0) === 3 || response.type === "opaqueredirect") {
        // The target's origin only: its path and query may carry anything.
        const location = received.get("location");
        const base = response.url || undefined;
        fail(
          "redirect",
          `${line()} redirect${location === null ? "" : ` to ${URL.canParse(location, base) ? scrub(new URL(location, base).origin) : "an invalid URL"}`} not followed`,
        );
      }
      if (!entry.successStatuses.includes(status)) {
        const { errorFields } = entry;
        const error = provided(
          own(errorFields, `${status}`) ??
            own(errorFields, `${(status / 100) | 0}XX`) ??
            own(errorFields, "default"),
        );
        // The provider's own words when it gave any, else what the body shows.
        const said = [error.code, error.description].join(" ").trim();
        const shown = scrub(text).replace(/\s+/g, " ").trim();
        fail(
          "http",
          said
            ? `${line()}: ${said}`
            : `${line()} with ${shown ? `a ${json === undefined ? contentType() || "non-JSON" : "JSON"} body: ${shown.length > 200 ? `${shown.slice(0, 200)}…` : shown}` : "an empty body"}`,
          error,
        );
      }
      // Only a body that did not parse can be empty: a success reads no more of its text.
      if (json === undefined) {
        if (!text.trim()) fail("empty-body", `${line()} with an empty body`);
        fail(
          "invalid-json",
          `${line()} with a body that is not valid JSON (${text.length} characters${contentType() && `, ${contentType()}`})`,
        );
      }
      context.inBody?.(entry.errorInBody, json, provided, line, fail);
      const shape = context.overloadResult?.(entry, fields) ?? entry.result;
      const invalid = shape && invalidAt(json, shape);
      if (invalid !== undefined) {
        fail(
          "invalid-response",
          `${line()} with a body that is not the success model (${invalid ? `at ${invalid}` : "not an object"})`,
        );
      }
      return json as TResult;
    } catch (error) {
      const delay = retryDelay(
        error as OAuthApiError,
        attempt,
        retry,
        (fields.code ?? fields.refresh_token) != null,
      );
      if (delay === undefined) throw error;
      // Ends early when the caller aborts: the next attempt then fails at once as "aborted".
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(wait);
          callerSignal?.removeEventListener("abort", done);
          resolve();
        };
        const wait = setTimeout(done, delay);
        callerSignal?.addEventListener("abort", done);
      });
    }
  }
}
