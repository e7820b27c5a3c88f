// HTTP plumbing of the sandbox: reading a bounded body, sending JSON, content negotiation.
import type { IncomingMessage, ServerResponse } from "node:http";

const MAX_BODY_BYTES = 64 * 1024;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Picks the declared media type the client prefers (Accept order and q-values); JSON when it does not care. */
export function negotiate(accept: string | undefined, offered: string[]): string {
  const fallback = offered.includes("application/json")
    ? "application/json"
    : (offered[0] ?? "application/json");
  if (!accept) return fallback;
  const ranges = accept
    .split(",")
    .map((part, index) => {
      const [range = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { range: range.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.range && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { range } of ranges) {
    if (range === "*/*") return fallback;
    if (range.endsWith("/*")) {
      const match = offered.find((m) => m.startsWith(range.slice(0, -1)));
      if (match) return match;
    } else if (offered.includes(range)) {
      return range;
    }
  }
  return fallback;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  mediaType = "application/json",
): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.statusCode = status;
  if (text) res.setHeader("Content-Type", `${mediaType}; charset=utf-8`);
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
}

export function hostOf(req: IncomingMessage): string {
  return `http://${req.headers.host ?? "127.0.0.1"}`;
}
