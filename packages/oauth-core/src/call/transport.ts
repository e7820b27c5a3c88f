// Transport: reading a response body up to the size cap, and naming a fetch failure without its text.

/** Thrown by readText when the body passes the cap. */
export const TOO_LARGE = Symbol();

// One decoder for every body: a decode that is not streamed keeps no state, and making one per call costs time.
const decoder = /* @__PURE__ */ new TextDecoder();

/**
 * The response's body as text, read once as a stream that stops at `cap` bytes (TOO_LARGE) or when `signal` aborts;
 * a declared length over the cap fails at once, before a byte is read. Every body goes this way, also one whose
 * declared length is within the cap: measured, it is faster than fetch's own text(), and an encoded body's length is
 * its compressed size anyway (inflating it is unbounded). `ownBody` is for a body that did not come from fetch with
 * this signal (a custom fetch's may ignore it): cancelling the reader on abort ends a pending read. fetch's own body
 * fails a pending read when its signal aborts, with no listener of ours.
 */
export async function readText(
  response: Response,
  cap: number,
  signal: AbortSignal,
  ownBody: unknown,
): Promise<string> {
  signal.throwIfAborted();
  if (Number(response.headers.get("content-length")) > cap) throw TOO_LARGE;
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    const stop = () => void reader.cancel().catch(() => {});
    // The signal belongs to this attempt alone, so the listener goes with it.
    if (ownBody) signal.addEventListener("abort", stop);
    for (;;) {
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) break;
      size += value.byteLength;
      if (size > cap) {
        stop();
        throw TOO_LARGE;
      }
      chunks.push(value);
    }
  }
  // Decoded once, whole: a streaming decode costs more than joining a body that came in several chunks.
  return chunks[1] ? new Blob(chunks as BlobPart[]).text() : decoder.decode(chunks[0]);
}

/**
 * A fetch failure's code (ECONNREFUSED, …) or the error's name: never its text, which may hold the request URL and
 * with it query parameters.
 */
export function fetchErrorCode(error: unknown): string {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === "string" ? code : error instanceof Error ? error.name : "unknown error";
}
