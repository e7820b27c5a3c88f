// A real HTTP server on 127.0.0.1 for package tests: it records every request and answers from a queue of replies.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// Keys whose values a snapshot never shows; kept here, apart from the runtime's own list, so the check is independent.
const SECRET_KEYS = new Set(["client_secret", "code", "access_token", "refresh_token", "password"]);
const redactForm = (params: URLSearchParams) =>
  new URLSearchParams([...params].map(([key, value]) => [key, SECRET_KEYS.has(key) ? "[redacted]" : value]));

export interface RecordedRequest {
  method: string;
  /** Path and query string, as received. */
  url: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names, sorted. */
  headers: Record<string, string>;
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is (so a cut-off JSON text stays cut off); anything else is sent as JSON. */
  body?: unknown;
  /** Drop the connection instead of answering. */
  destroy?: boolean;
}

export type Responder = Reply | ((request: RecordedRequest) => Reply);

export interface TestServer {
  /** e.g. "http://127.0.0.1:41234" */
  url: string;
  requests: RecordedRequest[];
  /** The most recent request; throws when none arrived. */
  lastRequest(): RecordedRequest;
  /** Queues replies, used in order; once the queue is empty the last one keeps answering. */
  reply(...responders: Responder[]): void;
  /** Forgets the recorded requests and the queued replies, for the next test. */
  reset(): void;
  close(): Promise<void>;
}

// Headers that the HTTP client adds on its own and that change with the port or the Node version.
const VOLATILE_HEADERS = new Set([
  "host",
  "connection",
  "keep-alive",
  "user-agent",
  "accept-encoding",
  "accept-language",
  "sec-fetch-mode",
]);

export async function startTestServer(): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  let queue: Responder[] = [];
  let last: Responder = { status: 500, body: { error: "no reply queued" } };

  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
      const headers: Record<string, string> = {};
      for (const name of Object.keys(incoming.headers).sort()) {
        const value = incoming.headers[name];
        headers[name] = Array.isArray(value) ? value.join(", ") : (value ?? "");
      }
      const recorded: RecordedRequest = {
        method: incoming.method ?? "",
        url: incoming.url ?? "",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      const responder = queue.shift() ?? last;
      if (queue.length === 0) last = responder;
      const reply = typeof responder === "function" ? responder(recorded) : responder;
      if (reply.destroy) {
        incoming.socket.destroy();
        return;
      }
      const body =
        reply.body === undefined
          ? ""
          : typeof reply.body === "string"
            ? reply.body
            : JSON.stringify(reply.body);
      const contentType =
        typeof reply.body === "string" || reply.body === undefined
          ? {}
          : { "content-type": "application/json" };
      outgoing.writeHead(reply.status ?? 200, { ...contentType, ...reply.headers });
      outgoing.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    lastRequest() {
      const request = requests.at(-1);
      if (!request) throw new Error("the test server received no request");
      return request;
    },
    reply(...responders) {
      queue = [...queue, ...responders];
    },
    reset() {
      requests.length = 0;
      queue = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * A stable view of a request for snapshots: method, URL, sorted headers without the client's volatile ones, and
 * the body. Secret values (form fields, query parameters, Authorization) are redacted.
 */
export function requestSnapshot(request: RecordedRequest) {
  const url = new URL(request.url, "http://127.0.0.1");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!VOLATILE_HEADERS.has(name))
      headers[name] = name === "authorization" ? value.replace(/ .*/, " [redacted]") : value;
  }
  const query = redactForm(url.searchParams).toString().replaceAll("%5Bredacted%5D", "[redacted]");
  const form = request.headers["content-type"]?.startsWith("application/x-www-form-urlencoded");
  return {
    method: request.method,
    url: `${url.pathname}${query ? `?${query}` : ""}`,
    headers,
    body: form ? Object.fromEntries(redactForm(new URLSearchParams(request.body))) : request.body,
  };
}

/** A URL on 127.0.0.1 where nothing listens, for network failures. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
