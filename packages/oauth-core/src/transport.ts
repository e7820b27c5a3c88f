// Transport: reading a response body up to the size cap, and naming a fetch failure without its text.

/** Thrown by a capped text() when the body passes the cap. */
export const TOO_LARGE = Symbol();

/**
 * Makes `response.text()`, with which openapi-fetch reads every body, stop at `cap` bytes (TOO_LARGE) or when `signal`
 * aborts. fetch's own body with a declared length within the cap and no content-encoding keeps its native text():
 * HTTP/1.1 frames the body by that length, so no more can arrive. Any other body is read as a stream that stops at
 * the cap: an encoded body's length is its compressed size (inflating it is unbounded), and a custom fetch's body
 * (`ownBody`, when truthy) may be anything, also deaf to the signal: cancelling its reader on abort ends a pending read. fetch's
 * own body fails a pending read when its signal aborts, with no listener of ours.
 */
export function capText(response: Response, cap: number, signal: AbortSignal, ownBody: unknown): Response {
  const { headers } = response;
  const length = headers.get("content-length");
  if (!ownBody && length && +length <= cap && !headers.has("content-encoding")) return response;
  response.text = async () => {
    signal.throwIfAborted();
    // A declared length over the cap fails at once, before a byte is read.
    if (Number(length) > cap) throw TOO_LARGE;
    const reader = response.body?.getReader();
    if (!reader) return "";
    const stop = () => void reader.cancel().catch(() => {});
    // The signal belongs to this attempt alone, so the listener goes with it.
    if (ownBody) signal.addEventListener("abort", stop);
    const decoder = new TextDecoder();
    let text = "";
    let size = 0;
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
  };
  return response;
}

/**
 * A fetch failure's code (ECONNREFUSED, …) or the error's name: never its text, which may hold the request URL and
 * with it query parameters.
 */
export function fetchErrorCode(error: unknown): string {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === "string" ? code : error instanceof Error ? error.name : "unknown error";
}
