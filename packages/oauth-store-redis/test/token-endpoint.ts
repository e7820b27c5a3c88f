// A rotating refresh endpoint on 127.0.0.1 for many accounts, answering as Avito's POST /token does: each refresh
// token is `rt.<account>.<generation>`, only an account's newest one is accepted (a spent one is refused and counted),
// and every request is counted. A share of the accounts is first answered 429 with Retry-After; a request for such
// an account before its Retry-After has passed is counted as early.
import { createServer, type Server } from "node:http";

export interface TokenEndpointOptions {
  /** Percent of the accounts (by a hash of the account) whose first refresh is answered 429. Default 0. */
  throttledPercent?: number;
  /** Seconds of the 429's Retry-After. Default 1. */
  retryAfterSeconds?: number;
  /** Lifetime of the access tokens issued, in seconds. Default 3,600. */
  expiresIn?: number;
}

/** What reached the endpoint (live counts). */
export interface EndpointCounts {
  /** Refresh requests received, 429s included. */
  requests: number;
  /** Refresh requests answered with a new token set. */
  refreshes: number;
  /** Accounts refreshed more than once. */
  refreshedTwice: number;
  /** Requests that presented a spent refresh token. */
  spentPresented: number;
  throttled: number;
  /** Requests for a throttled account before its Retry-After had passed. */
  early: number;
}

export interface TokenEndpoint {
  /** The base URL to give the provider package (`${url}/token` is the endpoint). */
  readonly url: string;
  readonly counts: Readonly<EndpointCounts>;
  /** Accounts refreshed at least once. */
  accountsRefreshed(): number;
  close(): Promise<void>;
}

/** The refresh token an account starts with. */
export const firstRefreshToken = (account: string) => `rt.${account}.0`;

export async function startTokenEndpoint(options: TokenEndpointOptions = {}): Promise<TokenEndpoint> {
  const { throttledPercent = 0, retryAfterSeconds = 1, expiresIn = 3_600 } = options;
  /** Per account: its newest generation; and until when it is throttled (0 once it was answered). */
  const generation = new Map<string, number>();
  const notBefore = new Map<string, number>();
  const counts: EndpointCounts = {
    requests: 0,
    refreshes: 0,
    refreshedTwice: 0,
    spentPresented: 0,
    throttled: 0,
    early: 0,
  };

  const server: Server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      counts.requests++;
      const answer = (status: number, json: object, headers: Record<string, string> = {}) => {
        response.writeHead(status, { "content-type": "application/json", ...headers });
        response.end(JSON.stringify(json));
      };
      const token = new URLSearchParams(body).get("refresh_token") ?? "";
      const match = /^rt\.(.+)\.(\d+)$/.exec(token);
      if (!match) return answer(400, { error: "invalid_request" });
      const account = match[1] as string;
      const presented = Number(match[2]);
      const current = generation.get(account) ?? 0;
      if (presented !== current) {
        counts.spentPresented++;
        return answer(400, { error: "invalid_grant" });
      }
      const now = Date.now();
      const until = notBefore.get(account);
      if (until === undefined && hashPercent(account) < throttledPercent) {
        counts.throttled++;
        notBefore.set(account, now + retryAfterSeconds * 1000);
        return answer(429, { error: "too_many_requests" }, { "retry-after": String(retryAfterSeconds) });
      }
      if (until !== undefined && now < until) {
        counts.early++;
        return answer(429, { error: "too_many_requests" }, { "retry-after": String(retryAfterSeconds) });
      }
      if (current === 1) counts.refreshedTwice++;
      counts.refreshes++;
      generation.set(account, current + 1);
      notBefore.set(account, 0);
      answer(200, {
        access_token: `at.${account}.${current + 1}`,
        refresh_token: `rt.${account}.${current + 1}`,
        expires_in: expiresIn,
        token_type: "Bearer",
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    counts,
    accountsRefreshed: () => generation.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** 0–99 from the account's name, the same on every run. */
function hashPercent(account: string): number {
  let hash = 0;
  for (let i = 0; i < account.length; i++) hash = (hash * 31 + account.charCodeAt(i)) >>> 0;
  return hash % 100;
}
