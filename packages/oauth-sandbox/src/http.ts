// HTTP plumbing of the sandbox: the request target, reading a bounded body, sending JSON, content negotiation.
import type { IncomingMessage, ServerResponse } from "node:http";

const MAX_BODY_BYTES = 64 * 1024;

export class BodyTooLarge extends Error {}

/** The base the URL parser resolves a request target against (only its path and query are read). */
const TARGET_BASE = "http://127.0.0.1";

/**
 * A target the URL parser leaves as it is: a path of letters, digits, `_`, `-` and `/` that does not start with
 * `//` (no dot segment, no escape, no authority), and a query without characters the parser would escape.
 */
const PLAIN_TARGET = /^\/(?!\/)[A-Za-z0-9_\-/]*(?:\?[A-Za-z0-9_\-.~%+=&*!$(),;:@/?]*)?$/;

/** The path and query of a request target, as `new URL(target, base)` gives them; parsed only where it must. */
export function requestTarget(target: string): { pathname: string; query: URLSearchParams } {
  if (PLAIN_TARGET.test(target)) {
    const mark = target.indexOf("?");
    if (mark === -1) return { pathname: target, query: new URLSearchParams() };
    return { pathname: target.slice(0, mark), query: new URLSearchParams(target.slice(mark + 1)) };
  }
  const url = requestUrl(target);
  return { pathname: url.pathname, query: url.searchParams };
}

export function requestUrl(target: string): URL {
  return new URL(target, TARGET_BASE);
}

/**
 * Reads the whole body, then calls `done` once: with the body, or with BodyTooLarge or the stream's error. A
 * callback rather than a promise: the answer is sent from the stream's own "end", with no microtask in between.
 */
export function readBody(req: IncomingMessage, done: (error: Error | undefined, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (error: Error | undefined, body: Buffer) => {
    if (settled) return;
    settled = true;
    done(error, body);
  };
  req.on("data", (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      settle(new BodyTooLarge(), EMPTY_BODY);
      req.resume();
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => settle(undefined, Buffer.concat(chunks)));
  req.on("error", (error) => settle(error, EMPTY_BODY));
}

const EMPTY_BODY = Buffer.alloc(0);

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

/** Header names and values in turn, as `writeHead` takes them. */
export type HeaderList = readonly (string | number)[];

/**
 * Sends `body` as JSON after the `leading` headers. All headers go in one writeHead, as a flat list: no header
 * object per setHeader, and no object grown key by key (which V8 turns into a slow dictionary).
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  mediaType = "application/json",
  leading: HeaderList = [],
): void {
  const text = body === undefined ? "" : serialize(body, mediaType);
  const length = Buffer.byteLength(text);
  const headers = text
    ? leading.concat("Content-Type", contentType(mediaType), "Content-Length", length)
    : leading.concat("Content-Length", length);
  res.writeHead(status, headers as (string | number)[]);
  res.end(text);
}

/** A body in its media type: a form (RFC 6749 answers some vendors send that way) or, for any other, JSON. */
function serialize(body: unknown, mediaType: string): string {
  if (mediaType !== "application/x-www-form-urlencoded" || typeof body !== "object" || body === null)
    return JSON.stringify(body);
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    form.append(name, typeof value === "object" ? JSON.stringify(value) : String(value));
  }
  return form.toString();
}

/** `Content-Type` values by media type: a spec declares a handful, each joined with its charset once. */
const contentTypes = new Map<string, string>();

function contentType(mediaType: string): string {
  let value = contentTypes.get(mediaType);
  if (value === undefined) {
    value = `${mediaType}; charset=utf-8`;
    // Media types come from the specs (negotiate picks only declared ones), so this stays small.
    contentTypes.set(mediaType, value);
  }
  return value;
}

export function hostOf(req: IncomingMessage): string {
  return `http://${req.headers.host ?? "127.0.0.1"}`;
}

/** Host names a page may reach the sandbox by: loopback only, so a DNS-rebinding page (its own name) is refused. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

/** Whether the request's Host is a loopback name or address (or absent, as HTTP/1.0 allows). */
export function loopbackHost(req: IncomingMessage): boolean {
  const host = req.headers.host;
  return host === undefined || LOOPBACK_HOST.test(host);
}

/**
 * Whether a browser sent this request from another origin (a form POST needs no preflight, so a page could
 * otherwise drive the sandbox): `Sec-Fetch-Site` other than same-origin/none, or an `Origin` not the sandbox's own.
 */
export function crossSite(req: IncomingMessage): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.origin;
  return origin !== undefined && origin.toLowerCase() !== `http://${req.headers.host ?? ""}`.toLowerCase();
}
