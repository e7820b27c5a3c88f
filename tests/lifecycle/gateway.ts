// A real HTTP gateway on 127.0.0.1 in front of the sandbox: forwards every request, or answers 503 for the next
// few, as a failing load balancer would (the sandbox never sees those, so no token is spent). It counts the refresh
// requests that reach the sandbox per refresh token, and can rewrite the next answers (a provider's broken answer).
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export interface Gateway {
  /** Base URL standing for `target`. */
  url: string;
  failNext(count: number): void;
  /** Rewrites the JSON body of the next `count` answers the sandbox gives. */
  rewriteNext(count: number, rewrite: (body: Record<string, unknown>) => Record<string, unknown>): void;
  /** Refresh requests forwarded to the sandbox, per refresh token sent. */
  refreshes: Map<string, number>;
  /** The largest number of times one refresh token was sent (0 when none was). */
  mostSends(): number;
  close(): Promise<void>;
}

export async function startGateway(target: string): Promise<Gateway> {
  const upstream = new URL(target);
  let failing = 0;
  let rewriting = 0;
  let rewrite: (body: Record<string, unknown>) => Record<string, unknown> = (body) => body;
  const refreshes = new Map<string, number>();
  const server = createServer((incoming, outgoing) => {
    if (failing > 0) {
      failing--;
      incoming.resume();
      outgoing.writeHead(503, { "content-type": "text/html" }).end("<h1>503 Service Unavailable</h1>");
      return;
    }
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(incoming.url ?? "/", "http://gateway");
      const form = new URLSearchParams(body.toString());
      const grant = form.get("grant_type") ?? url.searchParams.get("grant_type");
      const refreshToken = form.get("refresh_token") ?? url.searchParams.get("refresh_token");
      if (grant === "refresh_token" && refreshToken)
        refreshes.set(refreshToken, (refreshes.get(refreshToken) ?? 0) + 1);
      const forwarded = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: `${upstream.pathname.replace(/\/$/, "")}${incoming.url ?? ""}`,
          headers: { ...incoming.headers, host: upstream.host },
        },
        (answer) => {
          if (rewriting === 0) {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
            return;
          }
          rewriting--;
          const parts: Buffer[] = [];
          answer.on("data", (part: Buffer) => parts.push(part));
          answer.on("end", () => {
            const text = JSON.stringify(rewrite(JSON.parse(Buffer.concat(parts).toString())));
            const { "content-length": _length, ...headers } = answer.headers;
            outgoing.writeHead(answer.statusCode ?? 502, headers).end(text);
          });
        },
      );
      forwarded.on("error", () => outgoing.writeHead(502).end());
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    failNext: (count) => {
      failing = count;
    },
    rewriteNext: (count, change) => {
      rewriting = count;
      rewrite = change;
    },
    refreshes,
    mostSends: () => Math.max(0, ...refreshes.values()),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
