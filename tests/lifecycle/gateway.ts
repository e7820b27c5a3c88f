// A real HTTP gateway on 127.0.0.1 in front of the sandbox: forwards every request, or answers 503 for the next
// few, as a failing load balancer would (the sandbox never sees those, so no token is spent).
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export interface Gateway {
  /** Base URL standing for `target`. */
  url: string;
  failNext(count: number): void;
  close(): Promise<void>;
}

export async function startGateway(target: string): Promise<Gateway> {
  const upstream = new URL(target);
  let failing = 0;
  const server = createServer((incoming, outgoing) => {
    if (failing > 0) {
      failing--;
      incoming.resume();
      outgoing.writeHead(503, { "content-type": "text/html" }).end("<h1>503 Service Unavailable</h1>");
      return;
    }
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: `${upstream.pathname.replace(/\/$/, "")}${incoming.url ?? ""}`,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on("error", () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    failNext: (count) => {
      failing = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
